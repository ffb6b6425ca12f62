/**
 * The window advice of one day, read live: a year of daily roll-ups before the day (the forecast
 * history), the centre's targets and sessions, the rules, the service items and the windows, and
 * the day's plan when the caller does not pass its own draft. One instance serves every part of a
 * screen that shows the day's advice, so the model runs once per change, not once per part. The
 * year and the day are two live queries: a change on the day reads only the day again.
 */
import type { HallDatabase } from '$lib/local';
import { hallCalendar, type DayOverride } from '$lib/domain/calendar';
import { dayAdvice, type DayAdvice } from '$lib/domain/day-advice';
import { indexHistory, type HistoryIndex } from '$lib/domain/forecast';
import { bookedDemand, walkInHistory, type BookedDemand } from '$lib/domain/known-demand';
import type { DayPlan } from '$lib/schemas';
import type { VisitMix } from '$lib/domain/advice';
import { Live } from './live.svelte';
import { loadDay, loadPast, noDay, noPast, type Day, type Past } from './advice-reads';

/** What the advice reads: the day part, with what the year part gives made ready for the model. */
export interface AdviceData extends Omit<Day, 'bookings'> {
	history: HistoryIndex;
	/** The last day with counts before the date, however long ago. */
	lastCounts: string | undefined;
	overrides: DayOverride[];
	/** The day's bookings; undefined where the device holds none (a viewer's). */
	booked: BookedDemand | undefined;
	mix: Record<string, VisitMix>;
}

const empty = (): AdviceData => {
	const { bookings: _bookings, ...day } = noDay;
	return {
		...day,
		history: indexHistory([]),
		lastCounts: undefined,
		overrides: [],
		booked: undefined,
		mix: {}
	};
};

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
