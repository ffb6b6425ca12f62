/**
 * The window advice of one day, read live: a year of daily roll-ups before the day (the forecast
 * history), the centre's targets and sessions, the rules, the service items and the windows, and
 * the day's plan when the caller does not pass its own draft. One instance serves every part of a
 * screen that shows the day's advice, so the model runs once per change, not once per part. The
 * year and the day are two live queries: a change on the day reads only the day again.
 */
import { repo, rollup, type HallDatabase } from '$lib/local';
import type { Row } from '$lib/local/repository';
import { addDays, hallCalendar, type DayOverride } from '$lib/domain/calendar';
import { dayAdvice, type DayAdvice } from '$lib/domain/day-advice';
import { indexHistory, type HistoryIndex, type HistoryRow } from '$lib/domain/forecast';
import {
	bookedDemand,
	bookingFields,
	walkInHistory,
	type BookedDemand,
	type Booking
} from '$lib/domain/known-demand';
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

/**
 * The days before the date: what the forecast learns from. Read apart from the day itself, so
 * that what changes today (counts arriving from the hall's other tablets, a booking checked in,
 * a window opened) does not read the year again: the live query of this part watches only days
 * before the date.
 */
interface Past {
	loaded: boolean;
	/** Window arrivals per date, category and hour, from the day roll-ups. */
	arrivals: HistoryRow[];
	/** Bookings before the date (four fields each): the show rate and the booked visits. */
	bookings: Booking[];
	lastCounts: string | undefined;
	mix: Record<string, VisitMix>;
}

/** The day itself and the centre's settings, lists and rules, which are small to read again. */
interface Day {
	loaded: boolean;
	actual: DayRollup | undefined;
	settings: CentreSettings;
	ruleSet: Row<'ruleSet'> | undefined;
	serviceItems: Row<'serviceItem'>[];
	windows: Row<'window'>[];
	staff: Row<'staff'>[];
	plan: Row<'dayPlan'> | undefined;
	bookings: Booking[];
}

const noPast: Past = { loaded: false, arrivals: [], bookings: [], lastCounts: undefined, mix: {} };
const noDay: Day = {
	loaded: false,
	actual: undefined,
	settings: defaultCentreSettings,
	ruleSet: undefined,
	serviceItems: [],
	windows: [],
	staff: [],
	plan: undefined,
	bookings: []
};

async function loadPast(db: HallDatabase, centreId: string, date: string): Promise<Past> {
	const from = addDays(date, -HISTORY_DAYS);
	const before = addDays(date, -1);
	const [days, bookings, lastCounts] = await Promise.all([
		rollup.between(db, centreId, from, before),
		repo.fieldsBetween(db, 'appointment', centreId, from, before, bookingFields),
		rollup.lastBefore(db, centreId, date)
	]);
	return {
		loaded: true,
		arrivals: arrivalHistory(days),
		bookings,
		lastCounts,
		mix: visitMix(days.filter((d) => d.date >= addDays(date, -MIX_DAYS)))
	};
}

async function loadDay(db: HallDatabase, centreId: string, date: string): Promise<Day> {
	const [actual, centres, ruleSets, items, windows, plans, onDay, staff] = await Promise.all([
		rollup.between(db, centreId, date, date),
		repo.all(db, 'centre', centreId),
		repo.all(db, 'ruleSet', centreId),
		repo.all(db, 'serviceItem', centreId),
		repo.all(db, 'window', centreId),
		repo.onDate(db, 'dayPlan', centreId, date),
		repo.onDate(db, 'appointment', centreId, date),
		repo.all(db, 'staff', centreId)
	]);
	return {
		loaded: true,
		actual: actual[0],
		settings: centres.rows[0]?.settings ?? defaultCentreSettings,
		ruleSet: ruleSets.rows[0],
		serviceItems: items.rows,
		windows: windows.rows,
		staff: staff.rows,
		plan: plans.rows[0],
		bookings: onDay.rows
	};
}

/** What the history index rests on from the day part: the items' categories and the calendar. */
const historyInputs = (day: Day, overrides: DayOverride[]) =>
	JSON.stringify([day.serviceItems.map((i) => [i.id, i.category]), overrides]);

export class AdviceState {
	readonly #past: Live<Past>;
	readonly #day: Live<Day>;
	/** The last history index with what it was made from, kept while neither changes. */
	#index: { past: Past; inputs: string; history: HistoryIndex } | undefined;

	readonly #combined: AdviceData = $derived.by(() => this.#combine());

	/** Everything the advice reads; `loaded` once both parts have arrived. */
	get data(): { readonly current: AdviceData } {
		const read = () => this.#combined;
		return {
			get current() {
				return read();
			}
		};
	}

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
		plan: () => DayPlan | undefined = () => undefined
	) {
		this.#plan = plan;
		this.#past = new Live(() => loadPast(db, centreId, date), noPast);
		this.#day = new Live(() => loadDay(db, centreId, date), noDay);
	}

	#combine(): AdviceData {
		const past = this.#past.current;
		const day = this.#day.current;
		if (!past.loaded || !day.loaded) return empty();
		const overrides = hallCalendar(day.settings);
		const inputs = historyInputs(day, overrides);
		if (this.#index?.past !== past || this.#index.inputs !== inputs) {
			const history = indexHistory(
				walkInHistory(past.arrivals, past.bookings, day.serviceItems),
				overrides
			);
			this.#index = { past, inputs, history };
		}
		const bookings = [...past.bookings, ...day.bookings];
		return {
			loaded: true,
			history: this.#index.history,
			actual: day.actual,
			settings: day.settings,
			ruleSet: day.ruleSet,
			serviceItems: day.serviceItems,
			windows: day.windows,
			staff: day.staff,
			plan: day.plan,
			lastCounts: past.lastCounts,
			overrides,
			booked: bookings.length ? bookedDemand(bookings, day.serviceItems, this.date) : undefined,
			mix: past.mix
		};
	}
}
