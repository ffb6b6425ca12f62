/**
 * The figures a meeting decides on: a period set against the one before and the same one a year
 * earlier, the last twelve months week by week by kind of day, weekend and holiday arrivals by
 * category and hour, and how far the forecast was off on the days that have passed. Pure, from
 * daily roll-ups. A date without a roll-up has no data: it counts as missing (null, shown as
 * 无数据), never as zero, so a year before the hall started counting never reads as an empty hall.
 */
import {
	addDays,
	datesBetween,
	dayKind,
	holidayPeriods,
	isoWeekStart,
	weekday,
	type DayOverride
} from './calendar';
import { forecastDay, indexHistory } from './forecast';
import { addTo, keyed, slot } from './keyed';
import { arrivalHistory, windowArrivals } from './volume';
import {
	dayClass,
	dayCounters,
	type DayClass,
	type ReviewFilter,
	type RollupDay
} from './review-figures';

export type PeriodKind = 'month' | 'quarter' | 'saturday';

export interface Period {
	kind: PeriodKind;
	from: string;
	to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) =>
	addDays(`${month === 12 ? year + 1 : year}-${pad(month === 12 ? 1 : month + 1)}-01`, -1);

/** The month, quarter or Saturday that holds `date` (for a Saturday: the one on or before it). */
export function periodOf(kind: PeriodKind, date: string): Period {
	const year = Number(date.slice(0, 4));
	const month = Number(date.slice(5, 7));
	if (kind === 'saturday') {
		const d = addDays(date, -((weekday(date) + 1) % 7));
		return { kind, from: d, to: d };
	}
	const first = kind === 'month' ? month : month - ((month - 1) % 3);
	const last = kind === 'month' ? month : first + 2;
	return { kind, from: `${year}-${pad(first)}-01`, to: lastDayOfMonth(year, last) };
}

/** The period just before: the month or quarter before, the Saturday a week earlier. */
export function previousPeriod(p: Period): Period {
	return periodOf(p.kind, addDays(p.from, p.kind === 'saturday' ? -7 : -1));
}

/**
 * The same period a year earlier. A Saturday goes back 52 weeks, so it is again a Saturday (the
 * calendar date a year back is another weekday and another crowd).
 */
export function sameLastYear(p: Period): Period {
	if (p.kind === 'saturday') return periodOf('saturday', addDays(p.from, -364));
	const year = Number(p.from.slice(0, 4)) - 1;
	return periodOf(p.kind, `${year}${p.from.slice(4)}`);
}

/** The last `count` periods that have ended before `today`, latest first: the picker's choices. */
export function endedPeriods(kind: PeriodKind, today: string, count: number): Period[] {
	const out: Period[] = [];
	let p = periodOf(kind, addDays(today, -1));
	if (p.to >= today) p = previousPeriod(p);
	while (out.length < count) {
		out.push(p);
		p = previousPeriod(p);
	}
	return out;
}

export interface PeriodFigures {
	period: Period;
	/** Dates in the period. */
	days: number;
	/** Dates with a roll-up. */
	recorded: number;
	/** Accepted over the recorded days; null when none is recorded. */
	total: number | null;
	/** Mean accepted per recorded day; null when none is recorded. */
	perDay: number | null;
	/** Mean accepted per recorded non-working (不打烊) day; null when there is none. */
	nonWorkingPerDay: number | null;
	/** Accepted per category over the recorded days. */
	byCategory: Record<string, number>;
}

export function periodFigures(
	days: readonly RollupDay[],
	period: Period,
	filter: ReviewFilter,
	overrides: readonly DayOverride[] = []
): PeriodFigures {
	const byDate = new Map(days.map((d) => [d.date, d]));
	const dates = datesBetween(period.from, period.to);
	const byCategory = keyed<number>();
	let total = 0;
	let recorded = 0;
	let off = 0;
	let offTotal = 0;
	for (const date of dates) {
		const day = byDate.get(date);
		if (!day) continue;
		recorded++;
		const accepted = dayCounters(day, filter).accepted;
		total += accepted;
		if (!dayKind(date, overrides).working) {
			off++;
			offTotal += accepted;
		}
		for (const category of Object.keys(day.cells)) {
			if (filter.categories && !filter.categories.includes(category)) continue;
			const one = dayCounters(day, { ...filter, categories: [category] });
			addTo(byCategory, category, one.accepted);
		}
	}
	return {
		period,
		days: dates.length,
		recorded,
		total: recorded ? total : null,
		perDay: recorded ? total / recorded : null,
		nonWorkingPerDay: off ? offTotal / off : null,
		byCategory
	};
}

