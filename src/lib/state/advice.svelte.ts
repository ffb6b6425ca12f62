/**
 * The window advice of one day, read live: a year of daily roll-ups before the day (the forecast
 * history), the centre's targets and sessions, the rules, the service items and the windows, and
 * the day's plan when the caller does not pass its own draft. One instance serves every part of a
 * screen that shows the day's advice, so the model runs once per change, not once per part.
 */
import { repo, rollup, type HallDatabase } from '$lib/local';
import type { Row } from '$lib/local/repository';
import { addDays, datesBetween, hallCalendar, type DayOverride } from '$lib/domain/calendar';
import { dayAdvice, type DayAdvice } from '$lib/domain/day-advice';
import { indexHistory, type HistoryIndex } from '$lib/domain/forecast';
import { bookedDemand, walkInHistory, type BookedDemand } from '$lib/domain/known-demand';
import { defaultCentreSettings, type CentreSettings, type DayPlan } from '$lib/schemas';
import { arrivalHistory, visitMix, type DayRollup } from '$lib/domain/volume';
import type { VisitMix } from '$lib/domain/advice';
import { Live } from './live.svelte';

/** A year back covers the same holiday last year; a forecast never looks further. */
const HISTORY_DAYS = 370;
/** The mix of cases, consultations and refusals is read from the last eight weeks. */
const MIX_DAYS = 56;

export interface AdviceData {
	loaded: boolean;
	history: HistoryIndex;
	actual: DayRollup | undefined;
	settings: CentreSettings;
	ruleSet: Row<'ruleSet'> | undefined;
	serviceItems: Row<'serviceItem'>[];
	windows: Row<'window'>[];
	staff: Row<'staff'>[];
	plan: Row<'dayPlan'> | undefined;
	/** The last day with counts before the date, however long ago. */
	lastCounts: string | undefined;
	overrides: DayOverride[];
	/** The day's bookings; undefined where the device holds none (a viewer's). */
	booked: BookedDemand | undefined;
	mix: Record<string, VisitMix>;
}

const empty = (): AdviceData => ({
	loaded: false,
	history: indexHistory([]),
	actual: undefined,
	settings: defaultCentreSettings,
	ruleSet: undefined,
	serviceItems: [],
	windows: [],
	staff: [],
	plan: undefined,
	lastCounts: undefined,
	overrides: [],
	booked: undefined,
	mix: {}
});
/** A day the range has not read yet. */
const none = empty();

/**
 * The advice data of every day from `from` to `to` in one read: the history (a year before the
 * first day up to the last) is read once and each day takes its own year from it, so a week or
 * four weeks of staffing badges cost one read, not one a day. Per day only the small indexed reads
 * remain: the plan and bookings (pending ones included) and the last counted day.
 */
async function load(
	db: HallDatabase,
	centreId: string,
	from: string,
	to: string
): Promise<Record<string, AdviceData>> {
	const historyFrom = addDays(from, -HISTORY_DAYS);
	const [days, centres, ruleSets, items, windows, past, staff, perDay] = await Promise.all([
		rollup.between(db, centreId, historyFrom, to),
		repo.all(db, 'centre', centreId),
		repo.all(db, 'ruleSet', centreId),
		repo.all(db, 'serviceItem', centreId),
		repo.all(db, 'window', centreId),
		repo.between(db, 'appointment', centreId, historyFrom, addDays(to, -1)),
		repo.all(db, 'staff', centreId),
		Promise.all(
			datesBetween(from, to).map(async (date) => {
				const [plans, onDay, last] = await Promise.all([
					repo.onDate(db, 'dayPlan', centreId, date),
					repo.onDate(db, 'appointment', centreId, date),
					rollup.lastBefore(db, centreId, date)
				]);
				return { date, plan: plans.rows[0], onDay: onDay.rows, last };
			})
		)
	]);
	const settings = centres.rows[0]?.settings ?? defaultCentreSettings;
	const overrides = hallCalendar(settings);
	const day = ({ date, plan, onDay, last }: (typeof perDay)[number]): AdviceData => {
		const yearBack = addDays(date, -HISTORY_DAYS);
		const before = days.filter((d) => d.date >= yearBack && d.date < date);
		const booked = past.rows.filter((a) => a.date >= yearBack && a.date < date);
		const bookings = [...booked, ...onDay];
		return {
			loaded: true,
			history: indexHistory(walkInHistory(arrivalHistory(before), booked, items.rows), overrides),
			actual: days.find((d) => d.date === date),
			settings,
			ruleSet: ruleSets.rows[0],
			serviceItems: items.rows,
			windows: windows.rows,
			staff: staff.rows,
			plan,
			lastCounts: last,
			overrides,
			booked: bookings.length ? bookedDemand(bookings, items.rows, date) : undefined,
			mix: visitMix(before.filter((d) => d.date >= addDays(date, -MIX_DAYS)))
		};
	};
	return Object.fromEntries(perDay.map((d) => [d.date, day(d)]));
}

export class AdviceState {
	readonly data: { readonly current: AdviceData };
	/** The day's advice against `plan()` (a planner's unsaved draft) or else the stored plan. */
	readonly advice: DayAdvice | undefined = $derived.by(() => {
		const d = this.data.current;
		if (!d.loaded) return undefined;
		return dayAdvice({
			date: this.date,
			history: d.history,
			settings: d.settings,
			ruleSet: d.ruleSet,
			serviceItems: d.serviceItems,
			windows: d.windows,
			// A device without the staff list (a viewer's) knows no one on duty: windows bound it.
			staff: d.staff.length ? d.staff : undefined,
			plan: this.#plan() ?? d.plan,
			lastCounts: d.lastCounts,
			overrides: d.overrides,
			actual: d.actual,
			booked: d.booked,
			mix: d.mix
		});
	});
	readonly #plan: () => DayPlan | undefined;

	constructor(
		db: HallDatabase,
		centreId: string,
		readonly date: string,
		plan: () => DayPlan | undefined = () => undefined,
		/** The day's data when a range read it (AdviceRange); else the day reads its own. */
		data?: { readonly current: AdviceData }
	) {
		this.#plan = plan;
		this.data = data ?? new Live(async () => (await load(db, centreId, date, date))[date], empty());
	}
}

/** The advice of a run of days (the week and month views) from one read of the history. */
export class AdviceRange {
	readonly #data: Live<Record<string, AdviceData>>;
	readonly #db: HallDatabase;
	readonly #centreId: string;

	constructor(db: HallDatabase, centreId: string, from: string, to: string) {
		this.#db = db;
		this.#centreId = centreId;
		this.#data = new Live(() => load(db, centreId, from, to), {});
	}

	/** One day's advice against `plan`, drawing on the range's read. */
	day(date: string, plan: () => DayPlan | undefined): AdviceState {
		const range = this.#data;
		return new AdviceState(this.#db, this.#centreId, date, plan, {
			get current() {
				return range.current[date] ?? none;
			}
		});
	}
}
