/**
 * Window advice for one day, put together from what the device holds: forecast arrivals from the
 * roll-up history, the centre's target and sessions, the R1 minimum and the day plan's windows.
 * Pure, so the live board, the roster planner and the review show the same figures.
 */
import type {
	CentreSettings,
	DayPlan,
	RuleSet,
	ServiceItem,
	ServiceWindow,
	Staff
} from '$lib/schemas';
import { adviseWindows, handleMinutesForMix, type VisitMix, type WindowAdvice } from './advice';
import { clockMinutes, dayKind, daysBetween, serviceHours, type DayOverride } from './calendar';
import { keyed, own, put, slot } from './keyed';
import {
	dayProfile,
	defaultForecastMethod,
	forecastDay,
	type DayForecast,
	type ForecastRow,
	type HistoryIndex,
	type HistoryRow
} from './forecast';
import { addRows, type BookedDemand } from './known-demand';
import { windowArrivals, type DayRollup } from './volume';

export interface DayAdviceInput {
	date: string;
	history: readonly HistoryRow[] | HistoryIndex;
	settings: Pick<
		CentreSettings,
		'workingSessions' | 'nonWorkingSessions' | 'targetServiceLevel' | 'targetWaitMinutes'
	> &
		Partial<Pick<CentreSettings, 'extendedServiceMinutes'>>;
	ruleSet: RuleSet | undefined;
	serviceItems: readonly ServiceItem[];
	windows: readonly ServiceWindow[];
	plan: DayPlan | undefined;
	overrides?: DayOverride[];
	/** The day's own roll-up, when it is past: how the forecast did. */
	actual?: Pick<DayRollup, 'hours'>;
	/**
	 * The day's bookings (known-demand.ts). With them, `history` must be the walk-in history
	 * (walkInHistory), and the forecast is walk-ins plus bookings.
	 */
	booked?: BookedDemand;
	/** The visits of recent days by kind, so consultations and refusals take their own time. */
	mix?: Record<string, VisitMix>;
	/** The centre's staff, to count who on the day's plan can take a window (staffOnDuty). */
	staff?: readonly Pick<Staff, 'id' | 'departmentId'>[];
	/**
	 * The last day with counts before the date, when `history` does not reach back to it (it is
	 * read only for a year before the date): how far the date is from the data.
	 */
	lastCounts?: string;
}

export interface SessionAdvice extends WindowAdvice {
	/** Window arrivals recorded in the session, for a past day. */
	actualArrivals?: number;
	/** Of `arrivals`, those expected by appointment. */
	booked: number;
}

/**
 * Advice is given up to this many days after the last day with counts. Further out the hall's
 * level, its staff and its calendar may all have moved, and a figure would only look precise.
 */
export const FORECAST_HORIZON_DAYS = 62;

/** Why a day gets no advice, said instead of a figure. */
export interface BeyondData {
	/** The last day with counts before the date; undefined with none at all. */
	lastData: string | undefined;
	days: number;
}

export interface DayAdvice {
	/** Set when the date lies past what the history can support: no sessions then. */
	beyond?: BeyondData;
	/** The national holiday calendar of the date's year is not known yet: weekends are assumed. */
	calendarUnknown: boolean;
	/** Walk-ins and bookings together: what the advice staffs for. */
	forecast: DayForecast;
	/** The walk-in part of the forecast; the whole forecast when no bookings are known. */
	walkIns: ForecastRow[];
	booked: BookedDemand | undefined;
	sessions: SessionAdvice[];
	hourly: WindowAdvice[];
	working: boolean;
}

const overlap = (hour: number, s: { start: string; end: string }) =>
	Math.max(
		0,
		Math.min(hour * 60 + 60, clockMinutes(s.end)) - Math.max(hour * 60, clockMinutes(s.start))
	);

/** Open, staffed windows of each category in each hour of the plan. */
export function plannedWindows(
	plan: DayPlan | undefined,
	windows: readonly ServiceWindow[]
): Record<string, Record<number, number>> {
	const byId = new Map(windows.map((w) => [w.id, w]));
	const out = keyed<Record<number, number>>();
	for (const pw of plan?.windows ?? []) {
		const w = byId.get(pw.windowId);
		if (!w?.category || w.retired || pw.open === false || pw.staffIds.length === 0) continue;
		const hours = slot(out, w.category, (): Record<number, number> => ({}));
		for (let h = 0; h < 24; h++) {
			if (pw.sessions.some((s) => overlap(h, s) > 0)) hours[h] = (hours[h] ?? 0) + 1;
		}
	}
	return out;
}

/**
 * People on the day's plan who can take a window of each category: those at its windows, and
 * those on call (随时到岗) from the departments that staff them (a window's own department, or
 * the departments of the people the plan put there). Undefined without a plan, and a category
 * with nobody named yet is left out: a plan still being made is not a limit, and only the hall's
 * windows bound the advice there.
 */
