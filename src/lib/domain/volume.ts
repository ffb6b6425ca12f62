/**
 * Business volume maths for the meeting review: roll-ups by any mix of day, week, month,
 * category, channel, window and hour, the figures behind 一次办成 (one-visit rate), 一次告知
 * (refusals with reasons) and 限时办结 (cases past deadline), and the compact daily aggregate.
 * Volume entries are deltas that add up (docs/sync-protocol.md, "Conflicts"), so every roll-up here is a plain sum and
 * merging two partial aggregates gives the same result as rolling up all entries at once.
 */
import {
	counterNames,
	type Channel,
	type DayPlan,
	type ServiceItem,
	type VolumeCounters,
	type VolumeEntry
} from '../schemas';
import {
	addWorkingDays,
	clockMinutes,
	hallDate,
	isoWeekStart,
	workingDaysBetween,
	type DayOverride
} from './calendar';
import type { HistoryRow } from './forecast';
import { addTo, keyed, slot } from './keyed';

export const emptyCounters = (): VolumeCounters => ({
	accepted: 0,
	completed: 0,
	consulted: 0,
	oneVisit: 0,
	refused: 0
});

/** Adds `b` into `a` and returns `a`. */
export function addCounters(a: VolumeCounters, b: VolumeCounters): VolumeCounters {
	for (const name of counterNames) a[name] += b[name];
	return a;
}

function addReasons(a: Record<string, number>, b: Record<string, number>) {
	for (const [reason, n] of Object.entries(b)) addTo(a, reason, n);
	return a;
}

export type RollupDimension = 'day' | 'week' | 'month' | 'category' | 'channel' | 'window' | 'hour';

export interface RollupRow {
	/** Only the dimensions asked for. `week` is the Monday of the ISO week; `window` is '-' for
	 * volume that came through no window (online, mobile). */
	key: Partial<Record<RollupDimension, string | number>>;
	counters: VolumeCounters;
	refusalReasons: Record<string, number>;
	entries: number;
}

function dimension(e: VolumeEntry, d: RollupDimension, weeks: Map<string, string>) {
	switch (d) {
		case 'day':
			return e.date;
		case 'week': {
			let w = weeks.get(e.date);
			if (!w) weeks.set(e.date, (w = isoWeekStart(e.date)));
			return w;
		}
		case 'month':
			return e.date.slice(0, 7);
		case 'category':
			return e.category;
		case 'channel':
			return e.channel;
		case 'window':
			return e.windowId ?? '-';
		case 'hour':
			return e.hour;
	}
}

/** Sums counters per key in one pass; rows come sorted by the key in the order of `by`. */
export function rollup(
	entries: Iterable<VolumeEntry>,
	{ by }: { by: readonly RollupDimension[] }
): RollupRow[] {
	const rows = new Map<string, RollupRow>();
	const weeks = new Map<string, string>();
	for (const e of entries) {
		const values = by.map((d) => dimension(e, d, weeks));
		const id = values.join('\u0000');
		let row = rows.get(id);
		if (!row) {
			const key = Object.fromEntries(by.map((d, i) => [d, values[i]]));
			rows.set(id, (row = { key, counters: emptyCounters(), refusalReasons: keyed(), entries: 0 }));
		}
		addCounters(row.counters, e.counters);
		addReasons(row.refusalReasons, e.refusalReasons);
		row.entries++;
	}
	return [...rows.values()].sort((a, b) => compareKeys(a.key, b.key, by));
}

function compareKeys(
	a: RollupRow['key'],
	b: RollupRow['key'],
	by: readonly RollupDimension[]
): number {
	for (const d of by) {
		const [x, y] = [a[d]!, b[d]!];
		if (x === y) continue;
		return typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : 1;
	}
	return 0;
}

/** Counters of all entries together. */
export function totals(entries: Iterable<VolumeEntry>): VolumeCounters {
	const sum = emptyCounters();
	for (const e of entries) addCounters(sum, e.counters);
	return sum;
}

/** 一次办成: share of completed matters done in one visit; null with nothing completed. */
export function oneVisitRate(counters: VolumeCounters): number | null {
	return counters.completed > 0 ? counters.oneVisit / counters.completed : null;
}

/** 一次告知: refusals per reason, most frequent first. */
export function refusalReasons(
	entries: Iterable<{ refusalReasons: Record<string, number> }>
): { reason: string; count: number }[] {
	const sum = keyed<number>();
	for (const e of entries) addReasons(sum, e.refusalReasons);
	return Object.entries(sum)
		.filter(([, count]) => count > 0)
		.map(([reason, count]) => ({ reason, count }))
		.sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
}

/** A case as the deadline check needs it. */
export interface CaseRecord {
	id: string;
	serviceItemId: string;
	/** Hall date the case was accepted. */
	acceptedOn: string;
	completedOn?: string;
}

export interface OverdueCase {
	case: CaseRecord;
	/** Last hall date on which finishing was still in time. */
	deadline: string;
	/** Working days past the deadline, as of completion or `now`. */
	workingDaysOver: number;
	open: boolean;
}

/**
 * 限时办结: cases past their deadline. Deadlines run in working days after acceptance (0 means
 * the same day, 即办), so a case accepted before National Day is not late for the holiday.
 * Open cases are late once `now` is past the deadline; completed ones only with includeCompleted.
 */
