/**
 * The hall's calendar: which days are working days, and the service hours of a day.
 *
 * Dates are plain calendar strings (`YYYY-MM-DD`) in the centre's time zone. Every computation
 * here works on UTC midnights of those strings, so no result depends on the time zone of the
 * device. That is also why the national calendar is taken from the static JSON that chinese-days
 * ships (as runs of dates, national-calendar.ts) rather than through its functions: those parse
 * dates with the device's local clock and answer the wrong day in time zones west of UTC.
 */
import {
	defaultCentreSettings,
	isoDate,
	type CentreSettings,
	type HolidayNotice,
	type Session
} from '$lib/schemas';
import { festivals, holidayRuns, makeUpRuns } from './national-calendar';

/**
 * One entry of a centre's calendar: a single-day change (centreSettings.dayOverrides), or a day of
 * a holiday notice the centre entered (`holiday` names its festival). `hallCalendar` builds the
 * list every screen passes around.
 */
export interface DayOverride {
	date: string;
	working: boolean;
	/** The hall does not open at all: no service, no booking, no duty. */
	closed?: boolean;
	note?: string;
	/** Set on the days of an entered notice: the festival's name. */
	holiday?: string;
}

export type DayReason = 'weekday' | 'weekend' | 'holiday' | 'make-up' | 'override';

export interface DayKind {
	date: string;
	working: boolean;
	reason: DayReason;
	/** Chinese name of the statutory holiday (or of the holiday a make-up day belongs to). */
	holiday?: string;
	holidayEn?: string;
	/** false when the national calendar has no data for the year: weekday/weekend only. */
	known: boolean;
	/** The centre closed the hall that day. */
	closed?: boolean;
}

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Holiday entries look like "National Day,国庆节,3": English, Chinese, statutory days. */
const holidays = expandRuns(holidayRuns);
const makeUpDays = expandRuns(makeUpRuns);

const knownYears = new Set(Object.keys(holidays).map((d) => d.slice(0, 4)));

/** First and last year the shipped national calendar covers. */
export const calendarYears = {
	from: Math.min(...[...knownYears].map(Number)),
	to: Math.max(...[...knownYears].map(Number))
};

/** The date → entry table of runs written as "first date+days:festival,statutory days". */
export function expandRuns(runs: string): Record<string, string> {
	const table: Record<string, string> = {};
	for (const run of runs.split(' ')) {
		const [, start, days, festival, statutory] = /^(.{10})\+(\d+):(\d+),(\d+)$/.exec(run)!;
		const first = Date.parse(`${start}T00:00:00Z`);
		for (let i = 0; i < Number(days); i++) {
			const date = new Date(first + i * DAY_MS).toISOString().slice(0, 10);
			table[date] = `${festivals[Number(festival)]},${statutory}`;
		}
	}
	return table;
}

function toEpochDay(date: string): number {
	const m = DATE_RE.exec(date);
	if (!m) throw new Error(`not a YYYY-MM-DD date: ${date}`);
	const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
	const back = new Date(ms).toISOString().slice(0, 10);
	if (back !== date) throw new Error(`not a calendar date: ${date}`);
	return ms / DAY_MS;
}

function fromEpochDay(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
	return fromEpochDay(toEpochDay(date) + n);
}

/**
 * The day a page's address asks for (`?date=`): today when it names none, or the text itself when
 * it is no calendar date (2026-02-30, abc), for the page to say so instead of computing with it.
 */
export function askedDate(
	param: string | null,
	today: string
): { ok: true; date: string } | { ok: false; asked: string } {
	if (param === null || param === '') return { ok: true, date: today };
	const parsed = isoDate.safeParse(param);
	return parsed.success ? { ok: true, date: parsed.data } : { ok: false, asked: param };
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
	return toEpochDay(to) - toEpochDay(from);
}

/** 0 = Sunday … 6 = Saturday, from the date string alone. */
export function weekday(date: string): number {
	// 1970-01-01 was a Thursday (4).
	return (((toEpochDay(date) + 4) % 7) + 7) % 7;
}

/** Every date from `from` to `to`, both included; empty when `to` is before `from`. */
export function datesBetween(from: string, to: string): string[] {
	const a = toEpochDay(from);
	const b = toEpochDay(to);
	const out: string[] = [];
	for (let d = a; d <= b; d++) out.push(fromEpochDay(d));
	return out;
}

