/**
 * Arrivals per category and hour for a coming day, from daily-hourly history. A 不打烊 Sunday,
 * the Monday after National Day and an ordinary Tuesday are different days in the hall, so each
 * forecast looks only at comparable days: the same profile (see dayProfile) and, for working days,
 * the same weekday when there are enough of them.
 *
 * Two methods:
 * - 'seasonal-naive': the last comparable day, as it was. The baseline, and the scale of MASE.
 * - 'weighted-profile': exponentially weighted mean of the last k comparable days, each scaled
 *   by how much the hall's working-day level has changed since. Averaging removes the noise of
 *   a single day, and the level scaling carries a holiday seen months ago to today's volume.
 * The default is 'weighted-profile': it wins the synthetic back-test in forecast.test.ts on both
 * MAPE and MASE (figures in that test).
 */
import {
	addDays,
	dayKind,
	daysAroundHoliday,
	daysBetween,
	weekday,
	type DayOverride
} from './calendar';

export interface HistoryRow {
	date: string;
	hour: number;
	category: string;
	arrivals: number;
}

export interface ForecastRow {
	category: string;
	hour: number;
	arrivals: number;
}

export type DayProfile = 'working' | 'weekend' | 'holiday' | 'before-holiday' | 'after-holiday';

export type ForecastMethod = 'seasonal-naive' | 'weighted-profile';

export const forecastMethods: ForecastMethod[] = ['seasonal-naive', 'weighted-profile'];

export const defaultForecastMethod: ForecastMethod = 'weighted-profile';

export interface ForecastOptions {
	method?: ForecastMethod;
	overrides?: DayOverride[];
	/** How many comparable days the weighted profile averages. */
	k?: number;
	/** Weight decay per older comparable day: weights are (1 − alpha)^i. */
	alpha?: number;
}

export interface DayForecast {
	date: string;
	profile: DayProfile;
	method: ForecastMethod;
	rows: ForecastRow[];
	/** The history dates the forecast rests on, most recent first. */
	basedOn: string[];
}

const DEFAULT_K = 6;
const DEFAULT_ALPHA = 0.25;
/** Days of working-day history that define the hall's current level. */
const LEVEL_DAYS = 28;
/**
 * Comparable days older than this are scaled to the current level; nearer ones already carry it,
 * and scaling them would only add the noise of two level estimates.
 */
const SCALE_AFTER_DAYS = 2 * LEVEL_DAYS;
/** A level change beyond this is more likely a data gap than a real change. */
const LEVEL_CLAMP: [number, number] = [0.5, 2];
/** Below this many same-weekday days, any working day is comparable. */
const MIN_SAME_WEEKDAY = 3;
/** Below this many earlier make-up days, a make-up day is compared with any working day. */
const MIN_MAKE_UP = 2;

/** Which days are alike for forecasting: the kind of day and its place next to a holiday. */
export function dayProfile(date: string, overrides: readonly DayOverride[] = []): DayProfile {
	const kind = dayKind(date, overrides);
	if (!kind.working) return kind.reason === 'holiday' ? 'holiday' : 'weekend';
	const around = daysAroundHoliday(date, overrides);
	if (around === 'before') return 'before-holiday';
	if (around === 'after') return 'after-holiday';
	return 'working';
}

/** History grouped by date, with each date's profile worked out once. */
export interface HistoryIndex {
	dates: string[];
	rows: Map<string, ForecastRow[]>;
	total: Map<string, number>;
	profile: Map<string, DayProfile>;
	holiday: Map<string, string | undefined>;
	/** 调休 make-up working days: they fall on weekends and draw their own crowd. */
	makeUp: Set<string>;
	overrides: readonly DayOverride[];
}

export function indexHistory(
	history: readonly HistoryRow[],
	overrides: readonly DayOverride[] = []
): HistoryIndex {
	const rows = new Map<string, ForecastRow[]>();
	const total = new Map<string, number>();
	for (const r of history) {
		let day = rows.get(r.date);
		if (!day) rows.set(r.date, (day = []));
		day.push({ category: r.category, hour: r.hour, arrivals: r.arrivals });
		total.set(r.date, (total.get(r.date) ?? 0) + r.arrivals);
	}
	const dates = [...rows.keys()].sort();
	const profile = new Map(dates.map((d) => [d, dayProfile(d, overrides)]));
	const kinds = new Map(dates.map((d) => [d, dayKind(d, overrides)]));
	const holiday = new Map(dates.map((d) => [d, kinds.get(d)!.holiday]));
	const makeUp = new Set(dates.filter((d) => kinds.get(d)!.reason === 'make-up'));
	return { dates, rows, total, profile, holiday, makeUp, overrides };
}

