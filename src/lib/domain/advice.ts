/**
 * Window advice: how many windows each category should open, hour by hour and per session.
 * R1 sets a floor per category and says the count "follows business volume"; the advice
 * supplies the volume side and never goes below the floor, nor above the windows the hall has.
 * A session is staffed from its whole workload by the session model (session-model.ts: the crowd
 * at opening, arrivals through the session, patience, extended service at the end); the hourly
 * figures stay a plain Erlang C per hour, a quick view of the day's shape.
 */
import type { ServiceItem, Session, VolumeCounters } from '$lib/schemas';
import { clockMinutes } from './calendar';
import { own, put, keyed } from './keyed';
import { averageWait, serversNeeded, serviceLevel } from './staffing';
import { staffSession, type SessionPrediction, type SessionWorkload } from './session-model';
import { seedFor } from './seeded';
import type { ServiceTimes } from './session-simulation';
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
	/** Windows of each category the hall has; the advice never asks for more. */
	capacity?: Record<string, number>;
	/**
	 * People on duty who can take a window of each category (see staffOnDuty in day-advice.ts);
	 * the advice never asks for more windows than they can open. Unset: no limit known.
	 */
	staff?: Record<string, number>;
	/** People expected at the door when a session opens, besides those forecast in closed hours. */
	openingQueue?: (category: string, session: Session) => number;
	/** Mean minutes a visitor waits before giving up; DEFAULT_PATIENCE_MINUTES when unset. */
	patienceMinutes?: number;
	/** Spread of handling times; lognormal with DEFAULT_HANDLE_CV when unset. */
	service?: ServiceTimes;
}

/** When even every window of a category misses the target, and what else can take the load. */
export interface Shortfall {
	/** Windows the target would need. */
	needed: number;
	/** Windows that can open: the hall's, or fewer where the staff on duty are fewer. */
	capacity: number;
	/** What holds it there: the hall's windows, or the people on duty. */
	limit: 'windows' | 'staff';
	/** Windows the hall has, when the staff are the limit. */
	windows: number;
	/** Other categories with windows left over in the same session. */
	overflowTo: string[];
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
	/** Windows of the category in the hall, when known. */
	capacity?: number;
	/** People on duty who can take a window of the category, when known. */
	staffed?: number;
	/** Session advice: set when the target needs more windows than the hall has. */
	shortfall?: Shortfall;
	/** Session advice: the session model's figures with the planned and the advised windows. */
	withPlanned?: SessionPrediction;
	withRecommended?: SessionPrediction;
}

export const DEFAULT_HANDLE_MINUTES = 15;
export const DEFAULT_MIN_HISTORY_DAYS = 4;
/**
 * Assumptions of the session model where the centre has no figure: a visitor with a ticket gives
 * up after an hour on average, and handling times spread lognormally with a coefficient of
 * variation of 0.8 (most cases quick, a few long ones).
 */
export const DEFAULT_PATIENCE_MINUTES = 60;
export const DEFAULT_HANDLE_CV = 0.8;
/**
 * Minutes a window spends on a visit that is not a case: a consultation (咨询) and a refusal that
 * tells everything missing at once (一次告知). Never longer than the category's case time.
 */
export const CONSULT_MINUTES = 5;
export const REFUSAL_MINUTES = 6;

/** Visits of one kind or another at a category's windows, as the counters count them (人次). */
export type VisitMix = Pick<VolumeCounters, 'accepted' | 'consulted' | 'refused'>;

/** The search for the windows a target needs stops here; no category has so many. */
const SEARCH_LIMIT = 30;

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

/**
 * Minutes per visit (人次) of each category, weighted by the mix of its visits: cases at the mean
 * of the category's items, consultations and refusals at their own shorter times. The counters
 * do not say which item a case was, so cases weigh every current item alike. A category with no
 * visits on record takes its case time.
 */