/** Monday of the ISO week that holds `date`. */
export function isoWeekStart(date: string): string {
	return addDays(date, -((weekday(date) + 6) % 7));
}

function holidayNames(date: string): { zh: string; en: string } | undefined {
	const raw = holidays[date] ?? makeUpDays[date];
	if (!raw) return undefined;
	const [en, zh] = raw.split(',');
	return { zh, en };
}

/**
 * A centre's calendar as one list: its single-day changes first (they win), then every day of
 * the holiday notices it entered, a festival's days off and its make-up working days.
 */
export function hallCalendar(
	settings?: Partial<Pick<CentreSettings, 'dayOverrides' | 'holidayNotices'>>
): DayOverride[] {
	const entered: DayOverride[] = [];
	for (const notice of settings?.holidayNotices ?? []) {
		for (const f of notice.festivals) {
			for (const date of datesBetween(f.from, f.to)) {
				entered.push({ date, working: false, holiday: f.name });
			}
			for (const date of f.makeUpDays) entered.push({ date, working: true, holiday: f.name });
		}
	}
	return [...(settings?.dayOverrides ?? []), ...entered];
}

export type YearCoverage = 'entered' | 'shipped' | 'missing';

/** Where a year's holidays come from: a notice the centre entered, the shipped data, or nowhere. */
export function yearCoverage(year: number, notices: readonly HolidayNotice[] = []): YearCoverage {
	if (notices.some((n) => n.year === year)) return 'entered';
	return knownYears.has(String(year)) ? 'shipped' : 'missing';
}

/**
 * The State Council publishes next year's notice in the autumn; from November on, and all through
 * a year still without one, the admin is asked to enter it. Returns the year that lacks it.
 */
export function noticeWanted(
	today: string,
	notices: readonly HolidayNotice[] = []
): number | undefined {
	const year = Number(today.slice(0, 4));
	if (yearCoverage(year, notices) === 'missing') return year;
	if (today.slice(5) >= '11-01' && yearCoverage(year + 1, notices) === 'missing') return year + 1;
	return undefined;
}

/** Years with an entered notice: their shipped data, if any, is set aside. */
const noticeYears = (overrides: readonly DayOverride[]) =>
	new Set(overrides.filter((o) => o.holiday !== undefined).map((o) => o.date.slice(0, 4)));

/** Working day or not, and why. A centre override wins over the national calendar. */
export function dayKind(date: string, overrides: readonly DayOverride[] = []): DayKind {
	const wd = weekday(date);
	const year = date.slice(0, 4);
	const entered = overrides.length > 0 && noticeYears(overrides).has(year);
	const known = entered || knownYears.has(year);
	const single = overrides.find((o) => o.date === date && o.holiday === undefined);
	const noticed = entered ? overrides.find((o) => o.date === date && o.holiday) : undefined;
	const names = entered ? undefined : known ? holidayNames(date) : undefined;
	const named = noticed
		? { holiday: noticed.holiday }
		: names
			? { holiday: names.zh, holidayEn: names.en }
			: {};
	if (single) {
		return {
			date,
			working: single.working,
			reason: 'override',
			known,
			...named,
			...(single.closed && { closed: true })
		};
	}
	if (noticed) {
		return {
			date,
			working: noticed.working,
			reason: noticed.working ? 'make-up' : 'holiday',
			known,
			...named
		};
	}
	if (entered) {
		const weekend = wd === 0 || wd === 6;
		return { date, working: !weekend, reason: weekend ? 'weekend' : 'weekday', known };
	}
	if (known && holidays[date]) return { date, working: false, reason: 'holiday', known, ...named };
	if (known && makeUpDays[date]) return { date, working: true, reason: 'make-up', known, ...named };
	const weekend = wd === 0 || wd === 6;
	return { date, working: !weekend, reason: weekend ? 'weekend' : 'weekday', known };
}

export function isWorkingDay(date: string, overrides: readonly DayOverride[] = []): boolean {
	return dayKind(date, overrides).working;
}

/**
 * The date `n` working days after `date` (`date` itself not counted); n = 0 gives `date`.
 * Used for 限时办结 deadlines, which run in working days.
 */
