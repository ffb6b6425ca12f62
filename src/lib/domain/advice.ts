/**
 * Window advice: how many windows each category should open, hour by hour and per session.
 * R1 sets a floor per category and says the count "follows business volume"; the advice
 * supplies the volume side with Erlang C on the forecast arrivals and never goes below the floor.
 * Each hour is treated as a steady state of its own, which is the usual staffing simplification;
 * extended service absorbs what is left queued at the end of a session.
 */
import type { ServiceItem, Session } from '$lib/schemas';
import { clockMinutes } from './calendar';
import { own, put, keyed } from './keyed';
import { averageWait, serversNeeded, serviceLevel } from './staffing';
import type { AdviceMessageKey } from './advice-messages';

export { adviceMessageKeys, type AdviceMessageKey } from './advice-messages';

export interface ForecastCell {
	category: string;
	hour: number;
	arrivals: number;
}

export interface AdviceInput {
	forecast: ForecastCell[];
	/** Average handling minutes per category; see handleMinutesByCategory. */
	handleMinutes: Record<string, number>;
	defaultHandleMinutes?: number;
	target: { serviceLevel: number; waitMinutes: number };
	/** R1 floor for a category (categoryMinimum or minComprehensivePerCategory). */
	ruleMinimum: (category: string) => number;
	/** Windows planned per category: one number for the day, or a number per hour. */
	planned: Record<string, number | Record<number, number>>;
	sessions: Session[];
	/** Comparable days the forecast rests on (DayForecast.basedOn.length). */
	historyDays: number;
	/** Fewer comparable days than this and the advice falls back to the rule minimum. */
	minHistoryDays?: number;
	maxOccupancy?: number;
}

export interface AdviceReason {
	key: AdviceMessageKey;
	params: Record<string, string | number>;
}

export interface WindowAdvice {
	category: string;
	/** Set on hourly advice. */
	hour?: number;
	/** Set on session advice: the session it covers. */
	session?: Session;
	arrivals: number;
	needed: number;
	planned: number;
	ruleMinimum: number;
	recommended: number;
	/** Average minutes in the queue; Infinity when the windows cannot keep up. */
	waitWithPlanned: number;
	waitWithRecommended: number;
	slWithPlanned: number;
	slWithRecommended: number;
	reason: AdviceReason;
	thinData: boolean;
}

export const DEFAULT_HANDLE_MINUTES = 15;
export const DEFAULT_MIN_HISTORY_DAYS = 4;

/** Mean handling minutes of the current service items of each category. */
export function handleMinutesByCategory(items: readonly ServiceItem[]): Record<string, number> {
	const sums = new Map<string, [number, number]>();
	for (const item of items) {
		if (item.retired) continue;
		const s = sums.get(item.category) ?? [0, 0];
		s[0] += item.handleMinutes;
		s[1]++;
		sums.set(item.category, s);
	}
	const out = keyed<number>();
	for (const [c, [sum, n]] of sums) put(out, c, sum / n);
	return out;
}

/** Minutes of hour `hour` that fall inside the session. */
function overlap(hour: number, s: Session): number {
	const from = Math.max(hour * 60, clockMinutes(s.start));
	const to = Math.min(hour * 60 + 60, clockMinutes(s.end));
	return Math.max(0, to - from);
}

const openMinutes = (hour: number, sessions: readonly Session[]) =>
	sessions.reduce((m, s) => m + overlap(hour, s), 0);

/** The hours in which some session is open, in order. */
function openHours(sessions: readonly Session[]): number[] {
	const hours: number[] = [];
	for (let h = 0; h < 24; h++) if (openMinutes(h, sessions) > 0) hours.push(h);
	return hours;
}

/**
 * Arrivals of one category by open hour. People who come while the hall is closed (before
 * opening, at the noon break) queue for the next opening; those after the last session are
 * served in extended service and count in the last open hour.
 */
function arrivalsByOpenHour(cells: readonly ForecastCell[], hours: number[]): Map<number, number> {
	const out = new Map(hours.map((h) => [h, 0]));
	if (hours.length === 0) return out;
	for (const c of cells) {
		const h = hours.find((x) => x >= c.hour) ?? hours[hours.length - 1];
		out.set(h, out.get(h)! + c.arrivals);
	}
	return out;
}

function plannedAt(planned: AdviceInput['planned'][string] | undefined, hour: number): number {
	if (planned === undefined) return 0;
	return typeof planned === 'number' ? planned : (planned[hour] ?? 0);
}

interface HourFigures {
	hour: number;
	arrivals: number;
	rate: number;
	needed: number;
	planned: number;
}