export function handleMinutesForMix(
	items: readonly ServiceItem[],
	mix: Record<string, VisitMix>
): Record<string, number> {
	const cases = handleMinutesByCategory(items);
	const out = keyed<number>();
	for (const [c, minutes] of Object.entries(cases)) {
		const m = own(mix, c);
		const visits = m ? m.accepted + m.consulted + m.refused : 0;
		put(
			out,
			c,
			m && visits > 0
				? (m.accepted * minutes +
						m.consulted * Math.min(minutes, CONSULT_MINUTES) +
						m.refused * Math.min(minutes, REFUSAL_MINUTES)) /
						visits
				: minutes
		);
	}
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
		const windows = input.capacity ? (own(input.capacity, category) ?? 0) : undefined;
		const people = input.staff ? own(input.staff, category) : undefined;
		const staffLimited = people !== undefined && people < (windows ?? Infinity);
		// What can open: the hall's windows, or fewer where fewer people on duty can take them.
		const capacity = staffLimited ? people : windows;
		// Never more than the hall has, even where R1 asks for more: the rule check says that.
		// With too little history the volume says nothing: keep the plan, never below the rule,
		// and never leave a category the hall has without a window (a public-service desk with
		// no R1 floor would otherwise be advised shut on a holiday nobody has seen yet).
		const recommend = (needed: number, planned: number) =>
			Math.min(
				capacity ?? Infinity,
				thinData
					? Math.max(ruleMinimum, planned, capacity === 0 ? 0 : 1)
					: Math.max(needed, ruleMinimum)
			);
		const base = { category, ruleMinimum, thinData, capacity: windows, staffed: people };
		for (const f of figures) {
			const recommended = recommend(f.needed, f.planned);
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
		const cells = input.forecast.filter((c) => c.category === category);
		input.sessions.forEach((session, i) => {
			const workload = sessionWorkload(category, cells, input, i, handleMinutes);
			const arrivals =
				workload.openingQueue + workload.parts.reduce((sum, p) => sum + p.arrivals, 0);
			const staffing = staffSession(workload, input.target.serviceLevel, SEARCH_LIMIT);
			const needed = staffing.needed;
			const planned = Math.max(
				0,
				...figures.filter((f) => overlap(f.hour, session) > 0).map((f) => f.planned)
			);
			const recommended = recommend(needed, planned);
			const withPlanned = staffing.predict(planned);
			const withRecommended = staffing.predict(recommended);
			const short = capacity !== undefined && !thinData && needed > capacity;
			sessions.push({
				...base,
				session: { ...session },
				arrivals,
				needed,
				planned,
				recommended,
				waitWithPlanned: withPlanned.meanWait,
				waitWithRecommended: withRecommended.meanWait,
				slWithPlanned: withPlanned.serviceLevel,
				slWithRecommended: withRecommended.serviceLevel,
				withPlanned,
				withRecommended,
				shortfall: short
					? {
							needed,
							capacity,
							limit: staffLimited ? 'staff' : 'windows',
							windows: windows ?? capacity,
							overflowTo: []
						}
					: undefined,
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
		});
	}
	findOverflow(sessions);
	return { hourly, sessions };
}

/**
 * The workload of session `index` for one category. Forecast hours inside the session count
 * by the share of their open minutes; people forecast in hours the hall is closed (before
 * opening, at the noon break) are the queue at the door when it opens; those after the last
 * session are served in extended service, so they join its last part.
 */
function sessionWorkload(
	category: string,
	cells: readonly ForecastCell[],
	input: AdviceInput,
	index: number,
	handleMinutes: number
): SessionWorkload {
	const session = input.sessions[index];
	const from = clockMinutes(session.start);
	const to = clockMinutes(session.end);
	const hours = openHours([session]);
	const parts = hours.map((hour) => ({ minutes: overlap(hour, session), arrivals: 0 }));
	let openingQueue = input.openingQueue?.(category, session) ?? 0;
	const last = index === input.sessions.length - 1;
	for (const c of cells) {
		const open = openMinutes(c.hour, input.sessions);
		const i = hours.indexOf(c.hour);
		if (open > 0) {
			if (i >= 0) parts[i].arrivals += (c.arrivals * overlap(c.hour, session)) / open;
			continue;
		}
		const next = input.sessions.findIndex((s) => clockMinutes(s.start) >= c.hour * 60 + 60);
		if (next === index) openingQueue += c.arrivals;
		else if (next === -1 && last && parts.length) parts[parts.length - 1].arrivals += c.arrivals;
	}
	return {
		minutes: to - from,
		parts,
		openingQueue,
		handleMinutes,
		patienceMinutes: input.patienceMinutes ?? DEFAULT_PATIENCE_MINUTES,
		targetWaitMinutes: input.target.waitMinutes,
		service: input.service ?? { kind: 'lognormal', cv: DEFAULT_HANDLE_CV },
		seed: seedFor(`${category} ${session.start}`)
	};
}

/**
 * Where a category is short of windows, the categories with windows to spare in the same
 * session: in a hall of 综合受理 windows one of them can take the overflow (无差别受理).
 */
function findOverflow(sessions: WindowAdvice[]) {
	// Windows that could open beyond the advice: a window needs a person to open it.
	const spare = (b: WindowAdvice) =>
		Math.min(b.capacity ?? 0, b.staffed ?? Infinity) - b.recommended;
	for (const a of sessions) {
		if (!a.shortfall) continue;
		a.shortfall.overflowTo = sessions
			.filter(
				(b) =>
					b.category !== a.category &&
					b.session?.start === a.session?.start &&
					b.capacity !== undefined &&
					!b.shortfall &&
					spare(b) > 0
			)
			.sort((x, y) => spare(y) - spare(x))
			.map((b) => b.category);
	}
}

/**
 * The most urgent first: the longest predicted wait with the windows planned, then the biggest
 * gap between advised and planned windows; the category name only breaks ties.
 */
export function byUrgency<T extends WindowAdvice>(advice: readonly T[]): T[] {
	const wait = (a: WindowAdvice) => a.withPlanned?.waitAtClose ?? a.waitWithPlanned;
	return [...advice].sort(
		(a, b) =>
			wait(b) - wait(a) ||
			b.recommended - b.planned - (a.recommended - a.planned) ||
			a.category.localeCompare(b.category) ||
			(a.session?.start ?? '').localeCompare(b.session?.start ?? '')
	);
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
	if (a.shortfall) {
		return {
			key: a.shortfall.limit === 'staff' ? 'advice_open_all_staff' : 'advice_open_all',
			params: {
				...params,
				...(a.shortfall.limit === 'staff' ? { windows: a.shortfall.windows } : {}),
				needed: a.shortfall.needed,
				waitClose: minutes(a.withRecommended?.waitAtClose ?? a.waitWithRecommended)
			}
		};
	}
	if (a.recommended > a.planned) {
		return Number.isFinite(a.waitWithPlanned)
			? {
					key: 'advice_open_more',
					params: {
						...params,
						waitPlanned: minutes(a.waitWithPlanned),
						waitClosePlanned: minutes(a.withPlanned?.waitAtClose ?? a.waitWithPlanned)
					}
				}
			: { key: 'advice_open_more_overloaded', params };
	}
	return { key: a.recommended < a.planned ? 'advice_can_close' : 'advice_keep', params };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * What else helps when every window of a category is not enough: a category with windows to
 * spare in the session taking the overflow, fewer bookings for the session, and more staff
 * from the department for the extended service.
 */
export function adviceRemedies(a: WindowAdvice): AdviceReason[] {
	if (!a.shortfall) return [];
	const from = a.session?.start ?? '';
	const to = a.session?.end ?? '';
	return [
		...a.shortfall.overflowTo.slice(0, 2).map((other) => ({
			key: 'advice_remedy_overflow' as const,
			params: { category: a.category, other }
		})),
		{ key: 'advice_remedy_limit_bookings', params: { category: a.category, from, to } },
		{
			key: 'advice_remedy_ask_staff',
			params: {
				category: a.category,
				minutes: minutes(a.withRecommended?.extendedMinutes ?? 0)
			}
		}
	];
}
