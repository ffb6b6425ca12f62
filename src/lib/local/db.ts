/**
 * The browser's own copy of the hall's data, in IndexedDB. Tables named after entities hold rows
 * the server has confirmed; only a pull writes them. `overlay` holds the rows as the device's
 * pending mutations would leave them, rebuilt from `outbox` after every pull, so the screens can
 * show unsent work on top of the confirmed state and mark it as pending.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { EntityName, MutationResult } from '$lib/schemas';
import { rebuildAll } from './rollup';
import { LOCAL_DATABASE } from './name';

export interface StoredRow {
	id: string;
	centreId: string;
	date?: string;
	[key: string]: unknown;
}

export interface OverlayRow {
	entity: EntityName;
	id: string;
	centreId: string;
	date?: string;
	data: StoredRow | null;
	/** Outbox mutation ids that touched this row. */
	mutationIds: number[];
}

export interface OutboxEntry {
	mutationId: number;
	name: string;
	args: unknown;
	createdAt: string;
	centreId: string;
	userId: string;
}

export interface MetaRow {
	key: string;
	value: unknown;
}

export interface DailyVolumeRow {
	/** centreId|date */
	key: string;
	centreId: string;
	date: string;
	totals: Record<string, number>;
	byCategory: Record<string, Record<string, number>>;
	byChannel: Record<string, Record<string, number>>;
}

export class HallDatabase extends Dexie {
	centre!: Table<StoredRow, string>;
	department!: Table<StoredRow, string>;
	staff!: Table<StoredRow, string>;
	taskForceMember!: Table<StoredRow, string>;
	window!: Table<StoredRow, string>;
	serviceItem!: Table<StoredRow, string>;
	dayPlan!: Table<StoredRow, string>;
	attendance!: Table<StoredRow, string>;
	extendedService!: Table<StoredRow, string>;
	slot!: Table<StoredRow, string>;
	appointment!: Table<StoredRow, string>;
	volume!: Table<StoredRow, string>;
	inspection!: Table<StoredRow, string>;
	ruleSet!: Table<StoredRow, string>;
	case!: Table<StoredRow, string>;
	evaluation!: Table<StoredRow, string>;
	overtimeApproval!: Table<StoredRow, string>;
	timeOff!: Table<StoredRow, string>;
	monthlyReport!: Table<StoredRow, string>;
	overlay!: Table<OverlayRow, [string, string]>;
	outbox!: EntityTable<OutboxEntry, 'mutationId'>;
	results!: EntityTable<MutationResult, 'mutationId'>;
	meta!: EntityTable<MetaRow, 'key'>;
	dailyVolume!: EntityTable<DailyVolumeRow, 'key'>;

	constructor(name = LOCAL_DATABASE) {
		// Live queries read IndexedDB directly. Dexie's shared query cache deep-copies each result
		// it hands out, and the board's reads (a year of day roll-ups, a year of bookings) made that
		// about a fifth of the board's main-thread work when it opens. Few screens repeat one
		// another's queries, so the cache saved little here.
		super(name, { cache: 'disabled' });
		// Version 1: indexes follow the screens' queries — a centre's rows, and a centre's day.
		this.version(1).stores({
			centre: 'id',
			department: 'id, centreId',
			staff: 'id, centreId, [centreId+departmentId]',
			taskForceMember: 'id, centreId',
			window: 'id, centreId',
			serviceItem: 'id, centreId',
			dayPlan: 'id, [centreId+date]',
			attendance: 'id, [centreId+date]',
			slot: 'id, [centreId+date], [centreId+date+departmentId]',
			appointment: 'id, [centreId+date], [centreId+date+departmentId], slotId',
			volume: 'id, [centreId+date]',
			inspection: 'id, [centreId+date]',
			ruleSet: 'id, centreId',
			overlay: '[entity+id], [entity+centreId], [entity+centreId+date]',
			outbox: 'mutationId',
			results: 'mutationId, status',
			meta: 'key'
		});
		// Version 2: daily volume roll-ups, so a year's review reads a few hundred rows.
		this.version(2).stores({ dailyVolume: 'key, [centreId+date]' });
		// Version 3: the same stores; roll-ups now move by difference, so every day that holds rows
		// gets one, built from the rows (rollup.ts).
		this.version(3).stores({}).upgrade(rebuildAll);
		// Version 5: extended service logged on any open day, with or without a day plan.
		this.version(5).stores({ extendedService: 'id, [centreId+date]' });
		// Version 7: 办件 (限时办结), a centre's cases and a department's.
		this.version(7).stores({ case: 'id, centreId, [centreId+departmentId]' });
		// Version 8: 好差评 evaluations, read per centre (a few hundred a year).
		this.version(8).stores({ evaluation: 'id, centreId' });
		// Version 9: 加班 approvals per person and month, and 调休补休 taken, by day.
		this.version(9).stores({
			overtimeApproval: 'id, centreId',
			timeOff: 'id, centreId, [centreId+date]'
		});
		// Version 10: the monthly 不打烊 / 延时 report, one row per centre and month.
		this.version(10).stores({ monthlyReport: 'id, centreId' });
	}

	entityTable(entity: EntityName): Table<StoredRow, string> {
		return this.table(entity);
	}
}

/** Tables a mutation may touch, for transactions that must see the whole local state. */
export const entityTables: EntityName[] = [
	'centre',
	'department',
	'staff',
	'taskForceMember',
	'window',
	'serviceItem',
	'dayPlan',
	'attendance',
	'extendedService',
	'slot',
	'appointment',
	'volume',
	'inspection',
	'ruleSet',
	'case',
	'evaluation',
	'overtimeApproval',
	'timeOff',
	'monthlyReport'
];

/** Entities whose rows are looked up by centre and date. */
export const datedEntities = new Set<EntityName>([
	'dayPlan',
	'attendance',
	'extendedService',
	'slot',
	'appointment',
	'volume',
	'inspection',
	'timeOff'
]);
