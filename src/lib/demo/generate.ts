/**
 * The demo centre with a year of invented history, for the server seeder and for tests.
 * Pure: the same seed and `today` give the same records, byte for byte. Nothing reads the
 * clock, the network or Math.random, so a demo can be rebuilt and compared at any time.
 *
 * Working and non-working days come from `dayKind` in $lib/domain/calendar (the national calendar
 * chinese-days ships, read as data), so the demo and the app agree on every holiday.
 */
import type { Centre, EntityName, RuleSet, VolumeEntry } from '$lib/schemas';
import {
	counterNames,
	defaultCentreSettings,
	defaultRuleNumbers,
	ruleSetId,
	volumeEntryId
} from '$lib/schemas';
import { createAppointments } from './appointments';
import { createCases } from './cases';
import { createServiceItems, createWindows } from './catalogue';
import { createEvaluations } from './evaluations';
import { createInspections } from './inspections';
import { centreId, createOrganisation, district } from './organisation';
import { createPlans } from './plans';
import { Random } from './random';
import { createVolume, volumeStart } from './volume';
import { HALL_TIME_ZONE } from '$lib/domain/hall-clock';

export interface DemoOptions {
	seed: number;
	/** `YYYY-MM-DD` in Asia/Shanghai: the demo's history ends the day before. */
	today: string;
	/** Months of volume history; 12 by default. */
	months?: number;
	/**
	 * Another centre of the demo district (a branch hall): its own name and id, and only the records
	 * its monthly figures are made of (no appointment slots, ratings or task force), so that the
	 * district view has centres to compare and the demo still starts quickly.
	 */
	branch?: DemoBranch;
}

interface DemoBranch {
	id: string;
	slug: string;
	name: string;
	address: string;
	/** A branch is smaller than the district's main hall: its counts are this share of the generated ones. */
	volumeShare: number;
}

/** The district key every demo centre carries (centres.district), so the district office reads all three. */
const DEMO_DISTRICT = 'demo-district';

/** The branch halls of the demo district, each with a year of figures of its own (its own seed). */
export const demoBranches: readonly (DemoBranch & { seed: number })[] = [
	{
		id: 'demo-east',
		slug: 'demo-east',
		name: `${district}东部政务服务分中心`,
		address: `${district}东湖路 18 号`,
		volumeShare: 0.6,
		seed: 2027
	},
	{
		id: 'demo-west',
		slug: 'demo-west',
		name: `${district}西部政务服务分中心`,
		address: `${district}青禾街 6 号`,
		volumeShare: 0.35,
		seed: 2028
	}
];

/** Records a branch leaves out: not part of the month's figures, and the bulk of a demo. */
const notInBranch = new Set<EntityName>(['slot', 'evaluation', 'taskForceMember']);

/**
 * One hour's counts at a branch's share. Rounding down keeps every count within the one it is
 * part of (一次办成 within 办结), and the refusal reasons still add up to the refusals.
 */
function scaled(row: VolumeEntry, share: number): VolumeEntry {
	const counters = { ...row.counters };
	for (const name of counterNames) counters[name] = Math.floor(row.counters[name] * share);
	const reasons = Object.entries(row.refusalReasons).map(
		([reason, n]) => [reason, Math.floor(n * share)] as [string, number]
	);
	const short = counters.refused - reasons.reduce((sum, [, n]) => sum + n, 0);
	if (reasons.length && short > 0) reasons[0][1] += short;
	return {
		...row,
		counters,
		refusalReasons: Object.fromEntries(reasons.filter(([, n]) => n > 0)),
		...(row.waiting !== undefined && { waiting: Math.floor(row.waiting * share) })
	};
}

/**
 * A branch reports each window's (and each platform's) day as one total, the way a hall without
 * the tablets' hourly counts hands in its figures: what the month's report reads (category,
 * channel, window) stays, the hours and queue snapshots go, and the demo seeds a few thousand rows
 * per branch instead of tens of thousands.
 */
function dailyTotals(rows: readonly VolumeEntry[]): VolumeEntry[] {
	const days = new Map<string, VolumeEntry>();
	for (const row of rows) {
		const key = [row.date, row.category, row.channel, row.windowId ?? '-'].join('|');
		const day = days.get(key);
		if (!day) {
			const { waiting: _waiting, ...rest } = row;
			days.set(key, {
				...rest,
				id: volumeEntryId(
					row.centreId,
					row.date,
					row.hour,
					row.category,
					row.channel,
					row.windowId
				),
				counters: { ...row.counters },
				refusalReasons: { ...row.refusalReasons }
			});
			continue;
		}
		for (const name of counterNames) day.counters[name] += row.counters[name];
		for (const [reason, n] of Object.entries(row.refusalReasons)) {
			day.refusalReasons[reason] = (day.refusalReasons[reason] ?? 0) + n;
		}
	}
	return [...days.values()];
}

