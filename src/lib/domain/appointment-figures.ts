/**
 * Figures of the appointment ledgers for the meeting review and the window advice: bookings per
 * day and channel, the no-show rate, the one-visit completion rate (一次办成), refusals by missing
 * item (一次告知) and the share of offered places that were taken.
 */
import { cameStatuses, type Appointment, type Slot } from '$lib/schemas';

export type BookingChannel = Appointment['channel'];

export interface BookingsOnDay {
	date: string;
	total: number;
	byChannel: Record<BookingChannel, number>;
}

export interface AppointmentFigures {
	perDay: BookingsOnDay[];
	/** Stayed away, of those whose place was held and whose time came; null with none. */
	noShowRate: number | null;
	/** Done at the first visit, of those whose matter was decided (done or refused). */
	oneVisitRate: number | null;
	refusals: { reason: string; count: number }[];
	/** Places held, of places offered in slots that were not blocked; null with none offered. */
	usedCapacity: number | null;
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

export function appointmentFigures(
	appointments: readonly Appointment[],
	slots: readonly Slot[]
): AppointmentFigures {
	const days = new Map<string, BookingsOnDay>();
	const reasons = new Map<string, number>();
	let came = 0;
	let noShows = 0;
	let done = 0;
	let refused = 0;
	for (const a of appointments) {
		// A booking that never got a place is not a booking until a person settles it.
		if (a.status === 'unconfirmed') continue;
		let day = days.get(a.date);
		if (!day) {
			day = { date: a.date, total: 0, byChannel: { phone: 0, online: 0, 'walk-in': 0 } };
			days.set(a.date, day);
		}
		day.total++;
		day.byChannel[a.channel]++;
		if (a.status === 'no-show') noShows++;
		if (cameStatuses.has(a.status)) came++;
		if (a.status === 'done') done++;
		if (a.status === 'refused') {
			refused++;
			for (const item of a.missingItems) reasons.set(item, (reasons.get(item) ?? 0) + 1);
		}
	}
	let offered = 0;
	let held = 0;
	for (const s of slots) {
		if (s.blocked) continue;
		offered += s.capacity;
		held += Math.min(s.booked, s.capacity);
	}
	return {
		perDay: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)),
		noShowRate: ratio(noShows, noShows + came),
		oneVisitRate: ratio(done, done + refused),
		refusals: [...reasons]
			.map(([reason, count]) => ({ reason, count }))
			.sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
		usedCapacity: ratio(held, offered)
	};
}