export function adviseWindows(input: AdviceInput): {
	hourly: WindowAdvice[];
	sessions: WindowAdvice[];
} {
	const minHistory = input.minHistoryDays ?? DEFAULT_MIN_HISTORY_DAYS;
	const thinData = input.historyDays < minHistory;
	const hours = openHours(input.sessions);
	const categories = [
		...new Set([...input.forecast.map((c) => c.category), ...Object.keys(input.planned)])
	].sort();
	const hourly: WindowAdvice[] = [];
	const sessions: WindowAdvice[] = [];
	for (const category of categories) {
		const handleMinutes =
			own(input.handleMinutes, category) ?? input.defaultHandleMinutes ?? DEFAULT_HANDLE_MINUTES;
		const ruleMinimum = input.ruleMinimum(category);
		const load = (arrivalsPerHour: number, servers: number) => ({
			arrivalsPerHour,
			handleMinutes,
			servers,
			targetWaitMinutes: input.target.waitMinutes
		});
		const wait = (rate: number, n: number) => averageWait(load(rate, n));
		const sl = (rate: number, n: number) => serviceLevel(load(rate, n));
		const byHour = arrivalsByOpenHour(
			input.forecast.filter((c) => c.category === category),
			hours
		);
		const figures: HourFigures[] = hours.map((hour) => {
			const arrivals = byHour.get(hour)!;
			// An hour the hall is open for 30 minutes sees its arrivals at twice the rate.
			const rate = (arrivals * 60) / openMinutes(hour, input.sessions);
			const needed = serversNeeded({
				arrivalsPerHour: rate,
				handleMinutes,
				targetWaitMinutes: input.target.waitMinutes,
				serviceLevel: input.target.serviceLevel,
				maxOccupancy: input.maxOccupancy
			});
			return {
				hour,
				arrivals,
				rate,
				needed,
				planned: plannedAt(own(input.planned, category), hour)
			};
		});
		const recommend = (needed: number) => (thinData ? ruleMinimum : Math.max(needed, ruleMinimum));
		const base = { category, ruleMinimum, thinData };
		for (const f of figures) {
			const recommended = recommend(f.needed);
			hourly.push({
				...base,
				hour: f.hour,
				arrivals: f.arrivals,
				needed: f.needed,
				planned: f.planned,
				recommended,
				waitWithPlanned: wait(f.rate, f.planned),
				waitWithRecommended: wait(f.rate, recommended),
				slWithPlanned: sl(f.rate, f.planned),
				slWithRecommended: sl(f.rate, recommended),
				reason: reasonFor(
					category,
					f.arrivals,
					f.needed,
					recommended,
					ruleMinimum,
					thinData,
					input.historyDays,
					minHistory
				)
			});
		}
		for (const session of input.sessions) {
			// Hours split across two sessions count in each by their share of open minutes.
			const parts = figures
				.map((f) => ({ f, share: overlap(f.hour, session) / openMinutes(f.hour, input.sessions) }))
				.filter((p) => p.share > 0);
			const arrivals = parts.reduce((s, p) => s + p.f.arrivals * p.share, 0);
			// Windows open for a whole session, so the busiest hour sets the count.
			const needed = Math.max(0, ...parts.map((p) => p.f.needed));
			const planned = Math.max(0, ...parts.map((p) => p.f.planned));
			const recommended = recommend(needed);
			const mean = (value: (f: HourFigures) => number, empty: number) => {
				if (arrivals === 0) return empty;
				return parts.reduce((s, p) => s + value(p.f) * p.f.arrivals * p.share, 0) / arrivals;
			};
			sessions.push({
				...base,
				session: { ...session },
				arrivals,
				needed,
				planned,
				recommended,
				waitWithPlanned: mean((f) => wait(f.rate, f.planned), 0),
				waitWithRecommended: mean((f) => wait(f.rate, recommended), 0),
				slWithPlanned: mean((f) => sl(f.rate, f.planned), 1),
				slWithRecommended: mean((f) => sl(f.rate, recommended), 1),
				reason: reasonFor(
					category,
					arrivals,
					needed,
					recommended,
					ruleMinimum,
					thinData,
					input.historyDays,
					minHistory
				)
			});
		}
	}
	return { hourly, sessions };
}

function reasonFor(
	category: string,
	arrivals: number,
	needed: number,
	recommended: number,
	ruleMinimum: number,
	thinData: boolean,
	historyDays: number,
	minimum: number
): AdviceReason {
	if (thinData) {
		return { key: 'advice_thin_data', params: { category, historyDays, minimum, recommended } };
	}
	if (arrivals === 0) return { key: 'advice_no_demand', params: { category, recommended } };
	const params = { category, arrivals: Math.round(arrivals), needed, ruleMinimum };
	return { key: needed > ruleMinimum ? 'advice_volume' : 'advice_rule_minimum', params };
}

const minutes = (wait: number) => Math.round(wait);

/**
 * The one sentence the board shows for a session's advice, e.g. "open 3 不动产登记 windows
 * 09:00–11:30: forecast 46 arrivals, expected wait 6 min with 3, 21 min with 2".
 */
export function adviceSentence(a: WindowAdvice): AdviceReason {
	const span = a.session ?? {
		start: `${pad(a.hour ?? 0)}:00`,
		end: `${pad((a.hour ?? 0) + 1)}:00`
	};
	const params = {
		category: a.category,
		from: span.start,
		to: span.end,
		count: a.recommended,
		planned: a.planned,
		arrivals: Math.round(a.arrivals),
		waitRecommended: minutes(a.waitWithRecommended)
	};
	if (a.thinData) {
		return {
			key: 'advice_thin_sentence',
			params: {
				category: a.category,
				from: span.start,
				to: span.end,
				count: a.recommended,
				historyDays: a.reason.params.historyDays
			}
		};
	}
	if (a.recommended > a.planned) {
		return Number.isFinite(a.waitWithPlanned)
			? { key: 'advice_open_more', params: { ...params, waitPlanned: minutes(a.waitWithPlanned) } }
			: { key: 'advice_open_more_overloaded', params };
	}
	return { key: a.recommended < a.planned ? 'advice_can_close' : 'advice_keep', params };
}

const pad = (n: number) => String(n).padStart(2, '0');
