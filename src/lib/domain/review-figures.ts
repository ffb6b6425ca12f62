/**
 * The meeting review's figures, computed from daily roll-ups (one row a day), day plans and
 * appointments — never from the hourly volume rows. Pure: every input is passed in, so the same
 * functions serve the page, the printed report and the benchmark.
 */
import { cameStatuses, type Channel, type VolumeCounters } from '$lib/schemas';
import {
	addDays,
	datesBetween,
	dayKind,
	isoWeekStart,
	weekday,
	type DayOverride
} from './calendar';
import { addCounters, oneVisitRate, windowArrivals, zeroCounters, type DayRollup } from './volume';

/** The parts of a day's roll-up the review reads. */
export type RollupDay = Pick<
	DayRollup,
	'date' | 'cells' | 'hours' | 'windows' | 'refusalReasons' | 'waitingPeak'
>;

export interface ReviewFilter {
	/** null: every category. A department filter becomes the categories of its windows. */
	categories: readonly string[] | null;
	channels: readonly Channel[] | null;
	/** null: every window. */
	windowIds: readonly string[] | null;
}

export const noFilter: ReviewFilter = { categories: null, channels: null, windowIds: null };

export type DayClass = 'working' | 'make-up' | 'weekend' | 'holiday';

const wants = <T>(list: readonly T[] | null, value: T) => list === null || list.includes(value);

/** Counters of one day under the filter, from the category × channel cells. */
export function dayCounters(day: Pick<RollupDay, 'cells'>, filter: ReviewFilter): VolumeCounters {
	const out = zeroCounters();
	for (const [category, byChannel] of Object.entries(day.cells)) {
		if (!wants(filter.categories, category)) continue;
		for (const [ch, c] of Object.entries(byChannel)) {
			if (wants(filter.channels, ch as Channel)) addCounters(out, c);
		}
	}
	return out;
}

export function dayClass(date: string, overrides: readonly DayOverride[] = []): DayClass {
	const kind = dayKind(date, overrides);
	if (kind.working) return kind.reason === 'make-up' ? 'make-up' : 'working';
	return kind.reason === 'holiday' ? 'holiday' : 'weekend';
}

export interface DailyFigure extends VolumeCounters {
	date: string;
	kind: DayClass;
	/** Name of the holiday (or of the holiday a make-up day belongs to). */
	holiday?: string;
}

/** Every date of the range, with zeros where nothing was recorded. */
export function dailyFigures(
	days: readonly RollupDay[],
	from: string,
	to: string,
	filter: ReviewFilter,
	overrides: readonly DayOverride[] = []
): DailyFigure[] {
	const byDate = new Map(days.map((d) => [d.date, d]));
	return datesBetween(from, to).map((date) => {
		const day = byDate.get(date);
		const kind = dayKind(date, overrides);
		return {
			date,
			kind: dayClass(date, overrides),
			holiday: kind.holiday,
			...(day ? dayCounters(day, filter) : zeroCounters())
		};
	});
}

export interface CategoryFigure {
	category: string;
	counters: VolumeCounters;
}

export function byCategory(days: readonly RollupDay[], filter: ReviewFilter): CategoryFigure[] {
	const out = new Map<string, VolumeCounters>();
	for (const day of days) {
		for (const [category, byChannel] of Object.entries(day.cells)) {
			if (!wants(filter.categories, category)) continue;
			const c = out.get(category) ?? zeroCounters();
			for (const [ch, v] of Object.entries(byChannel)) {
				if (wants(filter.channels, ch as Channel)) addCounters(c, v);
			}
			out.set(category, c);
		}
	}
	return [...out]
		.map(([category, counters]) => ({ category, counters }))
		.sort((a, b) => b.counters.accepted - a.counters.accepted);
}

export function byChannel(
	days: readonly RollupDay[],
	filter: ReviewFilter
): { channel: Channel; counters: VolumeCounters }[] {
	const out = new Map<Channel, VolumeCounters>();
	for (const day of days) {
		for (const [category, byCh] of Object.entries(day.cells)) {
			if (!wants(filter.categories, category)) continue;
			for (const [ch, v] of Object.entries(byCh) as [Channel, VolumeCounters][]) {
				if (!wants(filter.channels, ch)) continue;
				out.set(ch, addCounters(out.get(ch) ?? zeroCounters(), v));
			}
		}
	}
	const order: Channel[] = ['window', 'online', 'mobile', 'kiosk'];
	return order
		.filter((c) => out.has(c))
		.map((channel) => ({ channel, counters: out.get(channel)! }));
}

/** Window volume per window (only days on which windows were counted one by one). */
export function byWindow(
	days: readonly RollupDay[],
	filter: ReviewFilter
): { windowId: string; category: string; counters: VolumeCounters; days: number }[] {
	if (!wants(filter.channels, 'window')) return [];
	const out = new Map<string, { category: string; counters: VolumeCounters; days: number }>();
	for (const day of days) {
		for (const [windowId, w] of Object.entries(day.windows)) {
			if (!wants(filter.categories, w.category) || !wants(filter.windowIds, windowId)) continue;
			const row = out.get(windowId) ?? { category: w.category, counters: zeroCounters(), days: 0 };
			addCounters(row.counters, w);
			row.days++;
			out.set(windowId, row);
		}
	}
	return [...out]
		.map(([windowId, r]) => ({ windowId, ...r }))
		.sort((a, b) => (a.windowId < b.windowId ? -1 : 1));
}

