/**
 * Proof that the advice helps: the hall's own past days replayed twice, once with the windows the
 * day plan opened and once with the windows the advice asked for. For every date the forecast and
 * the advice read only the days before it (dayAdvice → forecastDay); then the people who actually
 * came to the windows that day, category by category and session by session, go through the same
 * seeded simulation the advice trusts (session-simulation.ts) under each count of windows. Both
 * counts meet the same people and the same random draws, so what differs is the windows alone.
 *
 * Pure: the review, a test or a bench script can run it on whatever days the device holds.
 */
import type { DayPlan, Session, VolumeCounters } from '$lib/schemas';
import {
	DEFAULT_HANDLE_CV,
	DEFAULT_HANDLE_MINUTES,
	DEFAULT_PATIENCE_MINUTES,
	handleMinutesForMix
} from './advice';
import { addDays, clockMinutes, serviceHours } from './calendar';
import { dayAdvice, type DayAdviceInput } from './day-advice';
import { indexHistory } from './forecast';
import { bookedDemand, showRates, walkInHistory, type Booking } from './known-demand';
import { own } from './keyed';
import { seedFor } from './seeded';
import { DEFAULT_REPLICATIONS, simulateSession, type SessionRun } from './session-simulation';
import { arrivalHistory, visitMix, windowArrivals, type DayRollup } from './volume';

interface AdviceBacktestInput extends Pick<
	DayAdviceInput,
	'settings' | 'ruleSet' | 'serviceItems' | 'windows' | 'overrides' | 'staff'
> {
	/** Daily roll-ups: the history the forecasts read and the arrivals the days are replayed with. */
	days: readonly Pick<DayRollup, 'date' | 'hours'>[];
	/**
	 * The appointment ledger, when the advice should know the bookings as it does in the hall:
	 * each day is advised from its bookings as they stood that morning (every place held still
	 * expected) and from the walk-ins of the days before.
	 */
	bookings?: readonly Booking[];
	plans: readonly DayPlan[];
	/** First and last date replayed, inclusive. */
	from: string;
	to: string;
	seed: number;
	/** Simulation runs per category, session and scenario; DEFAULT_REPLICATIONS when unset. */
	replications?: number;
	/**
	 * Replay working days too (the default). Their advice costs some five times a 不打烊 day's,
	 * so a check on the 不打烊 days alone can leave them out.
	 */
	working?: boolean;
}

/** What one way of opening windows gave the people who came. */
interface ScenarioFigures {
	/** People who came to the windows (the same under both scenarios). */
	people: number;
	/** People who reached a window. */
	served: number;
	/**
	 * Mean minutes queued by the people of the sessions that had a window open, those who gave
	 * up counted until they left. People with no window at all have no wait to average: they are
	 * in `unserved`, and read beside this figure.
	 */
	meanWait: number;
	/**
	 * Share of all people who waited, or would have waited had they stayed, longer than the
	 * centre's target; everyone unserved counts in it.
	 */
	overTargetShare: number;
	/** People who gave up in the queue. */
	abandoned: number;
	/** People whose category had no window open in their session: nobody could serve them. */
	unserved: number;
	/** Windows × session hours (extended service after a session not included). */
	windowHours: number;
}

interface Comparison {
	days: number;
	/** Category-sessions with people in them. */
	sessions: number;
	planned: ScenarioFigures;
	advised: ScenarioFigures;
}

interface BacktestGroup extends Comparison {
	/**
	 * Days of the group without a day plan. Under the plan nobody is served on them (a category
	 * with arrivals and no planned window counts its people as unserved), so they weigh on the
	 * plan's figures; `withPlan` leaves them out.
	 */
	daysWithoutPlan: number;
	/** The days that had a plan only: the like-for-like comparison. */
	withPlan: Comparison;
}

export interface AdviceBacktest {
	from: string;
	to: string;
	replications: number;
	/** 不打烊 days: weekends and holidays. */
	nonWorking: BacktestGroup;
	/** Working days, apart: their volume and their hours are another hall. */
	working: BacktestGroup;
}

/** Running sums of one scenario; divided out only at the end. */
interface Tally {
	people: number;
	served: number;
	waited: number;
	waitPeople: number;
	overTarget: number;
	abandoned: number;
	unserved: number;
	windowHours: number;
}

const tally = (): Tally => ({
	people: 0,
	served: 0,
	waited: 0,
	waitPeople: 0,
	overTarget: 0,
	abandoned: 0,
	unserved: 0,
	windowHours: 0
});

interface Bucket {
	days: number;
	sessions: number;
	planned: Tally;
	advised: Tally;
}

