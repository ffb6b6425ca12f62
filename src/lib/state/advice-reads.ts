/**
 * What the window advice of a day reads, in two parts (AdviceState runs each as a live query):
 * the year before the day, which a change on the day leaves alone, and the day itself.
 */
import { repo, rollup, type HallDatabase } from '$lib/local';
import type { Row } from '$lib/local/repository';
import { addDays } from '$lib/domain/calendar';
import type { HistoryRow } from '$lib/domain/forecast';
import { bookingFields, type Booking } from '$lib/domain/known-demand';
import { defaultCentreSettings, type CentreSettings } from '$lib/schemas';
import { arrivalHistory, visitMix, type DayRollup } from '$lib/domain/volume';
import type { VisitMix } from '$lib/domain/advice';

/** A year back covers the same holiday last year; a forecast never looks further. */
export const HISTORY_DAYS = 370;
/** The mix of cases, consultations and refusals is read from the last eight weeks. */
const MIX_DAYS = 56;

/**
 * The days before the date: what the forecast learns from. Read apart from the day itself, so
 * that what changes today (counts arriving from the hall's other tablets, a booking checked in,
 * a window opened) does not read the year again: the live query of this part watches only days
 * before the date.
 */
export interface Past {
	loaded: boolean;
	/** Window arrivals per date, category and hour, from the day roll-ups. */
	arrivals: HistoryRow[];
	/** Bookings before the date (four fields each): the show rate and the booked visits. */
	bookings: Booking[];
	lastCounts: string | undefined;
	mix: Record<string, VisitMix>;
}

/** The day itself and the centre's settings, lists and rules, which are small to read again. */
export interface Day {
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

export const noPast: Past = {
	loaded: false,
	arrivals: [],
	bookings: [],
	lastCounts: undefined,
	mix: {}
};
export const noDay: Day = {
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

export async function loadPast(db: HallDatabase, centreId: string, date: string): Promise<Past> {
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

/** The centre's settings, rules, service items, windows and staff: what any advice rests on. */
export async function centreLists(db: HallDatabase, centreId: string) {
	const [centres, ruleSets, items, windows, staff] = await Promise.all([
		repo.all(db, 'centre', centreId),
		repo.all(db, 'ruleSet', centreId),
		repo.all(db, 'serviceItem', centreId),
		repo.all(db, 'window', centreId),
		repo.all(db, 'staff', centreId)
	]);
	return {
		settings: centres.rows[0]?.settings ?? defaultCentreSettings,
		ruleSet: ruleSets.rows[0],
		serviceItems: items.rows,
		windows: windows.rows,
		staff: staff.rows
	};
}

export async function loadDay(db: HallDatabase, centreId: string, date: string): Promise<Day> {
	const [actual, lists, plans, onDay] = await Promise.all([
		rollup.between(db, centreId, date, date),
		centreLists(db, centreId),
		repo.onDate(db, 'dayPlan', centreId, date),
		repo.onDate(db, 'appointment', centreId, date)
	]);
	return {
		loaded: true,
		actual: actual[0],
		...lists,
		plan: plans.rows[0],
		bookings: onDay.rows
	};
}
