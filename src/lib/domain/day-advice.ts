/**
 * Window advice for one day, put together from what the device holds: forecast arrivals from the
 * roll-up history, the centre's target and sessions, the R1 minimum and the day plan's windows.
 * Pure, so the live board, the roster planner and the review show the same figures.
 */
import type { CentreSettings, DayPlan, RuleSet, ServiceItem, ServiceWindow } from '$lib/schemas';
import { adviseWindows, handleMinutesByCategory, type WindowAdvice } from './advice';
import { clockMinutes, serviceHours, type DayOverride } from './calendar';
import { keyed, own, put, slot } from './keyed';
import { forecastDay, type DayForecast, type HistoryIndex, type HistoryRow } from './forecast';
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
}

export interface SessionAdvice extends WindowAdvice {
	/** Window arrivals recorded in the session, for a past day. */
	actualArrivals?: number;
}

export interface DayAdvice {
	forecast: DayForecast;
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

/** Window arrivals per session of one category, hours split by their open minutes. */
function sessionArrivals(
	day: Pick<DayRollup, 'hours'>,
	category: string,
	sessions: { start: string; end: string }[]
): number[] {
	const out = sessions.map(() => 0);
	for (const [h, c] of Object.entries(own(day.hours, category) ?? {})) {
		const hour = Number(h);
		const arrivals = windowArrivals(c);
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

export function dayAdvice(input: DayAdviceInput): DayAdvice {
	const hours = serviceHours(input.date, input.settings, input.overrides);
	const forecast = forecastDay(input.history, input.date, { overrides: input.overrides });
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
		handleMinutes: handleMinutesByCategory(input.serviceItems),
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
		sessions: hours.sessions,
		historyDays: forecast.basedOn.length
	});
	const sessions: SessionAdvice[] = advice.sessions.map((a) => ({ ...a }));
	if (input.actual) {
		const cache = new Map<string, number[]>();
		for (const a of sessions) {
			let arr = cache.get(a.category);
			if (!arr)
				cache.set(a.category, (arr = sessionArrivals(input.actual, a.category, hours.sessions)));
			const i = hours.sessions.findIndex((s) => s.start === a.session?.start);
			a.actualArrivals = Math.round(arr[i] ?? 0);
		}
	}
	return { forecast, sessions, hourly: advice.hourly, working: hours.working };
}