const bucket = (): Bucket => ({ days: 0, sessions: 0, planned: tally(), advised: tally() });

function merge(a: Bucket, b: Bucket): Bucket {
	const add = (x: Tally, y: Tally): Tally => {
		const out = tally();
		for (const k of Object.keys(out) as (keyof Tally)[]) out[k] = x[k] + y[k];
		return out;
	};
	return {
		days: a.days + b.days,
		sessions: a.sessions + b.sessions,
		planned: add(a.planned, b.planned),
		advised: add(a.advised, b.advised)
	};
}

const figures = (t: Tally): ScenarioFigures => ({
	people: t.people,
	served: t.served,
	meanWait: t.waitPeople > 0 ? t.waited / t.waitPeople : 0,
	overTargetShare: t.people > 0 ? t.overTarget / t.people : 0,
	abandoned: t.abandoned,
	unserved: t.unserved,
	windowHours: t.windowHours
});

const comparison = (b: Bucket): Comparison => ({
	days: b.days,
	sessions: b.sessions,
	planned: figures(b.planned),
	advised: figures(b.advised)
});

function group(withPlan: Bucket, withoutPlan: Bucket): BacktestGroup {
	return {
		...comparison(merge(withPlan, withoutPlan)),
		daysWithoutPlan: withoutPlan.days,
		withPlan: comparison(withPlan)
	};
}

/** Minutes of hour `hour` inside the session. */
const overlap = (hour: number, s: Session) =>
	Math.max(
		0,
		Math.min(hour * 60 + 60, clockMinutes(s.end)) - Math.max(hour * 60, clockMinutes(s.start))
	);

/**
 * The day's actual window arrivals of one category as the workload of each session, built the
 * way the advice builds a forecast one (advice.ts, sessionWorkload): hours inside the sessions by
 * their open minutes, people of a closed hour before a session at its door when it opens, people
 * after the last session in its last part (served in extended service).
 */
function actualWorkloads(
	byHour: Readonly<Record<number, VolumeCounters>>,
	sessions: readonly Session[]
): Pick<SessionRun, 'minutes' | 'parts' | 'openingQueue'>[] {
	const runs = sessions.map((s) => {
		const hours: number[] = [];
		for (let h = 0; h < 24; h++) if (overlap(h, s) > 0) hours.push(h);
		return {
			minutes: clockMinutes(s.end) - clockMinutes(s.start),
			hours,
			parts: hours.map((h) => ({ minutes: overlap(h, s), arrivals: 0 })),
			openingQueue: 0
		};
	});
	for (const [h, counters] of Object.entries(byHour)) {
		const hour = Number(h);
		const arrivals = windowArrivals(counters);
		const open = sessions.reduce((m, s) => m + overlap(hour, s), 0);
		if (open > 0) {
			sessions.forEach((s, i) => {
				const part = runs[i].hours.indexOf(hour);
				if (part >= 0) runs[i].parts[part].arrivals += (arrivals * overlap(hour, s)) / open;
			});
			continue;
		}
		const next = sessions.findIndex((s) => clockMinutes(s.start) >= hour * 60 + 60);
		const last = runs[runs.length - 1];
		if (next >= 0) runs[next].openingQueue += arrivals;
		else if (last?.parts.length) last.parts[last.parts.length - 1].arrivals += arrivals;
	}
	return runs.map(({ minutes, parts, openingQueue }) => ({ minutes, parts, openingQueue }));
}

/**
 * Replays every date from `from` to `to` whose roll-up has window arrivals and on which the hall
 * is open. The plan's windows are those dayAdvice reads from it; where a category had arrivals
 * in a session and the plan opened none of its windows (or there is no plan for the day), those
 * people count as unserved under the plan. The advice is taken as it stands, R1 floor, hall
 * capacity and thin-data fallback included: where it leaves a category without a window and
 * people came, they are unserved under the advice, and the figures show it. The simulation's
 * shares are applied to the day's recorded arrivals, so both scenarios count the same people.
 */
/** The day's bookings as the advice saw them that morning: every place held still expected. */
const thatMorning = (bookings: readonly Booking[]) =>
	bookings.map((b) =>
		b.status !== 'cancelled' && b.status !== 'unconfirmed' ? { ...b, status: 'booked' as const } : b
	);