export function staffOnDuty(
	plan: DayPlan | undefined,
	windows: readonly ServiceWindow[],
	staff: readonly Pick<Staff, 'id' | 'departmentId'>[]
): Record<string, number> | undefined {
	if (!plan) return undefined;
	const departmentOf = new Map(staff.map((p) => [p.id, p.departmentId]));
	const byId = new Map(windows.map((w) => [w.id, w]));
	const people = new Map<string, Set<string>>();
	const departments = new Map<string, Set<string>>();
	const add = (map: Map<string, Set<string>>, key: string, value: string | undefined) => {
		if (value === undefined) return;
		let set = map.get(key);
		if (!set) map.set(key, (set = new Set()));
		set.add(value);
	};
	for (const w of windows) {
		if (w.category && !w.retired) {
			people.set(w.category, people.get(w.category) ?? new Set());
			add(departments, w.category, w.departmentId);
		}
	}
	for (const pw of plan.windows) {
		const w = byId.get(pw.windowId);
		if (!w?.category || w.retired) continue;
		for (const id of pw.staffIds) {
			add(people, w.category, id);
			add(departments, w.category, departmentOf.get(id));
		}
	}
	for (const id of plan.onCallIds) {
		const d = departmentOf.get(id);
		for (const [category, ds] of departments) if (d && ds.has(d)) add(people, category, id);
	}
	const out = keyed<number>();
	for (const [category, set] of people) if (set.size > 0) put(out, category, set.size);
	return out;
}

/** Arrivals per session from arrivals per hour, hours split by their open minutes. */
function perSession(
	byHour: Iterable<[number, number]>,
	sessions: { start: string; end: string }[]
) {
	const out = sessions.map(() => 0);
	for (const [hour, arrivals] of byHour) {
		const minutes = sessions.map((s) => overlap(hour, s));
		const open = minutes.reduce((a, b) => a + b, 0);
		if (open > 0) minutes.forEach((mm, i) => (out[i] += (arrivals * mm) / open));
		else {
			// Outside the sessions: the noon break waits for the afternoon, after closing is extended time.
			const next = sessions.findIndex((s) => clockMinutes(s.start) >= hour * 60 + 60);
			out[next === -1 ? sessions.length - 1 : next] += arrivals;
		}
	}
	return out;
}

function memo(f: (category: string) => number[]): (category: string) => number[] {
	const cache = new Map<string, number[]>();
	return (c) => {
		let v = cache.get(c);
		if (!v) cache.set(c, (v = f(c)));
		return v;
	};
}

export function dayAdvice(input: DayAdviceInput): DayAdvice {
	const hours = serviceHours(input.date, input.settings, input.overrides);
	const calendarUnknown = !dayKind(input.date, input.overrides).known;
	const dates = 'dates' in input.history ? input.history.dates : input.history.map((r) => r.date);
	const lastData = dates.reduce<string | undefined>(
		(last, d) => (d < input.date && (!last || d > last) ? d : last),
		input.lastCounts && input.lastCounts < input.date ? input.lastCounts : undefined
	);
	const days = lastData ? daysBetween(lastData, input.date) : 0;
	if (lastData && days > FORECAST_HORIZON_DAYS) {
		return {
			beyond: { lastData, days },
			calendarUnknown,
			forecast: {
				date: input.date,
				profile: dayProfile(input.date, input.overrides),
				method: defaultForecastMethod,
				rows: [],
				basedOn: []
			},
			walkIns: [],
			booked: input.booked,
			sessions: [],
			hourly: [],
			working: hours.working
		};
	}
	const walkIns = forecastDay(input.history, input.date, { overrides: input.overrides });
	const forecast: DayForecast = input.booked
		? { ...walkIns, rows: addRows(walkIns.rows, input.booked.rows) }
		: walkIns;
	const comprehensive = new Set(
		input.windows.filter((w) => w.kind === 'comprehensive' && w.category).map((w) => w.category!)
	);
	const rules = input.ruleSet;
	// R1 binds on non-working days, and on working days only where the centre says so.
	const r1 = rules && rules.enabled.R1 !== false && (!hours.working || rules.applyOnWorkingDays);
	const planned = plannedWindows(input.plan, input.windows);
	// The hall's windows of each category: the advice never asks for more than these.
	const capacity = keyed<number>();
	for (const w of input.windows)
		if (w.category && !w.retired) {
			slot(planned, w.category, () => ({}));
			put(capacity, w.category, (own(capacity, w.category) ?? 0) + 1);
		}
	const advice = adviseWindows({
		forecast: forecast.rows,
		handleMinutes: handleMinutesForMix(input.serviceItems, input.mix ?? {}),
		target: {
			serviceLevel: input.settings.targetServiceLevel,
			waitMinutes: input.settings.targetWaitMinutes
		},
		ruleMinimum: (c) =>
			r1 && comprehensive.has(c)
				? (own(rules.categoryMinimum, c) ?? rules.minComprehensivePerCategory)
				: 0,
		planned,
		capacity,
		staff: input.staff ? staffOnDuty(input.plan, input.windows, input.staff) : undefined,
		sessions: hours.sessions,
		historyDays: forecast.basedOn.length
	});
	const actual = input.actual;
	const recorded = memo((c) =>
		perSession(
			Object.entries(own(actual?.hours ?? {}, c) ?? {}).map(([h, v]): [number, number] => [
				Number(h),
				windowArrivals(v)
			]),
			hours.sessions
		)
	);
	const booked = memo((c) =>
		perSession(
			(input.booked?.rows ?? [])
				.filter((r) => r.category === c)
				.map((r): [number, number] => [r.hour, r.arrivals]),
			hours.sessions
		)
	);
	const sessions: SessionAdvice[] = advice.sessions.map((a) => {
		const i = hours.sessions.findIndex((s) => s.start === a.session?.start);
		const out: SessionAdvice = { ...a, booked: booked(a.category)[i] ?? 0 };
		if (actual) out.actualArrivals = Math.round(recorded(a.category)[i] ?? 0);
		return out;
	});
	return {
		calendarUnknown,
		forecast,
		walkIns: walkIns.rows,
		booked: input.booked,
		sessions,
		hourly: advice.hourly,
		working: hours.working
	};
}