export interface Change {
	/** now − then; null when either side has no data. */
	absolute: number | null;
	/** (now − then) / then; null when either side has no data or then is 0. */
	ratio: number | null;
}

export function change(now: number | null, then: number | null): Change {
	if (now === null || then === null) return { absolute: null, ratio: null };
	return { absolute: now - then, ratio: then === 0 ? null : (now - then) / then };
}

export interface PeriodComparison {
	current: PeriodFigures;
	previous: PeriodFigures;
	lastYear: PeriodFigures;
	vsPrevious: Change;
	vsLastYear: Change;
	/** Per-day means, fair where the periods differ in length or in recorded days. */
	perDayVsPrevious: Change;
	perDayVsLastYear: Change;
}

export function comparePeriods(
	days: readonly RollupDay[],
	period: Period,
	filter: ReviewFilter,
	overrides: readonly DayOverride[] = []
): PeriodComparison {
	const [current, previous, lastYear] = [period, previousPeriod(period), sameLastYear(period)].map(
		(p) => periodFigures(days, p, filter, overrides)
	);
	return {
		current,
		previous,
		lastYear,
		vsPrevious: change(current.total, previous.total),
		vsLastYear: change(current.total, lastYear.total),
		perDayVsPrevious: change(current.perDay, previous.perDay),
		perDayVsLastYear: change(current.perDay, lastYear.perDay)
	};
}

/** Kinds of day on the twelve-month view: a 调休 make-up day is a working day there. */
export type WeekPart = 'working' | 'weekend' | 'holiday';
export const weekParts: WeekPart[] = ['working', 'weekend', 'holiday'];

const partOf = (kind: DayClass): WeekPart =>
	kind === 'holiday' ? 'holiday' : kind === 'weekend' ? 'weekend' : 'working';

export interface YearWeek {
	/** Monday of the ISO week. */
	week: string;
	/** Accepted per kind of day over the recorded days; null when the week holds none of that kind. */
	parts: Record<WeekPart, number | null>;
	/** Accepted over the recorded days; null when nothing in the week is recorded. */
	total: number | null;
	recorded: number;
	/** Names of the statutory holiday runs that begin in this week, for the annotations. */
	holidays: string[];
}

/**
 * The twelve months up to `end`, week by week (Monday to Sunday), each week split by kind of day.
 * The first week may begin before the year and the last may end after `end`; both are shown whole
 * as far as they are recorded. `mean` is the mean of the recorded weeks' totals.
 */
export function yearWeeks(
	days: readonly RollupDay[],
	end: string,
	filter: ReviewFilter,
	overrides: readonly DayOverride[] = []
): { weeks: YearWeek[]; mean: number | null } {
	const byDate = new Map(days.map((d) => [d.date, d]));
	const first = isoWeekStart(addDays(end, -364));
	const weeks: YearWeek[] = [];
	// Each holiday run is named once, on the week it begins (National Day and 中秋 may share one).
	const runs = holidayPeriods(first, end);
	for (let week = first; week <= end; week = addDays(week, 7)) {
		const parts: Record<WeekPart, number | null> = { working: null, weekend: null, holiday: null };
		const holidays = runs.filter((r) => isoWeekStart(r.from) === week).flatMap((r) => r.names);
		let recorded = 0;
		for (let i = 0; i < 7; i++) {
			const date = addDays(week, i);
			if (date > end) break;
			const day = byDate.get(date);
			if (!day) continue;
			recorded++;
			const part = partOf(dayClass(date, overrides));
			parts[part] = (parts[part] ?? 0) + dayCounters(day, filter).accepted;
		}
		const values = weekParts.map((p) => parts[p]).filter((v) => v !== null);
		weeks.push({
			week,
			parts,
			total: recorded ? values.reduce((a, b) => a + b, 0) : null,
			recorded,
			holidays
		});
	}
	const totals = weeks.map((w) => w.total).filter((t) => t !== null);
	return {
		weeks,
		mean: totals.length ? totals.reduce((a, b) => a + b, 0) / totals.length : null
	};
}

export interface OffDayGrid {
	categories: string[];
	hours: number[];
	/** Mean window arrivals per recorded day of the kind: [category][hour]; null with no day. */
	cells: (number | null)[][];
	/** Recorded days of the kind in the range. */
	days: number;
}

/**
 * Window arrivals (people: accepted, consulted and refused) on weekends or on statutory holidays,
 * by category and hour, as a mean per recorded day of that kind: when the 不打烊 hall fills, and
 * with what.
 */
