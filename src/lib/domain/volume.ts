/**
 * Business volume maths: the counters and their sums, the daily roll-up that the device stores
 * one row a day (everything the review charts and the window advice read), window arrivals and
 * the forecast history drawn from roll-ups, 一次办成 (one-visit rate), 限时办结 (cases past
 * deadline) and 延时服务 (extended service). Volume entries are deltas that add up
 * (docs/sync-protocol.md, "Conflicts"), so every roll-up here is a plain sum.
 */
import {
	counterNames,
	type DayPlan,
	type ExtendedService,
	type ServiceItem,
	type VolumeCounters,
	type VolumeEntry
} from '$lib/schemas';
import { addWorkingDays, clockMinutes, workingDaysBetween, type DayOverride } from './calendar';
import type { HistoryRow } from './forecast';
import { hallDate } from './hall-clock';
import { addTo, keyed, own, put, slot } from './keyed';

/** Every counter at zero, a fresh object each call. */
export const zeroCounters = (): VolumeCounters => ({
	accepted: 0,
	completed: 0,
	consulted: 0,
	oneVisit: 0,
	refused: 0
});

/** Adds `b` into `a` and returns `a`; a missing `b` or counter adds nothing. */
export function addCounters(
	a: VolumeCounters,
	b: Partial<VolumeCounters> | undefined
): VolumeCounters {
	if (!b) return a;
	for (const name of counterNames) a[name] += b[name] ?? 0;
	return a;
}

/** Sum of counters over rows. */
export function sumCounters(rows: readonly VolumeCounters[]): VolumeCounters {
	return rows.reduce((a, r) => addCounters(a, r), zeroCounters());
}

/**
 * People who came to a window: their matter was accepted, only asked about or refused. This is
 * what the forecast predicts and the heat map shows.
 */
export const windowArrivals = (c: VolumeCounters): number => c.accepted + c.consulted + c.refused;

/** 一次办成: share of completed matters done in one visit; null with nothing completed. */
export function oneVisitRate(
	counters: Pick<VolumeCounters, 'completed' | 'oneVisit'>
): number | null {
	return counters.completed > 0 ? counters.oneVisit / counters.completed : null;
}

/**
 * One day's volume rolled up, so that a year's review reads one row a day instead of every
 * hourly count: by category and channel, by window, by category and hour, refusal reasons and
 * the longest queue. No chart ever goes back to the hourly rows.
 */
export interface DayRollup {
	date: string;
	totals: VolumeCounters;
	byCategory: Record<string, VolumeCounters>;
	byChannel: Record<string, VolumeCounters>;
	/** category → channel → counters. */
	cells: Record<string, Record<string, VolumeCounters>>;
	/** Window channel only: category → hour → counters (platform totals carry no hour). */
	hours: Record<string, Record<number, VolumeCounters>>;
	/** Window channel rows that name a window: windowId → counters. */
	windows: Record<string, VolumeCounters & { category: string }>;
	/** 一次告知 reasons: category → reason → refusals. */
	refusalReasons: Record<string, Record<string, number>>;
	/** Longest queue seen in any hour (snapshots summed over the windows of that hour). */
	waitingPeak: Record<string, number>;
	/** Some counts on this day are not yet confirmed by the server. */
	pending: boolean;
}

/** Rolls up the volume rows of one date (confirmed or pending). */
export function dayRollup(
	date: string,
	rows: readonly (VolumeEntry & { pending?: boolean })[]
): DayRollup {
	const day: DayRollup = {
		date,
		totals: zeroCounters(),
		byCategory: keyed(),
		byChannel: {},
		cells: keyed(),
		hours: keyed(),
		windows: keyed(),
		refusalReasons: keyed(),
		waitingPeak: keyed(),
		pending: false
	};
	const waiting = new Map<string, number>();
	for (const row of rows) {
		const c = row.counters;
		addCounters(day.totals, c);
		addCounters(slot(day.byCategory, row.category, zeroCounters), c);
		addCounters((day.byChannel[row.channel] ??= zeroCounters()), c);
		addCounters(
			slot(slot(day.cells, row.category, keyed<VolumeCounters>), row.channel, zeroCounters),
			c
		);
		if (row.channel === 'window') {
			addCounters(
				(slot(day.hours, row.category, keyed<VolumeCounters>)[row.hour] ??= zeroCounters()),
				c
			);
			if (row.windowId) {
				addCounters(
					slot(day.windows, row.windowId, () => ({ ...zeroCounters(), category: row.category })),
					c
				);
			}
			if (row.waiting !== undefined) {
				const k = `${row.category}|${row.hour}`;
				waiting.set(k, (waiting.get(k) ?? 0) + row.waiting);
			}
		}
		for (const [reason, n] of Object.entries(row.refusalReasons)) {
			addTo(slot(day.refusalReasons, row.category, keyed<number>), reason, n);
		}
		if (row.pending) day.pending = true;
	}
	for (const [k, n] of waiting) {
		const category = k.slice(0, k.lastIndexOf('|'));
		put(day.waitingPeak, category, Math.max(own(day.waitingPeak, category) ?? 0, n));
	}
	return day;
}

/** Cases, consultations and refusals at each category's windows over some days (the advice's mix). */
export function visitMix(
	days: readonly Pick<DayRollup, 'hours'>[]
): Record<string, Pick<VolumeCounters, 'accepted' | 'consulted' | 'refused'>> {
	const out = keyed<Pick<VolumeCounters, 'accepted' | 'consulted' | 'refused'>>();
	for (const day of days) {
		for (const [category, byHour] of Object.entries(day.hours)) {
			const m = slot(out, category, () => ({ accepted: 0, consulted: 0, refused: 0 }));
			for (const c of Object.values(byHour)) {
				m.accepted += c.accepted;
				m.consulted += c.consulted;
				m.refused += c.refused;
			}
		}
	}
	return out;
}

/** Forecast history from roll-ups: window arrivals per date, category and hour. */
export function arrivalHistory(days: readonly Pick<DayRollup, 'date' | 'hours'>[]): HistoryRow[] {
	const rows: HistoryRow[] = [];
	for (const day of days) {
		for (const [category, byHour] of Object.entries(day.hours)) {
			for (const [h, c] of Object.entries(byHour)) {
				rows.push({ date: day.date, hour: Number(h), category, arrivals: windowArrivals(c) });
			}
		}
	}
	return rows;
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

type ExtendedSpells = Pick<DayPlan, 'date' | 'extendedSessions'>;

/**
 * The day plans' extended service with the spells logged on their own (extendedService rows,
 * which a working day without a plan has too), as one list per date for the figures below.
 */
export function extendedSpells(
	plans: Iterable<ExtendedSpells>,
	logged: Iterable<Pick<ExtendedService, 'date' | 'windowId' | 'start' | 'end' | 'served'>>
): ExtendedSpells[] {
	const byDate = new Map<string, ExtendedSpells>();
	for (const p of plans)
		byDate.set(p.date, { date: p.date, extendedSessions: [...p.extendedSessions] });
	for (const { date, windowId, start, end, served } of logged) {
		const day = byDate.get(date) ?? { date, extendedSessions: [] };
		day.extendedSessions.push({ windowId, start, end, served });
		byDate.set(date, day);
	}
	return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
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

/** Trailing mean over up to `window` days, so the line starts on the first day. */
export function movingAverage(values: number[], window = 7): number[] {
	const out: number[] = [];
	let sum = 0;
	for (let i = 0; i < values.length; i++) {
		sum += values[i];
		if (i >= window) sum -= values[i - window];
		out.push(sum / Math.min(i + 1, window));
	}
	return out;
}