export function pastDeadline(
	cases: Iterable<CaseRecord>,
	serviceItems: readonly ServiceItem[],
	now: string,
	options: { overrides?: DayOverride[]; includeCompleted?: boolean } = {}
): OverdueCase[] {
	const items = new Map(serviceItems.map((s) => [s.id, s]));
	const today = hallDate(now);
	const out: OverdueCase[] = [];
	for (const c of cases) {
		const item = items.get(c.serviceItemId);
		if (!item) continue;
		const deadline = addWorkingDays(c.acceptedOn, item.deadlineDays, options.overrides);
		const open = !c.completedOn;
		if (!open && !options.includeCompleted) continue;
		const end = c.completedOn ?? today;
		if (end <= deadline) continue;
		out.push({
			case: c,
			deadline,
			workingDaysOver: Math.max(1, workingDaysBetween(deadline, end, options.overrides)),
			open
		});
	}
	return out.sort(
		(a, b) => b.workingDaysOver - a.workingDaysOver || (a.case.id < b.case.id ? -1 : 1)
	);
}

/** Minutes between two times given as HH:MM or as ISO instants; NaN when unreadable. */
function spanMinutes(start: string, end: string): number {
	const a = clockMinutes(start);
	const b = clockMinutes(end);
	if (!Number.isNaN(a) && !Number.isNaN(b)) return b - a;
	return (Date.parse(end) - Date.parse(start)) / 60_000;
}

/** 延时服务: minutes served beyond the sessions and the people served then, per date and in all. */
export function extendedServiceMinutes(
	dayPlans: Iterable<Pick<DayPlan, 'date' | 'extendedSessions'>>
) {
	const byDate = keyed<{ minutes: number; served: number }>();
	let minutes = 0;
	let served = 0;
	for (const plan of dayPlans) {
		for (const s of plan.extendedSessions) {
			const m = spanMinutes(s.start, s.end);
			// A session typed the wrong way round or unreadable adds nothing rather than subtracting.
			const add = Number.isFinite(m) && m > 0 ? m : 0;
			const day = slot(byDate, plan.date, () => ({ minutes: 0, served: 0 }));
			day.minutes += add;
			day.served += s.served;
			minutes += add;
			served += s.served;
		}
	}
	return { minutes, served, byDate };
}

/** One compact row per date, fit to be stored as a daily aggregate. */
export interface DailyVolume {
	date: string;
	totals: VolumeCounters;
	byCategory: Record<string, VolumeCounters>;
	byChannel: Partial<Record<Channel, VolumeCounters>>;
	refusalReasons: Record<string, number>;
	entries: number;
}

const emptyDaily = (date: string): DailyVolume => ({
	date,
	totals: emptyCounters(),
	byCategory: keyed(),
	byChannel: {},
	refusalReasons: keyed(),
	entries: 0
});

/** Daily aggregates of the entries, in one pass, sorted by date. */
export function dailyRollup(entries: Iterable<VolumeEntry>): DailyVolume[] {
	const days = new Map<string, DailyVolume>();
	for (const e of entries) {
		let d = days.get(e.date);
		if (!d) days.set(e.date, (d = emptyDaily(e.date)));
		addCounters(d.totals, e.counters);
		addCounters(slot(d.byCategory, e.category, emptyCounters), e.counters);
		addCounters((d.byChannel[e.channel] ??= emptyCounters()), e.counters);
		addReasons(d.refusalReasons, e.refusalReasons);
		d.entries++;
	}
	return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** Adds a delta aggregate to a stored one of the same date; neither input is changed. */
export function mergeDaily(a: DailyVolume, b: DailyVolume): DailyVolume {
	if (a.date !== b.date) throw new Error(`cannot merge ${a.date} with ${b.date}`);
	const out = emptyDaily(a.date);
	for (const d of [a, b]) {
		addCounters(out.totals, d.totals);
		for (const [c, v] of Object.entries(d.byCategory)) {
			addCounters(slot(out.byCategory, c, emptyCounters), v);
		}
		for (const [ch, v] of Object.entries(d.byChannel) as [Channel, VolumeCounters][]) {
			addCounters((out.byChannel[ch] ??= emptyCounters()), v);
		}
		addReasons(out.refusalReasons, d.refusalReasons);
		out.entries += d.entries;
	}
	return out;
}

/**
 * Forecast history from volume: people who came to a window in each hour, whether their matter
 * was accepted, only asked about or refused. Online and mobile volume never queues in the hall.
 */
export function arrivalHistory(
	entries: Iterable<VolumeEntry>,
	channels: readonly Channel[] = ['window']
): HistoryRow[] {
	const rows = new Map<string, HistoryRow>();
	for (const e of entries) {
		if (!channels.includes(e.channel)) continue;
		const arrivals = e.counters.accepted + e.counters.consulted + e.counters.refused;
		const id = `${e.date}\u0000${e.hour}\u0000${e.category}`;
		const row = rows.get(id);
		if (row) row.arrivals += arrivals;
		else rows.set(id, { date: e.date, hour: e.hour, category: e.category, arrivals });
	}
	return [...rows.values()];
}