/** Index of the first history date on or after `date`. */
function cut(index: HistoryIndex, date: string): number {
	let lo = 0;
	let hi = index.dates.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (index.dates[mid] < date) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Saturdays and Sundays apart by more than this (in mean arrivals) are forecast apart. */
const WEEKEND_SPLIT = 0.1;
/** The weekends that decide it: the last eight of each day. */
const WEEKEND_SAMPLE = 8;

/** Whether the hall's recent Saturdays and Sundays differ enough to be forecast apart. */
function weekendsDiffer(index: HistoryIndex, weekends: readonly string[]): boolean {
	const mean = (day: number) => {
		const totals = weekends
			.filter((d) => weekday(d) === day)
			.slice(0, WEEKEND_SAMPLE)
			.map((d) => index.total.get(d) ?? 0);
		return totals.length >= MIN_SAME_WEEKDAY
			? totals.reduce((a, b) => a + b, 0) / totals.length
			: undefined;
	};
	const saturday = mean(6);
	const sunday = mean(0);
	if (!saturday || !sunday) return false;
	return Math.abs(saturday / sunday - 1) > WEEKEND_SPLIT;
}

/** Where a holiday falls in its run of days off: its first day, its last, or between. */
function runPlace(date: string, overrides: readonly DayOverride[]): 'first' | 'last' | 'middle' {
	const off = (d: string) => dayKind(d, overrides).reason === 'holiday';
	if (!off(addDays(date, -1))) return 'first';
	if (!off(addDays(date, 1))) return 'last';
	return 'middle';
}

/** Up to `limit` comparable days before `date`, most recent first, best match first. */
export function comparableDays(index: HistoryIndex, date: string, limit: number): string[] {
	const profile = dayProfile(date, index.overrides);
	const earlier = index.dates.slice(0, cut(index, date)).reverse();
	const same = earlier.filter((d) => index.profile.get(d) === profile);
	let preferred: string[] = [];
	const kind = dayKind(date, index.overrides);
	if (profile === 'working' && kind.reason === 'make-up') {
		preferred = same.filter((d) => index.makeUp.has(d));
		if (preferred.length < Math.min(limit, MIN_MAKE_UP)) preferred = [];
	} else if (profile === 'working') {
		preferred = same.filter((d) => weekday(d) === weekday(date) && !index.makeUp.has(d));
		if (preferred.length < Math.min(limit, MIN_SAME_WEEKDAY)) preferred = [];
	} else if (profile === 'weekend' && weekendsDiffer(index, same)) {
		// Where the hall's Saturdays and Sundays draw different crowds, each is its own profile.
		preferred = same.filter((d) => weekday(d) === weekday(date));
		if (preferred.length < Math.min(limit, MIN_SAME_WEEKDAY)) preferred = [];
	} else if (profile === 'holiday') {
		// Spring Festival is quieter than National Day: prefer the same festival, and within it
		// the same place in the run (the first day and the last are not the middle).
		const place = runPlace(date, index.overrides);
		const festival = same.filter((d) => index.holiday.get(d) === kind.holiday);
		preferred = [
			...festival.filter((d) => runPlace(d, index.overrides) === place),
			...festival.filter((d) => runPlace(d, index.overrides) !== place)
		];
	}
	return (preferred.length > 0 ? preferred : same).slice(0, limit);
}

/**
 * The hall's level before `date`: mean daily arrivals of the ordinary working days (make-up
 * days left out) in the LEVEL_DAYS before it, averaged per weekday first, so that a window that lost a Monday to a holiday does
 * not look quieter than one that kept it.
 */
function level(index: HistoryIndex, date: string): number | undefined {
	const from = addDays(date, -LEVEL_DAYS);
	const sums = new Map<number, [number, number]>();
	for (let i = cut(index, date) - 1; i >= 0 && index.dates[i] >= from; i--) {
		const d = index.dates[i];
		if (index.profile.get(d) !== 'working' || index.makeUp.has(d)) continue;
		const s = sums.get(weekday(d)) ?? [0, 0];
		s[0] += index.total.get(d) ?? 0;
		s[1]++;
		sums.set(weekday(d), s);
	}
	if (sums.size === 0) return undefined;
	let sum = 0;
	for (const [total, n] of sums.values()) sum += total / n;
	return sum / sums.size;
}

const cellKey = (category: string, hour: number) => `${category}\u0000${hour}`;

function rowsOf(cells: Map<string, ForecastRow>): ForecastRow[] {
	return [...cells.values()].sort((a, b) =>
		a.category === b.category ? a.hour - b.hour : a.category < b.category ? -1 : 1
	);
}

function naiveFrom(index: HistoryIndex, date: string): DayForecast {
	const basedOn = comparableDays(index, date, 1);
	const rows = basedOn.length ? (index.rows.get(basedOn[0]) ?? []) : [];
	const cells = new Map<string, ForecastRow>();
	for (const r of rows) {
		const key = cellKey(r.category, r.hour);
		const seen = cells.get(key);
		cells.set(key, { ...r, arrivals: (seen?.arrivals ?? 0) + r.arrivals });
	}
	return {
		date,
		profile: dayProfile(date, index.overrides),
		method: 'seasonal-naive',
		rows: rowsOf(cells),
		basedOn
	};
}

/**
 * Where a working day falls in its month: 征期 (the first fifteen days, when taxes and social
 * insurance are filed), the last three days of a month or of a quarter, or the rest.
 */
export type MonthPhase = 'filing' | 'month-end' | 'quarter-end' | 'other';

export function monthPhase(date: string): MonthPhase {
	const month = Number(date.slice(5, 7));
	if (addDays(date, 3).slice(5, 7) !== date.slice(5, 7))
		return month % 3 === 0 ? 'quarter-end' : 'month-end';
	return Number(date.slice(8, 10)) <= 15 ? 'filing' : 'other';
}

/** A phase needs this many working days of the last year before it counts. */
const MIN_PHASE_DAYS = 6;
/** A phase within this of the category's ordinary day is noise, not a cycle. */
const MIN_PHASE_EFFECT = 0.08;

/**
 * Each category's mean arrivals on ordinary working days of each month phase, against its mean
 * on all of them, over the year before `date`. Only phases that stand out are kept.
 */
function phaseFactors(index: HistoryIndex, date: string): Map<string, Map<MonthPhase, number>> {
	const from = addDays(date, -365);
	const days = new Map<MonthPhase, number>();
	const sums = new Map<string, Map<MonthPhase, number>>();
	for (let i = cut(index, date) - 1; i >= 0 && index.dates[i] >= from; i--) {
		const d = index.dates[i];
		if (index.profile.get(d) !== 'working' || index.makeUp.has(d)) continue;
		const phase = monthPhase(d);
		days.set(phase, (days.get(phase) ?? 0) + 1);
		for (const r of index.rows.get(d) ?? []) {
			let byPhase = sums.get(r.category);
			if (!byPhase) sums.set(r.category, (byPhase = new Map()));
			byPhase.set(phase, (byPhase.get(phase) ?? 0) + r.arrivals);
		}
	}
	const allDays = [...days.values()].reduce((a, b) => a + b, 0);
	const out = new Map<string, Map<MonthPhase, number>>();
	for (const [category, byPhase] of sums) {
		const mean = [...byPhase.values()].reduce((a, b) => a + b, 0) / allDays;
		if (mean <= 0) continue;
		const factors = new Map<MonthPhase, number>();
		for (const [phase, n] of days) {
			if (n < MIN_PHASE_DAYS) continue;
			const f = (byPhase.get(phase) ?? 0) / n / mean;
			if (f > 0 && Math.abs(f - 1) >= MIN_PHASE_EFFECT) factors.set(phase, f);
		}
		if (factors.size) out.set(category, factors);
	}
	return out;
}

function weightedFrom(index: HistoryIndex, date: string, options: ForecastOptions): DayForecast {
	const k = options.k ?? DEFAULT_K;
	const alpha = options.alpha ?? DEFAULT_ALPHA;
	const basedOn = comparableDays(index, date, k);
	const now = level(index, date);
	// Working days carry the month's cycle (征期, month and quarter ends): each comparable day is
	// brought to the phase of the day forecast, category by category.
	const phases =
		dayProfile(date, index.overrides) === 'working' ? phaseFactors(index, date) : undefined;
	const phaseOf = (category: string, d: string) => phases?.get(category)?.get(monthPhase(d)) ?? 1;
	const cells = new Map<string, ForecastRow>();
	let weights = 0;
	basedOn.forEach((d, i) => {
		const w = (1 - alpha) ** i;
		const then = daysBetween(d, date) > SCALE_AFTER_DAYS ? level(index, d) : undefined;
		const scale = now && then ? Math.min(LEVEL_CLAMP[1], Math.max(LEVEL_CLAMP[0], now / then)) : 1;
		weights += w;
		for (const r of index.rows.get(d) ?? []) {
			const key = cellKey(r.category, r.hour);
			const seen = cells.get(key) ?? { category: r.category, hour: r.hour, arrivals: 0 };
			seen.arrivals +=
				(w * scale * r.arrivals * phaseOf(r.category, date)) / phaseOf(r.category, d);
			cells.set(key, seen);
		}
	});
	for (const c of cells.values()) c.arrivals /= weights;
	return {
		date,
		profile: dayProfile(date, index.overrides),
		method: 'weighted-profile',
		rows: rowsOf(cells),
		basedOn
	};
}

function fromIndex(index: HistoryIndex, date: string, options: ForecastOptions): DayForecast {
	const method = options.method ?? defaultForecastMethod;
	return method === 'seasonal-naive' ? naiveFrom(index, date) : weightedFrom(index, date, options);
}

/** The last comparable day before `date`, repeated. */
export function seasonalNaive(
	history: readonly HistoryRow[],
	date: string,
	options: ForecastOptions = {}
): ForecastRow[] {
	return naiveFrom(indexHistory(history, options.overrides), date).rows;
}

/** Weighted, level-scaled mean of the last k comparable days before `date`. */
export function weightedProfile(
	history: readonly HistoryRow[],
	date: string,
	options: ForecastOptions = {}
): ForecastRow[] {
	return weightedFrom(indexHistory(history, options.overrides), date, options).rows;
}

/** Forecast of one day; only history before `date` is used. */
export function forecastDay(
	history: readonly HistoryRow[] | HistoryIndex,
	date: string,
	options: ForecastOptions = {}
): DayForecast {
	const index = 'dates' in history ? history : indexHistory(history, options.overrides);
	return fromIndex(index, date, options);
}

export interface BacktestOptions extends ForecastOptions {
	from: string;
	to: string;
}

export interface BacktestResult {
	method: ForecastMethod;
	/** Days of the test period that had history to compare with. */
	days: number;
	/** Mean absolute percentage error of daily totals per category, as a fraction. */
	mape: number;
	/** Mean absolute error per category-hour cell. */
	mae: number;
	/** MAE divided by the in-sample MAE of the seasonal naive forecast (before `from`). */
	mase: number;
	/** In-sample seasonal naive MAE, the MASE scale. */
	scale: number;
}

interface Errors {
	absolute: number;
	cells: number;
	percentage: number;
	totals: number;
}

function addErrors(acc: Errors, forecast: ForecastRow[], actual: ForecastRow[]) {
	const cells = new Map<string, [number, number]>();
	const totals = new Map<string, [number, number]>();
	const put = (rows: ForecastRow[], side: 0 | 1) => {
		for (const r of rows) {
			const c = cells.get(cellKey(r.category, r.hour)) ?? [0, 0];
			c[side] += r.arrivals;
			cells.set(cellKey(r.category, r.hour), c);
			const t = totals.get(r.category) ?? [0, 0];
			t[side] += r.arrivals;
			totals.set(r.category, t);
		}
	};
	put(forecast, 0);
	put(actual, 1);
	for (const [f, a] of cells.values()) {
		acc.absolute += Math.abs(f - a);
		acc.cells++;
	}
	for (const [f, a] of totals.values()) {
		if (a <= 0) continue;
		acc.percentage += Math.abs(f - a) / a;
		acc.totals++;
	}
}

const noErrors = (): Errors => ({ absolute: 0, cells: 0, percentage: 0, totals: 0 });

/**
 * Rolling-origin back-test: every history date from `from` to `to` is forecast from the days
 * before it only. MASE is scaled by the seasonal naive error inside the history before `from`,
 * so a MASE below 1 beats "same as the last comparable day".
 */
export function backtest(
	history: readonly HistoryRow[] | HistoryIndex,
	options: BacktestOptions
): BacktestResult {
	const index = 'dates' in history ? history : indexHistory(history, options.overrides);
	const method = options.method ?? defaultForecastMethod;
	const test = noErrors();
	const inSample = noErrors();
	let days = 0;
	for (const date of index.dates) {
		if (date > options.to) break;
		const actual = index.rows.get(date) ?? [];
		if (date < options.from) {
			const naive = naiveFrom(index, date);
			if (naive.basedOn.length) addErrors(inSample, naive.rows, actual);
			continue;
		}
		const f = fromIndex(index, date, { ...options, method });
		if (!f.basedOn.length) continue;
		addErrors(test, f.rows, actual);
		days++;
	}
	const mae = test.cells ? test.absolute / test.cells : NaN;
	const scale = inSample.cells ? inSample.absolute / inSample.cells : NaN;
	return {
		method,
		days,
		mape: test.totals ? test.percentage / test.totals : NaN,
		mae,
		mase: Number.isNaN(scale) ? NaN : scale > 0 ? mae / scale : mae === 0 ? 0 : Infinity,
		scale
	};
}

/** Back-tests every method on the same history, e.g. for a script over the demo data. */
export function compareMethods(
	history: readonly HistoryRow[],
	options: Omit<BacktestOptions, 'method'>
): Record<ForecastMethod, BacktestResult> {
	const index = indexHistory(history, options.overrides);
	return Object.fromEntries(
		forecastMethods.map((method) => [method, backtest(index, { ...options, method })])
	) as Record<ForecastMethod, BacktestResult>;
}