/** Mean window arrivals per weekday (0 = Sunday) and hour: the heat map of when the hall fills. */
export function hourHeat(
	days: readonly RollupDay[],
	filter: ReviewFilter
): { hours: number[]; cells: number[][] } {
	const sums = Array.from({ length: 7 }, () => new Map<number, number>());
	const counts = new Array<number>(7).fill(0);
	const hours = new Set<number>();
	if (!wants(filter.channels, 'window')) return { hours: [], cells: sums.map(() => []) };
	for (const day of days) {
		const wd = weekday(day.date);
		let any = false;
		for (const [category, byHour] of Object.entries(day.hours)) {
			if (!wants(filter.categories, category)) continue;
			for (const [h, c] of Object.entries(byHour)) {
				const hour = Number(h);
				sums[wd].set(hour, (sums[wd].get(hour) ?? 0) + windowArrivals(c));
				hours.add(hour);
				any = true;
			}
		}
		if (any) counts[wd]++;
	}
	const sorted = [...hours].sort((a, b) => a - b);
	return {
		hours: sorted,
		cells: sums.map((m, wd) => sorted.map((h) => (counts[wd] ? (m.get(h) ?? 0) / counts[wd] : 0)))
	};
}

/** Mean accepted per day on working and on non-working days, per category. */
export function workingVsNonWorking(
	days: readonly RollupDay[],
	from: string,
	to: string,
	filter: ReviewFilter,
	overrides: readonly DayOverride[] = []
): { category: string; working: number; nonWorking: number }[] {
	const byDate = new Map(days.map((d) => [d.date, d]));
	const dates = datesBetween(from, to);
	const working = dates.filter((d) => dayKind(d, overrides).working);
	const off = dates.filter((d) => !dayKind(d, overrides).working);
	const categories = byCategory(days, filter).map((c) => c.category);
	const mean = (list: string[], category: string) => {
		if (!list.length) return 0;
		const one = { ...filter, categories: [category] };
		let sum = 0;
		for (const d of list) {
			const day = byDate.get(d);
			if (day) sum += dayCounters(day, one).accepted;
		}
		return sum / list.length;
	};
	return categories.map((category) => ({
		category,
		working: mean(working, category),
		nonWorking: mean(off, category)
	}));
}

/**
 * Accepted per weekday (Monday first) of the week of `date`, the week before and the same week a
 * year before. Days of this week after `date` have not happened yet and are null; the totals
 * compare the same days of each week.
 */
export function weekComparison(
	days: readonly RollupDay[],
	date: string,
	filter: ReviewFilter
): {
	dates: string[];
	thisWeek: (number | null)[];
	lastWeek: (number | null)[];
	lastYear: (number | null)[];
	totals: [number, number, number];
} {
	const byDate = new Map(days.map((d) => [d.date, d]));
	const start = isoWeekStart(date);
	// 52 weeks back lands on the same weekday, so Monday is compared with Monday.
	const starts = [start, addDays(start, -7), addDays(start, -364)];
	const values = starts.map((s) =>
		Array.from({ length: 7 }, (_, i) => {
			const day = byDate.get(addDays(s, i));
			// A day with no record at all (before the data starts) is a gap, not a zero.
			return day ? dayCounters(day, filter).accepted : null;
		})
	);
	const dates = Array.from({ length: 7 }, (_, i) => addDays(start, i));
	const upTo = dates.filter((d) => d <= date).length;
	const sum = (xs: (number | null)[]) =>
		xs.slice(0, upTo).reduce<number>((a, b) => a + (b ?? 0), 0);
	return {
		dates,
		thisWeek: values[0].map((v, i) => (i < upTo ? (v ?? 0) : null)),
		lastWeek: values[1],
		lastYear: values[2],
		totals: [sum(values[0]), sum(values[1]), sum(values[2])]
	};
}

/** Groups daily figures into ISO weeks (Monday dates). */
export function weekly(daily: readonly DailyFigure[]): (VolumeCounters & { week: string })[] {
	const out = new Map<string, VolumeCounters>();
	for (const d of daily) {
		const w = isoWeekStart(d.date);
		out.set(w, addCounters(out.get(w) ?? zeroCounters(), d));
	}
	return [...out].map(([week, c]) => ({ week, ...c }));
}

/** 一次告知 reasons over the range, most frequent first. */
export function refusalReasons(days: readonly RollupDay[], filter: ReviewFilter) {
	const sum = new Map<string, number>();
	for (const day of days) {
		for (const [category, reasons] of Object.entries(day.refusalReasons)) {
			if (!wants(filter.categories, category)) continue;
			for (const [r, n] of Object.entries(reasons)) sum.set(r, (sum.get(r) ?? 0) + n);
		}
	}
	return [...sum].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
}

/** An appointment as the review counts it. */
export interface AppointmentLite {
	date: string;
	departmentId: string;
	status: string;
}

export interface AppointmentWeek {
	week: string;
	booked: number;
	attended: number;
	noShow: number;
	cancelled: number;
}

/** Appointments per week: attended (arrived, served, done, refused), no-shows and cancellations. */
export function appointmentWeeks(rows: readonly AppointmentLite[]): AppointmentWeek[] {
	const out = new Map<string, AppointmentWeek>();
	for (const a of rows) {
		const week = isoWeekStart(a.date);
		const w = out.get(week) ?? { week, booked: 0, attended: 0, noShow: 0, cancelled: 0 };
		if (a.status === 'cancelled') w.cancelled++;
		else {
			w.booked++;
			if (a.status === 'no-show') w.noShow++;
			else if (cameStatuses.has(a.status)) w.attended++;
		}
		out.set(week, w);
	}
	return [...out.values()].sort((a, b) => (a.week < b.week ? -1 : 1));
}

/** One-visit completion rate per week; null where nothing was completed. */
export function oneVisitWeeks(daily: readonly DailyFigure[]) {
	return weekly(daily).map((w) => ({
		week: w.week,
		completed: w.completed,
		oneVisit: w.oneVisit,
		rate: oneVisitRate(w)
	}));
}