export function offDayArrivals(
	days: readonly RollupDay[],
	from: string,
	to: string,
	kind: 'weekend' | 'holiday',
	filter: ReviewFilter,
	overrides: readonly DayOverride[] = []
): OffDayGrid {
	const sums = keyed<Record<number, number>>();
	const hours = new Set<number>();
	let count = 0;
	const wanted = filter.channels === null || filter.channels.includes('window');
	for (const day of days) {
		if (day.date < from || day.date > to || dayClass(day.date, overrides) !== kind) continue;
		count++;
		if (!wanted) continue;
		for (const [category, byHour] of Object.entries(day.hours)) {
			if (filter.categories && !filter.categories.includes(category)) continue;
			const row = slot(sums, category, () => ({}) as Record<number, number>);
			for (const [h, c] of Object.entries(byHour)) {
				row[Number(h)] = (row[Number(h)] ?? 0) + windowArrivals(c);
				hours.add(Number(h));
			}
		}
	}
	const sorted = [...hours].sort((a, b) => a - b);
	const categories = Object.keys(sums).sort(
		(a, b) => total(sums[b]) - total(sums[a]) || (a < b ? -1 : 1)
	);
	return {
		categories,
		hours: sorted,
		cells: categories.map((c) => sorted.map((h) => (count ? (sums[c][h] ?? 0) / count : null))),
		days: count
	};
}

const total = (row: Record<number, number>) => Object.values(row).reduce((a, b) => a + b, 0);

/** Forecast against actual window arrivals of one past day, per category: [forecast, actual]. */
export interface ForecastCheckDay {
	date: string;
	byCategory: Record<string, [number, number]>;
}

/**
 * Forecasts every recorded day from `from` to `to` from the history before it alone (as it would
 * have been made that morning), next to what came. Days with no comparable history are left out.
 */
export function forecastCheck(
	days: readonly RollupDay[],
	from: string,
	to: string,
	overrides: readonly DayOverride[] = []
): ForecastCheckDay[] {
	const index = indexHistory(arrivalHistory(days), overrides);
	const out: ForecastCheckDay[] = [];
	for (const date of index.dates) {
		if (date < from || date > to) continue;
		const f = forecastDay(index, date, { overrides: [...overrides] });
		if (!f.basedOn.length) continue;
		const byCategory = keyed<[number, number]>();
		const pair = (category: string) => slot(byCategory, category, () => [0, 0]);
		for (const r of f.rows) pair(r.category)[0] += r.arrivals;
		for (const r of index.rows.get(date) ?? []) pair(r.category)[1] += r.arrivals;
		out.push({ date, byCategory });
	}
	return out;
}

export interface ForecastErrorDay {
	date: string;
	kind: DayClass;
	forecast: number;
	actual: number;
	/** forecast − actual: above zero the forecast was too high. */
	error: number;
}

export interface ForecastAccuracy {
	days: number;
	/** Mean absolute percentage error over days with arrivals; null with none. */
	mape: number | null;
	/** Mean of forecast − actual: the forecast's lean. */
	bias: number | null;
	working: { days: number; mape: number | null };
	nonWorking: { days: number; mape: number | null };
}

/** Sums the checked days over the categories shown. */
export function forecastErrors(
	check: readonly ForecastCheckDay[],
	categories: readonly string[] | null,
	overrides: readonly DayOverride[] = []
): ForecastErrorDay[] {
	return check.map(({ date, byCategory }) => {
		let forecast = 0;
		let actual = 0;
		for (const [c, [f, a]] of Object.entries(byCategory)) {
			if (categories && !categories.includes(c)) continue;
			forecast += f;
			actual += a;
		}
		return { date, kind: dayClass(date, overrides), forecast, actual, error: forecast - actual };
	});
}

const mapeOf = (rows: readonly ForecastErrorDay[]) => {
	const counted = rows.filter((r) => r.actual > 0);
	return counted.length
		? counted.reduce((a, r) => a + Math.abs(r.error) / r.actual, 0) / counted.length
		: null;
};

export function forecastAccuracy(rows: readonly ForecastErrorDay[]): ForecastAccuracy {
	const working = rows.filter((r) => r.kind === 'working' || r.kind === 'make-up');
	const off = rows.filter((r) => r.kind === 'weekend' || r.kind === 'holiday');
	return {
		days: rows.length,
		mape: mapeOf(rows),
		bias: rows.length ? rows.reduce((a, r) => a + r.error, 0) / rows.length : null,
		working: { days: working.length, mape: mapeOf(working) },
		nonWorking: { days: off.length, mape: mapeOf(off) }
	};
}
