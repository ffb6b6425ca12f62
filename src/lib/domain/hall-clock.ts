/**
 * The hall's clock: Beijing time, which has had no daylight saving since 1991, so a fixed offset
 * turns any instant into the hall's date and wall-clock time without asking the device's zone.
 * Every date the app computes from an instant, and every instant it writes, goes through here.
 */
import type { Centre } from '$lib/schemas';

/** The IANA name, for Intl formatting and for the centre record (which accepts only this zone). */
export const HALL_TIME_ZONE = 'Asia/Shanghai' satisfies Centre['timeZone'];

export const HALL_UTC_OFFSET_MINUTES = 8 * 60;

/** The offset as ISO instants carry it. */
export const HALL_UTC_OFFSET = '+08:00';

const OFFSET_MS = HALL_UTC_OFFSET_MINUTES * 60_000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The hall's calendar date, `YYYY-MM-DD`, of an instant: a Date, epoch milliseconds or an ISO
 * string (a plain date is returned as it is).
 */
export function hallDate(at: string | Date | number): string {
	if (typeof at === 'string' && DATE_RE.test(at)) return at;
	const ms = typeof at === 'string' ? Date.parse(at) : +at;
	if (Number.isNaN(ms)) throw new Error(`not an instant: ${String(at)}`);
	return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * An ISO instant with the hall's offset, as the schemas store it: of a Date or epoch
 * milliseconds, or of a wall-clock `HH:MM` on a hall date. `Date.parse` reads either back.
 */
export function hallInstant(at: Date | number): string;
export function hallInstant(date: string, time: string): string;
export function hallInstant(at: Date | number | string, time?: string): string {
	if (typeof at === 'string') return `${at}T${time}:00${HALL_UTC_OFFSET}`;
	return new Date(+at + OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, HALL_UTC_OFFSET);
}

/** Minutes since midnight in the hall at an instant. */
export function hallMinutes(at: Date | number): number {
	const ms = (+at + OFFSET_MS) % 86_400_000;
	return Math.floor((ms < 0 ? ms + 86_400_000 : ms) / 60_000);
}

/** The hall's wall-clock time `HH:MM` at an instant, as forms and duty notes write it. */
export function hallClock(at: Date | number): string {
	const t = hallMinutes(at);
	return `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
}
