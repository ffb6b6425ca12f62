/**
 * Known demand first: a weekend's bookings are the best-known part of its arrivals, so the advice
 * does not guess them. The forecast is split in two:
 * - booked: the day's appointments that hold a place, by category and the hour they are due,
 *   times the share of booked people who came on past days (the show rate);
 * - walk-ins: forecast from the history with the people who came by appointment taken out, so
 *   that the bookings are not counted twice.
 * The window counters count everyone served at a window, booked or not; this is why the walk-in
 * history is the counted arrivals less the appointments that came.
 *
 * A device holds the appointments its role may see (none for a viewer, one department for a
 * clerk), so a viewer's forecast is the plain one, and a clerk's splits only their department.
 */
import {
	appointmentSchema,
	cameStatuses,
	type Appointment,
	type AppointmentStatus,
	type ServiceItem
} from '$lib/schemas';
import { clockMinutes } from './calendar';
import type { ForecastRow, HistoryRow } from './forecast';

/** What the forecast reads of a booking: no applicant, so a device reads it without opening any. */
export const bookingFields = appointmentSchema.pick({
	date: true,
	start: true,
	serviceItemId: true,
	status: true
});
export type Booking = Pick<Appointment, 'date' | 'start' | 'serviceItemId' | 'status'>;

/** Still expected on the day: a place held and the person not yet seen. */
const expected: ReadonlySet<AppointmentStatus> = new Set(['booked']);

/** With no past bookings to learn from, nine in ten booked people are taken to come. */
export const DEFAULT_SHOW_RATE = 0.9;

export interface BookedDemand {
	/** Expected arrivals by appointment, by category and hour (bookings × show rate, plus visits). */
	rows: ForecastRow[];
	/** Places held on the day, people not yet seen. */
	held: number;
	/** Booked people already seen on the day (it is today or past). */
	seen: number;
	/** Share of booked people who came, over the past bookings on the device. */
	showRate: number;
	/** Past bookings whose time came: what the show rate rests on. */
	showBasis: number;
}

const categoryOf = (items: readonly Pick<ServiceItem, 'id' | 'category'>[]) => {
	const byId = new Map(items.map((i) => [i.id, i.category]));
	return (b: Booking) => byId.get(b.serviceItemId);
};

const hourOf = (b: Booking) => Math.floor(clockMinutes(b.start) / 60);

/** Share of booked people who came, from bookings before `date` that were settled either way. */
export function showRate(
	bookings: readonly Booking[],
	date: string
): [rate: number, basis: number] {
	return showRates(bookings)(date);
}

/**
 * The show rate before any date, the bookings indexed once: the settled ones counted per date and
 * summed in date order, so a replay of many days does not rescan every booking for each.
 */
export function showRates(bookings: readonly Booking[]): (date: string) => [number, number] {
	const byDate = new Map<string, { yes: number; no: number }>();
	for (const b of bookings) {
		const came = cameStatuses.has(b.status);
		if (!came && b.status !== 'no-show') continue;
		const n = byDate.get(b.date) ?? { yes: 0, no: 0 };
		if (came) n.yes++;
		else n.no++;
		byDate.set(b.date, n);
	}
	const dates = [...byDate.keys()].sort();
	const sums = [{ yes: 0, no: 0 }];
	for (const d of dates) {
		const last = sums[sums.length - 1];
		sums.push({ yes: last.yes + byDate.get(d)!.yes, no: last.no + byDate.get(d)!.no });
	}
	return (date) => {
		// The count of settled dates before `date`, by halving.
		let lo = 0;
		let hi = dates.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (dates[mid] < date) lo = mid + 1;
			else hi = mid;
		}
		const { yes, no } = sums[lo];
		return yes + no > 0 ? [yes / (yes + no), yes + no] : [DEFAULT_SHOW_RATE, 0];
	};
}

/** What the day's bookings bring to each category and hour. */
export function bookedDemand(
	bookings: readonly Booking[],
	items: readonly Pick<ServiceItem, 'id' | 'category'>[],
	date: string,
	/** The show rate before the date, where the caller indexed it (showRates). */
	[rate, basis]: [number, number] = showRate(bookings, date)
): BookedDemand {
	const category = categoryOf(items);
	const cells = new Map<string, ForecastRow>();
	let held = 0;
	let seen = 0;
	for (const b of bookings) {
		if (b.date !== date) continue;
		const c = category(b);
		const isSeen = cameStatuses.has(b.status);
		if (!c || (!isSeen && !expected.has(b.status))) continue;
		if (isSeen) seen++;
		else held++;
		const hour = hourOf(b);
		const key = `${c}|${hour}`;
		const cell = cells.get(key) ?? { category: c, hour, arrivals: 0 };
		cell.arrivals += isSeen ? 1 : rate;
		cells.set(key, cell);
	}
	return { rows: [...cells.values()], held, seen, showRate: rate, showBasis: basis };
}

/**
 * The counted history less the people who came by appointment, hour by hour; never below zero
 * (a count kept on paper may have missed some of them).
 */
export function walkInHistory(
	history: readonly HistoryRow[],
	bookings: readonly Booking[],
	items: readonly Pick<ServiceItem, 'id' | 'category'>[]
): HistoryRow[] {
	const category = categoryOf(items);
	const visits = new Map<string, number>();
	for (const b of bookings) {
		const c = category(b);
		if (!c || !cameStatuses.has(b.status)) continue;
		const key = `${b.date}|${c}|${hourOf(b)}`;
		visits.set(key, (visits.get(key) ?? 0) + 1);
	}
	if (visits.size === 0) return [...history];
	return history.map((r) => {
		const v = visits.get(`${r.date}|${r.category}|${r.hour}`);
		return v ? { ...r, arrivals: Math.max(0, r.arrivals - v) } : r;
	});
}

/** Walk-ins and bookings added cell by cell: the day's whole forecast. */
export function addRows(a: readonly ForecastRow[], b: readonly ForecastRow[]): ForecastRow[] {
	const cells = new Map<string, ForecastRow>();
	for (const r of [...a, ...b]) {
		const key = `${r.category}|${r.hour}`;
		const cell = cells.get(key);
		if (cell) cell.arrivals += r.arrivals;
		else cells.set(key, { ...r });
	}
	return [...cells.values()];
}
