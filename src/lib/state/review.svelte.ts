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
import { indexHistory, forecastDay } from '$lib/domain/forecast';
import { addTo, keyed, slot } from '$lib/domain/keyed';
import { checkDayPlan } from '$lib/domain/rules';
import { arrivalHistory } from '$lib/domain/volume';
import type { RollupDay } from '$lib/domain/review-figures';
import type { ComplianceDay, ForecastDayResult } from '$lib/charts/review-charts';
import { Live } from './live.svelte';
import { hallInstant } from '$lib/domain/hall-clock';

/** Days before the range that the forecast check needs as history. */
const HISTORY_DAYS = 120;
/** The forecast check covers the last days of the range, up to this many. */
const FORECAST_DAYS = 28;

export interface ReviewData {
	loaded: boolean;
	/** Roll-ups of the range and of the history before it (for the week and forecast charts). */
	days: RollupDay[];
	windows: Row<'window'>[];
	departments: Row<'department'>[];
	serviceItems: Row<'serviceItem'>[];
	appointments: { date: string; departmentId: string; serviceItemId: string; status: string }[];
	plans: Row<'dayPlan'>[];
	compliance: ComplianceDay[];
	/** Per category, so the filter can pick: date → category → [forecast, actual]. */
	forecast: { date: string; byCategory: Record<string, [number, number]> }[];
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

function forecastCheck(days: RollupDay[], from: string, to: string, overrides: DayOverride[]) {
	const index = indexHistory(arrivalHistory(days), overrides);
	const start = [addDays(to, -(FORECAST_DAYS - 1)), from].sort().at(-1)!;
	const out: ReviewData['forecast'] = [];
	for (const date of index.dates) {
		if (date < start || date > to) continue;
		const f = forecastDay(index, date, { overrides });
		if (!f.basedOn.length) continue;
		const byCategory = keyed<[number, number]>();
		const pair = (category: string) => slot(byCategory, category, () => [0, 0]);
		for (const r of f.rows) pair(r.category)[0] += r.arrivals;
		for (const r of index.rows.get(date) ?? []) pair(r.category)[1] += r.arrivals;
		out.push({ date, byCategory });
	}
	return out;
}

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
	const [days, centres, windows, departments, staff, items, ruleSets, plans, attendance, appts] =
		await Promise.all([
			rollup.between(db, centreId, historyFrom, to),
			repo.all(db, 'centre', centreId),
			repo.all(db, 'window', centreId),
			repo.all(db, 'department', centreId),
			repo.all(db, 'staff', centreId),
			repo.all(db, 'serviceItem', centreId),
			repo.all(db, 'ruleSet', centreId),
			repo.between(db, 'dayPlan', centreId, from, to),
			repo.between(db, 'attendance', centreId, from, to),
			repo.between(db, 'appointment', centreId, from, to)
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
		const byDepartment = keyed<number>();
		for (const a of appointmentsByDate[plan.date] ?? []) {
			if (a.status !== 'cancelled') addTo(byDepartment, a.departmentId, 1);
		}
		const found = checkDayPlan(plan, ruleSet, {
			windows: windows.rows,
			departments: departments.rows,
			staff: staff.rows,
			attendance: attendanceByDate[plan.date] ?? [],
			day,
			overrides,
			appointmentsByDepartment: byDepartment,
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
		plans: plans.rows,
		compliance,
		forecast: forecastCheck(days, from, lastPast, overrides),
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
	forecastFor(categories: readonly string[] | null): ForecastDayResult[] {
		return this.data.current.forecast.map(({ date, byCategory }) => {
			let forecast = 0;
			let actual = 0;
			for (const [c, [f, a]] of Object.entries(byCategory)) {
				if (categories && !categories.includes(c)) continue;
				forecast += f;
				actual += a;
			}
			return { date, forecast, actual };
		});
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
