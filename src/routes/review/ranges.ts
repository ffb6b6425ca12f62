/** Date-range presets of the meeting review, from today's date. Pure. */
import { addDays, holidayPeriods, isoWeekStart, type HolidayPeriod } from '$lib/domain/calendar';

export const presets = [
	'this-week',
	'last-month',
	'this-quarter',
	'last-12-months',
	'since-plan',
	'holiday',
	'custom'
] as const;
export type Preset = (typeof presets)[number];

export interface Range {
	from: string;
	to: string;
}

const monthStart = (date: string) => `${date.slice(0, 7)}-01`;

export function presetRange(
	preset: Exclude<Preset, 'custom' | 'holiday'>,
	today: string,
	planStart?: string
): Range {
	switch (preset) {
		case 'this-week':
			return { from: isoWeekStart(today), to: today };
		case 'last-month': {
			const thisMonth = monthStart(today);
			return { from: monthStart(addDays(thisMonth, -1)), to: addDays(thisMonth, -1) };
		}
		case 'this-quarter': {
			const month = Number(today.slice(5, 7));
			const first = month - ((month - 1) % 3);
			return { from: `${today.slice(0, 4)}-${String(first).padStart(2, '0')}-01`, to: today };
		}
		case 'last-12-months':
			return { from: addDays(today, -365), to: addDays(today, -1) };
		case 'since-plan':
			return { from: planStart && planStart < today ? planStart : addDays(today, -365), to: today };
	}
}

/** Holiday runs of the past year that have begun, latest first. */
export function pastHolidays(today: string): HolidayPeriod[] {
	return holidayPeriods(addDays(today, -400), today)
		.filter((p) => p.from <= today)
		.reverse();
}
