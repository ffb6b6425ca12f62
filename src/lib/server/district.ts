/**
 * The district view (区政务服务管理办公室): each centre of the caller's district in one month,
 * side by side, and the supervision findings across them. Worked out here from the records table
 * with the monthly report's own functions (domain/monthly-report.ts, domain/supervision.ts), so a
 * centre's column is the line that centre's report shows. Aggregates only: what leaves this module
 * is counts, dates, department names and check items — no applicant, no staff member, no text.
 */
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
	attendance,
	caseRecord,
	centre as centreEntity,
	dayPlan,
	department,
	extendedService,
	inspection,
	safeParseRecord,
	serviceWindow,
	staff,
	appointment,
	volumeEntry,
	type DistrictCentre,
	type DistrictFigures,
	type DistrictFinding,
	type Entity,
	type VolumeEntry
} from '$lib/schemas';
import { hallCalendar } from '$lib/domain/calendar';
import { monthlyFigures, monthRange } from '$lib/domain/monthly-report';
import { departmentOf, summariseMonth } from '$lib/domain/supervision';
import { dayRollup } from '$lib/domain/volume';
import type { Db } from './db/open';
import { centres, records } from './db/schema';

/** Records read whole: the organisation and the centre's calendar, and every 办件 (cases run across months). */
const whole = ['centre', 'department', 'staff', 'window', 'case'];
/** Records read for the month's dates only (the records_centre_entity_date index). */
const dated = ['volume', 'dayPlan', 'attendance', 'extendedService', 'appointment', 'inspection'];

/** The centres of the district of `centreId`, by name; a centre with no district is its own. */
export async function districtCentres(
	db: Db,
	centreId: string
): Promise<{ id: string; name: string }[]> {
	const [own] = await db.orm
		.select({ district: centres.district })
		.from(centres)
		.where(eq(centres.id, centreId));
	if (!own) return [];
	return db.orm
		.select({ id: centres.id, name: centres.name })
		.from(centres)
		.where(own.district === null ? eq(centres.id, centreId) : eq(centres.district, own.district))
		.orderBy(asc(centres.name), asc(centres.id));
}

async function centreMonth(
	db: Db,
	centre: { id: string; name: string },
	month: string,
	today: string
): Promise<{ line: DistrictCentre; findings: DistrictFinding[] }> {
	const { from, to } = monthRange(month);
	const rows = await db.orm
		.select({ entity: records.entity, data: records.data })
		.from(records)
		.where(
			and(
				eq(records.centreId, centre.id),
				eq(records.deleted, false),
				or(
					inArray(records.entity, whole),
					and(
						inArray(records.entity, dated),
						sql`(${records.data}->>'date') between ${from} and ${to}`
					)
				)
			)
		);
	// Every row is upgraded and checked as it is read; one that fails is left out, as the pull does.
	const of = <S extends z.ZodType>(entity: Entity<S>): z.infer<S>[] =>
		rows.flatMap((r) => {
			if (r.entity !== entity.name) return [];
			const parsed = safeParseRecord(entity, r.data);
			return parsed.ok ? [parsed.value] : [];
		});

	const volume = new Map<string, VolumeEntry[]>();
	for (const row of of(volumeEntry)) {
		const list = volume.get(row.date);
		if (list) list.push(row);
		else volume.set(row.date, [row]);
	}
	const departments = of(department);
	const staffRows = of(staff);
	const windows = of(serviceWindow);
	const inspections = of(inspection);
	const figures = monthlyFigures({
		month,
		today,
		calendar: hallCalendar(of(centreEntity)[0]?.settings),
		days: [...volume].map(([date, list]) => dayRollup(date, list)),
		plans: of(dayPlan),
		attendance: of(attendance),
		extended: of(extendedService),
		appointments: of(appointment),
		cases: of(caseRecord),
		inspections,
		departments,
		staff: staffRows,
		windows
	});

	// The same organisation the report's findings column counts by.
	const org = {
		departments,
		staff: staffRows,
		windows,
		hallDepartmentId: (departments.find((d) => d.operations) ?? departments[0])?.id ?? ''
	};
	const summary = summariseMonth(inspections, month, org);
	const names = new Map(departments.map((d) => [d.id, d.name]));
	const findings = inspections
		.filter((i) => i.date.startsWith(`${month}-`))
		.flatMap((i) =>
			i.findings.map((f) => ({
				centreId: centre.id,
				date: i.date,
				department: names.get(departmentOf(f.subject, org)) ?? '',
				checkItem: f.checkItem,
				status: f.status
			}))
		);
	const sum = (pick: (d: (typeof summary.departments)[number]) => number) =>
		summary.departments.reduce((n, d) => n + pick(d), 0);
	return {
		line: {
			id: centre.id,
			name: centre.name,
			figures: figures.centre,
			inspections: summary.inspections,
			openFindings: sum((d) => d.open),
			proposedFindings: sum((d) => d.proposed),
			commendations: sum((d) => d.commendations)
		},
		findings
	};
}

/** The month of every centre of the caller's district, findings by date then centre. */
export async function districtFigures(
	db: Db,
	centreId: string,
	month: string,
	{ today, now = new Date() }: { today: string; now?: Date }
): Promise<DistrictFigures> {
	const list = await districtCentres(db, centreId);
	const months = [];
	// One centre at a time: a district's month is a handful of centres, and the pool serves others.
	for (const c of list) months.push(await centreMonth(db, c, month, today));
	return {
		month,
		at: now.toISOString(),
		centres: months.map((m) => m.line),
		findings: months
			.flatMap((m) => m.findings)
			.sort(
				(a, b) =>
					a.date.localeCompare(b.date) ||
					list.findIndex((c) => c.id === a.centreId) - list.findIndex((c) => c.id === b.centreId)
			)
	};
}
