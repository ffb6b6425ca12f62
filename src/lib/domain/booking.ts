/**
 * Booking rules of the appointment ledger (预约台账, R6): which slots a day offers, what counts as
 * a duplicate booking, and the day board of a department or of the whole hall.
 *
 * Which days take appointments:
 * - a statutory holiday yields no slots: the hall serves walk-ins, but nobody is given a time;
 * - a day the centre overrides to non-working is "closed" for bookings: weekends need no
 *   override to be 不打烊 days, so an override to non-working only ever means closing;
 * - an override to working opens even a holiday, with working-day hours;
 * - weekends are 不打烊 days (09:00–11:30 and 14:00–17:00 unless the centre changed them), and
 *   make-up days (调休) have working-day hours.
 */
import { z } from 'zod';
import type { Appointment, AppointmentStatus, CentreSettings, Slot } from '$lib/schemas';
import {
	clockMinutes,
	datesBetween,
	dayKind,
	hallCalendar,
	serviceHours,
	type DayOverride
} from './calendar';
import { isMasked } from './disclosure';
import { hallInstant } from './hall-clock';
import { isValidCreditCode, isValidResidentId, maskPhone, normalizeIdentity } from './identity';

export interface SlotPlan {
	centreId: string;
	departmentId: string;
	serviceItemId: string;
	/** False for items not offered on non-working days (serviceItem.availableNonWorking). */
	availableNonWorking: boolean;
	lengthMinutes: number;
	capacity: number;
}

export type BookingDay =
	{ open: true; working: boolean } | { open: false; reason: 'holiday' | 'closed' | 'not-offered' };

/** Whether a day takes appointments for an item, and why not. */
export function bookingDay(
	date: string,
	overrides: readonly DayOverride[],
	availableNonWorking = true
): BookingDay {
	const kind = dayKind(date, overrides);
	if (kind.closed) return { open: false, reason: 'closed' };
	if (kind.reason === 'holiday') return { open: false, reason: 'holiday' };
	if (!kind.working && !availableNonWorking) return { open: false, reason: 'not-offered' };
	return { open: true, working: kind.working };
}