export function addWorkingDays(
	date: string,
	n: number,
	overrides: readonly DayOverride[] = []
): string {
	let d = date;
	let left = n;
	while (left > 0) {
		d = addDays(d, 1);
		if (isWorkingDay(d, overrides)) left--;
	}
	return d;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(
	from: string,
	to: string,
	overrides: readonly DayOverride[] = []
): number {
	if (to <= from) return 0;
	return datesBetween(addDays(from, 1), to).filter((d) => isWorkingDay(d, overrides)).length;
}

export interface HolidayPeriod {
	from: string;
	to: string;
	days: number;
	/** Chinese names in order of appearance: 国庆节 and 中秋 share 2025's run. */
	names: string[];
	namesEn: string[];
}

/**
 * Runs of consecutive statutory holiday dates (weekends inside a run included, as the State
 * Council notice lists them) that overlap `from`..`to`. A run that crosses the range edge is
 * returned whole, so a forecast never sees half a Spring Festival.
 */
export function holidayPeriods(from: string, to: string): HolidayPeriod[] {
	const dates = Object.keys(holidays)
		.filter((d) => d >= addDays(from, -15) && d <= addDays(to, 15))
		.sort();
	const runs: HolidayPeriod[] = [];
	for (const d of dates) {
		const names = holidayNames(d);
		const last = runs.at(-1);
		if (last && addDays(last.to, 1) === d) {
			last.to = d;
			last.days++;
		} else {
			runs.push({ from: d, to: d, days: 1, names: [], namesEn: [] });
		}
		const run = runs.at(-1)!;
		if (names && !run.names.includes(names.zh)) {
			run.names.push(names.zh);
			run.namesEn.push(names.en);
		}
	}
	return runs.filter((r) => r.to >= from && r.from <= to);
}

/** How far to look for the holiday next to a working day: the longest gap is a weekend plus a run. */
const AROUND_LIMIT = 12;

/**
 * 'before' for the last working day before a statutory holiday, 'after' for the first working day
 * after one; null otherwise and on non-working days. Weekends between the working day and the
 * holiday do not break the link. Both at once (a make-up day wedged between two runs) says
 * 'before', because the rush before a holiday is the larger effect in the hall.
 */
export function daysAroundHoliday(
	date: string,
	overrides: readonly DayOverride[] = []
): 'before' | 'after' | null {
	if (!isWorkingDay(date, overrides)) return null;
	const touches = (step: 1 | -1) => {
		for (let i = 1; i <= AROUND_LIMIT; i++) {
			const d = dayKind(addDays(date, step * i), overrides);
			if (d.working) return false;
			if (d.reason === 'holiday') return true;
		}
		return false;
	};
	if (touches(1)) return 'before';
	if (touches(-1)) return 'after';
	return null;
}

export type HoursSettings = Partial<
	Pick<CentreSettings, 'workingSessions' | 'nonWorkingSessions' | 'extendedServiceMinutes'>
>;

export interface ServiceHours {
	working: boolean;
	/** Empty when the hall is closed that day. */
	sessions: Session[];
	/** Extended service (延时服务) allowed after each session; both kinds of day serve the queue. */
	extendedMinutes: number;
	kind: DayKind;
}

export function serviceHours(
	date: string,
	settings: HoursSettings = {},
	overrides: readonly DayOverride[] = []
): ServiceHours {
	const kind = dayKind(date, overrides);
	const sessions = kind.closed
		? []
		: kind.working
			? (settings.workingSessions ?? defaultCentreSettings.workingSessions)
			: // 不打烊 hours from the plan: 9:00–11:30 and 14:00–17:00 unless the centre changed them.
				(settings.nonWorkingSessions ?? defaultCentreSettings.nonWorkingSessions);
	return {
		working: kind.working,
		sessions: sessions.map((s) => ({ ...s })),
		extendedMinutes:
			settings.extendedServiceMinutes ?? defaultCentreSettings.extendedServiceMinutes,
		kind
	};
}

/** Minutes after midnight of an `HH:MM` clock time; NaN when it is not one. */
export function clockMinutes(time: string): number {
	const m = /^(\d{2}):(\d{2})$/.exec(time);
	if (!m) return NaN;
	return Number(m[1]) * 60 + Number(m[2]);
}