export function adviceBacktest(input: AdviceBacktestInput): AdviceBacktest {
	const replications = input.replications ?? DEFAULT_REPLICATIONS;
	// One index for all dates: forecastDay reads only the dates before the one it forecasts.
	const counted = arrivalHistory(input.days);
	const history = indexHistory(
		input.bookings ? walkInHistory(counted, input.bookings, input.serviceItems) : counted,
		input.overrides
	);
	const plans = new Map(input.plans.map((p) => [p.date, p]));
	const target = input.settings.targetWaitMinutes;
	const buckets = {
		nonWorking: { withPlan: bucket(), withoutPlan: bucket() },
		working: { withPlan: bucket(), withoutPlan: bucket() }
	};
	// Indexed once, not refiltered for each day: the roll-ups in date order (the eight weeks before
	// a day are a window sliding along them), the bookings by date and the show rate before a date.
	const sorted = [...input.days].sort((a, b) => a.date.localeCompare(b.date));
	const bookingsOn = new Map<string, Booking[]>();
	for (const b of input.bookings ?? []) {
		const on = bookingsOn.get(b.date);
		if (on) on.push(b);
		else bookingsOn.set(b.date, [b]);
	}
	const showRateBefore = showRates(input.bookings ?? []);
	let since = 0;
	let before = 0;
	for (const day of sorted.filter((d) => d.date >= input.from && d.date <= input.to)) {
		const people = Object.values(day.hours)
			.flatMap((byHour) => Object.values(byHour))
			.reduce((sum, c) => sum + windowArrivals(c), 0);
		const hours = serviceHours(day.date, input.settings, input.overrides);
		if (people <= 0 || hours.sessions.length === 0) continue;
		if (hours.working && input.working === false) continue;
		const plan = plans.get(day.date);
		while (sorted[before].date < day.date) before++;
		while (sorted[since].date < addDays(day.date, -56)) since++;
		const advice = dayAdvice({
			date: day.date,
			history,
			settings: input.settings,
			ruleSet: input.ruleSet,
			serviceItems: input.serviceItems,
			windows: input.windows,
			plan,
			overrides: input.overrides,
			staff: input.staff,
			booked:
				input.bookings &&
				bookedDemand(
					thatMorning(bookingsOn.get(day.date) ?? []),
					input.serviceItems,
					day.date,
					showRateBefore(day.date)
				),
			// The mix of the eight weeks before, as the tablet reads it.
			mix: visitMix(sorted.slice(since, before))
		});
		// The day is replayed with the mix of visits it actually had.
		const handle = handleMinutesForMix(input.serviceItems, visitMix([day]));
		const b = buckets[hours.working ? 'working' : 'nonWorking'][plan ? 'withPlan' : 'withoutPlan'];
		b.days++;
		const categories = new Set([
			...advice.sessions.map((a) => a.category),
			...Object.keys(day.hours)
		]);
		for (const category of categories) {
			const workloads = actualWorkloads(own(day.hours, category) ?? {}, hours.sessions);
			hours.sessions.forEach((session, i) => {
				const a = advice.sessions.find(
					(s) => s.category === category && s.session?.start === session.start
				);
				const w = workloads[i];
				const arrivals = w.openingQueue + w.parts.reduce((sum, p) => sum + p.arrivals, 0);
				const run: Omit<SessionRun, 'servers'> = {
					...w,
					handleMinutes: own(handle, category) ?? DEFAULT_HANDLE_MINUTES,
					patienceMinutes: DEFAULT_PATIENCE_MINUTES,
					targetWaitMinutes: target,
					service: { kind: 'lognormal', cv: DEFAULT_HANDLE_CV },
					replications,
					// The same draws under both counts of windows.
					seed: seedFor(`${day.date} ${category} ${session.start}`, input.seed)
				};
				if (arrivals > 0) b.sessions++;
				tallySession(b.planned, run, arrivals, a?.planned ?? 0);
				tallySession(b.advised, run, arrivals, a?.recommended ?? 0);
			});
		}
	}
	return {
		from: input.from,
		to: input.to,
		replications,
		nonWorking: group(buckets.nonWorking.withPlan, buckets.nonWorking.withoutPlan),
		working: group(buckets.working.withPlan, buckets.working.withoutPlan)
	};
}

function tallySession(
	t: Tally,
	run: Omit<SessionRun, 'servers'>,
	people: number,
	servers: number
): void {
	t.windowHours += (servers * run.minutes) / 60;
	if (people <= 0) return;
	t.people += people;
	if (servers === 0) {
		t.unserved += people;
		t.overTarget += people;
		return;
	}
	const o = simulateSession({ ...run, servers });
	t.served += people * (1 - o.abandonShare);
	t.abandoned += people * o.abandonShare;
	t.overTarget += people * (1 - o.serviceLevel);
	t.waited += people * o.meanWait;
	t.waitPeople += people;
}