const clock = (minutes: number) =>
	`${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The id of a slot is its place in the ledger, so two managers generating the same day agree. */
export const slotId = (date: string, serviceItemId: string, start: string) =>
	`slot-${date}-${serviceItemId}-${start.replace(':', '')}`;

/**
 * Slots of one service item over a range of days, from each day's service hours. A slot lies
 * wholly inside a session: the tail of a session shorter than a slot is not offered.
 */
export function generateSlots(
	plan: SlotPlan,
	from: string,
	to: string,
	settings: Pick<CentreSettings, 'workingSessions' | 'nonWorkingSessions' | 'dayOverrides'> &
		Partial<Pick<CentreSettings, 'holidayNotices'>>
): Slot[] {
	const slots: Slot[] = [];
	const calendar = hallCalendar(settings);
	for (const date of datesBetween(from, to)) {
		if (!bookingDay(date, calendar, plan.availableNonWorking).open) continue;
		const hours = serviceHours(date, settings, calendar);
		for (const session of hours.sessions) {
			const end = clockMinutes(session.end);
			for (let t = clockMinutes(session.start); t + plan.lengthMinutes <= end;) {
				const start = clock(t);
				t += plan.lengthMinutes;
				slots.push({
					id: slotId(date, plan.serviceItemId, start),
					centreId: plan.centreId,
					v: 1,
					departmentId: plan.departmentId,
					serviceItemId: plan.serviceItemId,
					date,
					start,
					end: clock(t),
					capacity: plan.capacity,
					booked: 0,
					blocked: false
				});
			}
		}
	}
	return slots;
}

/** Statuses in which an appointment holds (or wants) a place; the others are over. */
export const activeStatuses: readonly AppointmentStatus[] = [
	'booked',
	'unconfirmed',
	'arrived',
	'serving'
];

/** Only digits count when comparing phones: 138-1234-1234 and 13812341234 are one person. */
export const phoneDigits = (phone: string) => phone.replace(/\D/g, '');

/**
 * Another live booking of the same phone for the same item on the same day: most often a
 * second call about the same matter, sometimes a family member. Staff see it and decide.
 */
export function findDuplicate(
	appointments: readonly Appointment[],
	candidate: { id?: string; date: string; serviceItemId: string; phone: string }
): Appointment | undefined {
	if (!phoneDigits(candidate.phone)) return undefined;
	return appointments.find(
		(a) =>
			a.id !== candidate.id &&
			a.date === candidate.date &&
			a.serviceItemId === candidate.serviceItemId &&
			activeStatuses.includes(a.status) &&
			a.applicant !== null &&
			samePhone(a.applicant.phone, candidate.phone)
	);
}

/**
 * Devices hold applicants' phones masked (docs/roles.md), so a typed number meets stored masks:
 * two numbers with a mask between them match when their masks do. That can warn about two
 * people whose numbers share the visible digits; the warning only asks a person to look.
 */
export function samePhone(a: string, b: string): boolean {
	if (!isMasked(a) && !isMasked(b)) return phoneDigits(a) === phoneDigits(b);
	const shown = (p: string) => maskPhone(p.replace(/[\s()]/g, '')).replace(/-/g, '');
	return shown(a) === shown(b);
}

/** Free places of a slot; a blocked slot has none. */
export const freePlaces = (slot: Slot) =>
	slot.blocked ? 0 : Math.max(0, slot.capacity - slot.booked);

/**
 * Whether a slot (or a booking, by its slot's start) has begun at `now`, on the hall's clock: a
 * place that has begun is no longer offered for booking or moving, and only then can its person
 * be marked a no-show.
 */
export const hasStarted = (place: { date: string; start: string }, now: number) =>
	Date.parse(hallInstant(place.date, place.start)) <= now;

/**
 * The places to offer for moving a booking: the first `limit` that have not begun at `now`,
 * earliest first. A list computed earlier (by the server when it refused, or before the clock
 * moved on) is filtered again at the moment it is shown.
 */
export function placesAhead<P extends { date: string; start: string }>(
	places: readonly P[],
	now: number,
	limit = 5
): P[] {
	return places
		.filter((p) => !hasStarted(p, now))
		.sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start))
		.slice(0, limit);
}

/** How long after a one-tap step the tablet that tapped it may take it back (撤销). */
export const UNDO_MINUTES = 5;

/** The one-tap steps, each with the status it left: the steps an undo may take back. */
const stepFrom: Partial<Record<AppointmentStatus, AppointmentStatus>> = {
	arrived: 'booked',
	serving: 'arrived',
	done: 'serving',
	'no-show': 'booked'
};

/**
 * The status a booking returns to if its last step is undone at `now`, or undefined: only a
 * one-tap step (到达, 开始办理, 办结, 未到) that is still the booking's last, and at most
 * UNDO_MINUTES old. A cancellation or a refusal is never undone: each went through a form.
 */
export function undoTarget(
	a: Pick<Appointment, 'status' | 'history'>,
	now: number
): AppointmentStatus | undefined {
	const last = a.history.at(-1);
	const back = stepFrom[a.status];
	if (!back || last?.status !== a.status) return undefined;
	return now - Date.parse(last.at) <= UNDO_MINUTES * 60_000 ? back : undefined;
}

/** Minutes after its start that a booked person counts as late (and not yet a no-show). */
export const LATE_AFTER_MINUTES = 10;

export interface DayBoard {
	/** Booked, expected within the next half hour or at most LATE_AFTER_MINUTES past their time. */
	dueNow: Appointment[];
	/** Past their time by more than LATE_AFTER_MINUTES and not arrived. */
	late: Appointment[];
	noShows: number;
	waiting: number;
	serving: number;
	done: number;
	unconfirmed: number;
	capacity: number;
	held: number;
	free: number;
}

/**
 * The board of one day at a moment (minutes after midnight in the hall; null for a day that is
 * not today, where nothing is due or late).
 */
export function dayBoard(
	appointments: readonly Appointment[],
	slots: readonly Slot[],
	nowMinutes: number | null
): DayBoard {
	const board: DayBoard = {
		dueNow: [],
		late: [],
		noShows: 0,
		waiting: 0,
		serving: 0,
		done: 0,
		unconfirmed: 0,
		capacity: 0,
		held: 0,
		free: 0
	};
	for (const a of appointments) {
		const start = clockMinutes(a.start);
		if (a.status === 'no-show') board.noShows++;
		if (a.status === 'arrived') board.waiting++;
		if (a.status === 'serving') board.serving++;
		if (a.status === 'done') board.done++;
		if (a.status === 'unconfirmed') board.unconfirmed++;
		if (nowMinutes === null || a.status !== 'booked') continue;
		if (nowMinutes - start > LATE_AFTER_MINUTES) board.late.push(a);
		else if (start - nowMinutes <= 30) board.dueNow.push(a);
	}
	for (const s of slots) {
		if (s.blocked) continue;
		board.capacity += s.capacity;
		board.held += Math.min(s.booked, s.capacity);
		board.free += freePlaces(s);
	}
	return board;
}

/** Search by a fragment of the name, or of the phone (digits only, three or more). */
export function matchesSearch(a: Appointment, query: string): boolean {
	const q = query.trim();
	if (!q) return true;
	if (!a.applicant) return false;
	if (a.applicant.name.includes(q)) return true;
	const digits = phoneDigits(q);
	return (
		digits.length >= 3 &&
		digits === q.replace(/[\s-]/g, '') &&
		phoneDigits(a.applicant.phone).includes(digits)
	);
}

const identity = (check: (v: string) => boolean, message: string) =>
	z.string().transform(normalizeIdentity).pipe(z.string().refine(check, { message }));

/**
 * The applicant as a booking accepts it, stricter than the stored record (which must still read
 * old and erased rows). Each message is a message key the form shows in the user's language.
 */
export const applicantInput = z.object({
	kind: z.enum(['person', 'company']),
	name: z.string().trim().min(1, 'booking_error_name').max(80, 'booking_error_name'),
	phone: z
		.string()
		.transform((p) => p.replace(/[\s()]/g, ''))
		.pipe(z.string().regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'booking_error_phone')),
	idNumber: identity(isValidResidentId, 'booking_error_id_number').optional(),
	creditCode: identity(isValidCreditCode, 'booking_error_credit_code').optional()
});
