/**
 * One month's report as the report screen reads it: the live figures worked out from this
 * device's records (domain/monthly-report.ts) beside the report row with its sent versions.
 */
import { repo, rollup, type HallDatabase } from '$lib/local';
import type { Row } from '$lib/local/repository';
import { monthlyReportId, type ReportFigures, type SentReport } from '$lib/schemas';
import { hallCalendar } from '$lib/domain/calendar';
import { monthlyFigures, monthRange } from '$lib/domain/monthly-report';
import { Live } from './live.svelte';

export interface MonthlyReportData {
	figures: ReportFigures;
	report: Row<'monthlyReport'> | undefined;
}

async function load(
	db: HallDatabase,
	centreId: string,
	month: string,
	today: string
): Promise<MonthlyReportData> {
	const { from, to } = monthRange(month);
	const [
		days,
		centres,
		departments,
		staff,
		windows,
		plans,
		attendance,
		extended,
		appointments,
		inspections,
		cases,
		report
	] = await Promise.all([
		rollup.between(db, centreId, from, to),
		repo.all(db, 'centre', centreId),
		repo.all(db, 'department', centreId),
		repo.all(db, 'staff', centreId),
		repo.all(db, 'window', centreId),
		repo.between(db, 'dayPlan', centreId, from, to),
		repo.between(db, 'attendance', centreId, from, to),
		repo.between(db, 'extendedService', centreId, from, to),
		repo.between(db, 'appointment', centreId, from, to),
		repo.between(db, 'inspection', centreId, from, to),
		repo.all(db, 'case', centreId),
		repo.one(db, 'monthlyReport', centreId, monthlyReportId(centreId, month))
	]);
	return {
		figures: monthlyFigures({
			month,
			today,
			calendar: hallCalendar(centres.rows[0]?.settings),
			days,
			plans: plans.rows,
			attendance: attendance.rows,
			extended: extended.rows,
			appointments: appointments.rows,
			cases: cases.rows,
			inspections: inspections.rows,
			departments: departments.rows,
			staff: staff.rows,
			windows: windows.rows
		}),
		report
	};
}

/** A month with no records, shown until the first read answers. */
const nothing = {
	calendar: [],
	days: [],
	plans: [],
	attendance: [],
	extended: [],
	appointments: [],
	cases: [],
	inspections: [],
	departments: [],
	staff: [],
	windows: []
};

export class MonthlyReportState {
	readonly data: Live<MonthlyReportData>;
	readonly month: string;

	constructor(db: HallDatabase, centreId: string, month: string, today: string) {
		this.month = month;
		const { from, to } = monthRange(month);
		// Roll-ups written by an older version are rebuilt once, outside the read-only live query.
		void rollup.refreshStale(db, centreId, from, to);
		this.data = new Live(() => load(db, centreId, month, today), {
			figures: monthlyFigures({ ...nothing, month, today }),
			report: undefined
		});
	}

	get status(): 'none' | 'draft' | 'sent' {
		return this.data.current.report?.status ?? 'none';
	}

	/** Every sent version, the latest first. */
	get versions(): SentReport[] {
		return [...(this.data.current.report?.versions ?? [])].reverse();
	}

	get lastSent(): SentReport | undefined {
		return this.versions[0];
	}
}