/**
 * Moves the demo centre's records to a branch: its centre id, and the ids derived from the
 * centre's (`demo-centre:2026-11-07`, `demo-centre:rules`, `demo-centre|2026-11-07|09|…`).
 */
function rehome(records: DemoRecord[], branch: DemoBranch): DemoRecord[] {
	const volume = dailyTotals(
		records.filter((r) => r.entity === 'volume').map((r) => r.data as VolumeEntry)
	);
	return records
		.filter((r) => !notInBranch.has(r.entity) && r.entity !== 'volume')
		.concat(volume.map((data) => ({ entity: 'volume', data })))
		.map(({ entity, data }) => {
			const row = data as { id: string; centreId: string };
			const derived = row.id.startsWith(`${centreId}:`) || row.id.startsWith(`${centreId}|`);
			const id = derived ? `${branch.id}${row.id.slice(centreId.length)}` : row.id;
			const moved =
				entity === 'volume'
					? { ...scaled(row as VolumeEntry, branch.volumeShare), id, centreId: branch.id }
					: { ...row, id, centreId: branch.id };
			return {
				entity,
				data:
					entity === 'centre'
						? {
								...moved,
								id: branch.id,
								name: branch.name,
								slug: branch.slug,
								address: branch.address
							}
						: moved
			};
		});
}

export interface DemoRecord {
	entity: EntityName;
	data: unknown;
}

export interface Demo {
	centre: Centre;
	/** Every record, the centre first, in an order that never refers forward. */
	records: DemoRecord[];
	/** The district the centre belongs to (centres.district). */
	district: string;
}

export function generateDemo({ seed, today, months = 12, branch }: DemoOptions): Demo {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`today must be YYYY-MM-DD: ${today}`);
	const random = new Random(seed);
	const centre: Centre = {
		id: centreId,
		centreId,
		v: 1,
		name: `${district}政务服务中心`,
		slug: 'demo',
		address: `${district}和乐大道 1 号 政务服务大厦一层`,
		timeZone: HALL_TIME_ZONE,
		settings: {
			...defaultCentreSettings,
			// 010-5555 numbers are reserved for fiction; nobody answers them.
			consultationPhones: [
				{ label: '咨询电话', phone: '010-55550101' },
				{ label: '不打烊值班电话', phone: '010-55550102' }
			],
			planStartDate: volumeStart(today, months)
		}
	};
	const rules: RuleSet = { id: ruleSetId(centreId), centreId, v: 1, ...defaultRuleNumbers };

	const org = createOrganisation(random.fork('organisation'));
	const windows = createWindows();
	const items = createServiceItems(random.fork('items'), today);
	const { plans, attendance } = createPlans(random.fork('plans'), org, windows, today);
	const planByDate = new Map(plans.map((p) => [p.date, p]));
	const volume = createVolume(random.fork('volume'), { today, months, plans: planByDate, windows });
	const { slots, appointments } = createAppointments(
		random.fork('appointments'),
		org,
		items,
		today
	);
	const inspections = createInspections(random.fork('inspections'), org, plans, attendance, today);
	const cases = createCases(random.fork('cases'), items, today);
	const evaluations = createEvaluations(random.fork('evaluations'), org, windows, items, today);

	const as = (entity: EntityName, list: unknown[]): DemoRecord[] =>
		list.map((data) => ({ entity, data }));
	const records: DemoRecord[] = [
		...as('centre', [centre]),
		...as('ruleSet', [rules]),
		...as('department', org.departments),
		...as('staff', org.staff),
		...as('taskForceMember', org.taskForce),
		...as('window', windows),
		...as('serviceItem', items),
		...as('dayPlan', plans),
		...as('attendance', attendance),
		...as('slot', slots),
		...as('appointment', appointments),
		...as('volume', volume),
		...as('inspection', inspections),
		...as('case', cases),
		...as('evaluation', evaluations)
	];
	if (!branch) return { centre, records, district: DEMO_DISTRICT };
	const moved = rehome(records, branch);
	return { centre: moved[0].data as Centre, records: moved, district: DEMO_DISTRICT };
}
