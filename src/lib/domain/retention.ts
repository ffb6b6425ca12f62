/**
 * Retention of appointment personal data (centreSettings.retentionDays, 180 by default). After the
 * period an appointment keeps what the review counts — day, time, item, department, channel,
 * status, the missing items of a refusal (一次告知 figures), and its history of who on the staff
 * did what — and loses everything that names or reaches the applicant.
 */
import type { Appointment } from '$lib/schemas';
import { addDays } from './calendar';

/** The first date whose appointments are still kept whole. */
export const retentionCutoff = (today: string, retentionDays: number) =>
	addDays(today, -retentionDays);

/** True when the appointment is older than the period and still carries personal data. */
export function isPastRetention(a: Appointment, today: string, retentionDays: number): boolean {
	if (a.date >= retentionCutoff(today, retentionDays)) return false;
	return a.applicant !== null || a.notes !== '' || a.cancelReason !== undefined;
}

/**
 * The appointment as it is kept after the period. Notes and the cancel reason are free text that
 * staff may have filled with a name or a number, so they go too.
 */
export function eraseApplicant(a: Appointment): Appointment {
	const { cancelReason: _reason, ...kept } = a;
	return { ...kept, applicant: null, notes: '' };
}

/** Appointments to erase, oldest first. */
export function pastRetention(
	appointments: readonly Appointment[],
	today: string,
	retentionDays: number
): Appointment[] {
	return appointments
		.filter((a) => isPastRetention(a, today, retentionDays))
		.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
}
