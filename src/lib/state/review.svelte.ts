/**
 * The meeting review's data, read live from the local database: daily roll-ups (one row a day,
 * never the hourly counts), day plans, check-ins and appointments of the range. Filters and
 * charts are computed on top by the page, so changing a filter reads nothing again.
 */
import { repo, rollup, type HallDatabase } from '$lib/local';
import type { Row } from '$lib/local/repository';
import {
	addDays,
	dayKind,
	hallCalendar,
	isoWeekStart,
	type DayOverride
} from '$lib/domain/calendar';
import { appointmentsByDepartment, checkDayPlan } from '$lib/domain/rules';
import { extendedSpells } from '$lib/domain/volume';
import type { RollupDay } from '$lib/domain/review-figures';
import {
	forecastCheck,
	forecastErrors,
	type ForecastCheckDay,
	type ForecastErrorDay
} from '$lib/domain/review-periods';
import type { ComplianceDay } from '$lib/charts/review-charts';
import { Live } from './live.svelte';
import { hallInstant } from '$lib/domain/hall-clock';

/** Days before the range that the forecast check needs as history. */
const HISTORY_DAYS = 120;
/** The forecast check covers the last days of the range, up to this many (a quarter). */
const FORECAST_DAYS = 92;

export interface ReviewData {
	loaded: boolean;
	/** Roll-ups of the range and of the history before it (for the week and forecast charts). */
	days: RollupDay[];
	windows: Row<'window'>[];
	departments: Row<'department'>[];
	serviceItems: Row<'serviceItem'>[];
	appointments: { date: string; departmentId: string; serviceItemId: string; status: string }[];
	/** Extended service per date: the plans' spells and those logged on their own. */
	plans: ReturnType<typeof extendedSpells>;
	compliance: ComplianceDay[];
	/** Per category, so the filter can pick: date → category → [forecast, actual]. */
	forecast: ForecastCheckDay[];
	overrides: DayOverride[];
	planStartDate?: string;
}

const empty: ReviewData = {
	loaded: false,
	days: [],
	windows: [],
	departments: [],
	serviceItems: [],
	appointments: [],
	plans: [],
	compliance: [],
	forecast: [],
	overrides: []
};

/** Rows grouped by date; a plain object, because nothing here is reactive. */
function byDate<T extends { date: string }>(rows: T[]): Record<string, T[]> {
	const out: Record<string, T[]> = {};
	for (const r of rows) (out[r.date] ??= []).push(r);
	return out;
}

async function load(
	db: HallDatabase,
	centreId: string,
	from: string,
	to: string,
	today: string
): Promise<ReviewData> {
	// History reaches back for the forecast check and for the same week last year.
	const historyFrom = [addDays(from, -HISTORY_DAYS), addDays(isoWeekStart(to), -364)].sort()[0];
	const [
		days,
		centres,
		windows,
		departments,
		staff,
		items,
		ruleSets,
		plans,
		attendance,
		appts,
		extended
	] = await Promise.all([
		rollup.between(db, centreId, historyFrom, to),
		repo.all(db, 'centre', centreId),
		repo.all(db, 'window', centreId),
		repo.all(db, 'department', centreId),
		repo.all(db, 'staff', centreId),
		repo.all(db, 'serviceItem', centreId),
		repo.all(db, 'ruleSet', centreId),
		repo.between(db, 'dayPlan', centreId, from, to),
		repo.between(db, 'attendance', centreId, from, to),
		repo.between(db, 'appointment', centreId, from, to),
		repo.between(db, 'extendedService', centreId, from, to)
	]);
	const settings = centres.rows[0]?.settings;
	const overrides = hallCalendar(settings);
	const ruleSet = ruleSets.rows[0];
	const attendanceByDate = byDate(attendance.rows);
	const appointmentsByDate = byDate(appts.rows);
	const compliance: ComplianceDay[] = [];
	for (const plan of plans.rows) {
		if (!ruleSet || plan.date >= today) continue;
		const day = dayKind(plan.date, overrides);
		if (day.working && !ruleSet.applyOnWorkingDays) continue;
		const found = checkDayPlan(plan, ruleSet, {
			windows: windows.rows,
			departments: departments.rows,
			staff: staff.rows,
			attendance: attendanceByDate[plan.date] ?? [],
			day,
			overrides,
			appointmentsByDepartment: appointmentsByDepartment(appointmentsByDate[plan.date] ?? []),
			now: hallInstant(plan.date, '23:59')
		});
		compliance.push({
			date: plan.date,
			errors: found.filter((v) => v.severity === 'error').length,
			warnings: found.filter((v) => v.severity === 'warning').length
		});
	}
	const lastPast = [to, addDays(today, -1)].sort()[0];
	return {
		loaded: true,
		days,
		windows: windows.rows,
		departments: departments.rows,
		serviceItems: items.rows,
		appointments: appts.rows.map((a) => ({
			date: a.date,
			departmentId: a.departmentId,
			serviceItemId: a.serviceItemId,
			status: a.status
		})),
		plans: extendedSpells(plans.rows, extended.rows),
		compliance,
		forecast: forecastCheck(
			days,
			[addDays(lastPast, -(FORECAST_DAYS - 1)), from].sort().at(-1)!,
			lastPast,
			overrides
		),
		overrides,
		planStartDate: settings?.planStartDate
	};
}

export class ReviewState {
	readonly data: Live<ReviewData>;

	constructor(db: HallDatabase, centreId: string, from: string, to: string, today: string) {
		// Roll-ups written by an older version are rebuilt once, outside the read-only live query.
		void rollup.refreshStale(db, centreId, addDays(from, -400), to);
		this.data = new Live(() => load(db, centreId, from, to, today), empty);
	}

	/** Forecast against actual daily arrivals, summed over the categories shown. */
	forecastFor(categories: readonly string[] | null): ForecastErrorDay[] {
		const { forecast, overrides } = this.data.current;
		return forecastErrors(forecast, categories, overrides);
	}
}

/** The date the 不打烊 plan started, for the "since the plan started" preset. */
export class PlanStart {
	readonly date: Live<string | undefined>;
	constructor(db: HallDatabase, centreId: string) {
		this.date = new Live(
			async () => (await repo.all(db, 'centre', centreId)).rows[0]?.settings.planStartDate,
			undefined
		);
	}
}
