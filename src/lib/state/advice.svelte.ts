/**
 * The window advice of one day, read live: a year of daily roll-ups before the day (the forecast
 * history), the centre's targets and sessions, the rules, the service items and the windows, and
 * the day's plan when the caller does not pass its own draft. One instance serves every part of a
 * screen that shows the day's advice, so the model runs once per change, not once per part.
 */
import { repo, rollup, type HallDatabase } from '$lib/local';
import type { Row } from '$lib/local/repository';
import { addDays, hallCalendar, type DayOverride } from '$lib/domain/calendar';
import { dayAdvice, type DayAdvice } from '$lib/domain/day-advice';
import { indexHistory, type HistoryIndex } from '$lib/domain/forecast';
import {
	bookedDemand,
	bookingFields,
	walkInHistory,
	type BookedDemand
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

async function load(db: HallDatabase, centreId: string, date: string): Promise<AdviceData> {
	const from = addDays(date, -HISTORY_DAYS);
	const [days, centres, ruleSets, items, windows, plans, past, onDay, staff, last] =
		await Promise.all([
			rollup.between(db, centreId, from, date),
			repo.all(db, 'centre', centreId),
			repo.all(db, 'ruleSet', centreId),
			repo.all(db, 'serviceItem', centreId),
			repo.all(db, 'window', centreId),
			repo.onDate(db, 'dayPlan', centreId, date),
			repo.fieldsBetween(db, 'appointment', centreId, from, addDays(date, -1), bookingFields),
			repo.onDate(db, 'appointment', centreId, date),
			repo.all(db, 'staff', centreId),
			rollup.lastBefore(db, centreId, date)
		]);
	const bookings = [...past, ...onDay.rows];
	const settings = centres.rows[0]?.settings ?? defaultCentreSettings;
	const overrides = hallCalendar(settings);
	const before = days.filter((d) => d.date < date);
	return {
		loaded: true,
		history: indexHistory(walkInHistory(arrivalHistory(before), past, items.rows), overrides),
		actual: days.find((d) => d.date === date),
		settings,
		ruleSet: ruleSets.rows[0],
		serviceItems: items.rows,
		windows: windows.rows,
		staff: staff.rows,
		plan: plans.rows[0],
		lastCounts: last,
		overrides,
		booked: bookings.length ? bookedDemand(bookings, items.rows, date) : undefined,
		mix: visitMix(before.filter((d) => d.date >= addDays(date, -MIX_DAYS)))
	};
}

export class AdviceState {
	readonly data: Live<AdviceData>;
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
		this.data = new Live(() => load(db, centreId, date), empty());
	}
}
