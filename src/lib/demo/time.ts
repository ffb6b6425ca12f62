/** Date and clock helpers of the demo, on plain `YYYY-MM-DD` and `HH:MM` strings in the hall's zone. */
import { addDays } from '$lib/domain/calendar';
import { hallInstant } from '$lib/domain/hall-clock';

/** `HH:MM` plus minutes; minutes past midnight roll into the next day's date. */
export function later(date: string, time: string, minutes: number): string {
	const total = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)) + minutes;
	const days = Math.floor(total / 1440);
	const m = ((total % 1440) + 1440) % 1440;
	const clock = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
	return hallInstant(addDays(date, days), clock);
}

export function clock(minutes: number): string {
	return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The same day of the month `months` earlier, clamped to the month's last day. */
export function monthsBefore(date: string, months: number): string {
	const y = Number(date.slice(0, 4));
	const m = Number(date.slice(5, 7)) - 1 - months;
	const year = y + Math.floor(m / 12);
	const month = ((m % 12) + 12) % 12;
	const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
	const day = Math.min(Number(date.slice(8, 10)), last);
	return `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
