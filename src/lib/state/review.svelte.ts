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

/**
 * What the range holds from today on: roll-ups, bookings, plans and logged extended service.
 * Read apart from the days before, which no tally or check-in of today changes.
 */
interface Current {
	loaded: boolean;
	days: RollupDay[];
	appointments: ReviewData['appointments'];
	plans: ReviewData['plans'];
}

/** A range that ends before today holds no current part. */
const noCurrent: Current = { loaded: true, days: [], appointments: [], plans: [] };
const notYet: Current = { ...noCurrent, loaded: false };

const booking = (a: Row<'appointment'>) => ({
	date: a.date,
	departmentId: a.departmentId,
	serviceItemId: a.serviceItemId,
	status: a.status
});

async function loadCurrent(
	db: HallDatabase,
	centreId: string,
	from: string,
	to: string
): Promise<Current> {
	const [days, plans, appts, extended] = await Promise.all([
		rollup.between(db, centreId, from, to),
		repo.between(db, 'dayPlan', centreId, from, to),
		repo.between(db, 'appointment', centreId, from, to),
		repo.between(db, 'extendedService', centreId, from, to)
	]);
	return {
		loaded: true,
		days,
		appointments: appts.rows.map(booking),
		plans: extendedSpells(plans.rows, extended.rows)
	};
}

/** The review of the range up to `upTo` (the day before today at the latest), history included. */
async function load(
	db: HallDatabase,
	centreId: string,
	range: { from: string; to: string; upTo: string },
	today: string
): Promise<ReviewData> {
	const { from, upTo } = range;
	// History reaches back for the forecast check and for the same week last year.
	const historyFrom = [
		addDays(from, -HISTORY_DAYS),
		addDays(isoWeekStart(range.to), -364)
	].sort()[0];
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
		rollup.between(db, centreId, historyFrom, upTo),
		repo.all(db, 'centre', centreId),
		repo.all(db, 'window', centreId),
		repo.all(db, 'department', centreId),
		repo.all(db, 'staff', centreId),
		repo.all(db, 'serviceItem', centreId),
		repo.all(db, 'ruleSet', centreId),
		repo.between(db, 'dayPlan', centreId, from, upTo),
		repo.between(db, 'attendance', centreId, from, upTo),
		repo.between(db, 'appointment', centreId, from, upTo),
		repo.between(db, 'extendedService', centreId, from, upTo)
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
	return {
		loaded: true,
		days,
		windows: windows.rows,
		departments: departments.rows,
		serviceItems: items.rows,
		appointments: appts.rows.map(booking),
		plans: extendedSpells(plans.rows, extended.rows),
		compliance,
		forecast: forecastCheck(
			days,
			[addDays(upTo, -(FORECAST_DAYS - 1)), from].sort().at(-1)!,
			upTo,
			overrides
		),
		overrides,
		planStartDate: settings?.planStartDate
	};
}

/**
 * The review of a range as two live reads: the days before today with the history, and today
 * (and any later day the range holds). A tally or a check-in of today, every few seconds in a
 * busy hall, reads only today again: a wall screen showing this quarter no longer reads the
 * quarter, its history and every plan's rule check on each one.
 */
export class ReviewState {
	readonly #past: Live<ReviewData>;
	readonly #current: Live<Current> | undefined;
	readonly #data: ReviewData = $derived.by(() => {
		const past = this.#past.current;
		const current = this.#current ? this.#current.current : noCurrent;
		if (!past.loaded || !current.loaded) return empty;
		if (current === noCurrent) return past;
		return {
			...past,
			days: [...past.days, ...current.days],
			appointments: [...past.appointments, ...current.appointments],
			plans: [...past.plans, ...current.plans]
		};
	});

	constructor(db: HallDatabase, centreId: string, from: string, to: string, today: string) {
		// Roll-ups written by an older version are rebuilt once, outside the read-only live query.
		void rollup.refreshStale(db, centreId, addDays(from, -400), to);
		const upTo = [to, addDays(today, -1)].sort()[0];
		this.#past = new Live(() => load(db, centreId, { from, to, upTo }, today), empty);
		const since = [from, today].sort().at(-1)!;
		if (since <= to) this.#current = new Live(() => loadCurrent(db, centreId, since, to), notYet);
	}

	/** Everything the review shows of the range; `loaded` once both parts have arrived. */
	get data(): { readonly current: ReviewData } {
		const read = () => this.#data;
		return {
			get current() {
				return read();
			}
		};
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
