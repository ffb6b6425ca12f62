/**
 * A seeded discrete-event simulation of one session at the windows of one category: the people
 * already at the door when the hall opens, Poisson arrivals through the session at the rate of each
 * part of it, n windows serving first come first served, handling times drawn exponential or
 * lognormal, and visitors who give up after an exponential patience. When the session ends the
 * door closes but the windows keep serving everyone still queued (延时服务), so the simulation runs
 * until the queue is empty.
 *
 * The steady-state formulas (Erlang C, Erlang A) describe a queue that has run long enough to
 * forget how it started. A 2½-hour weekend session with a crowd at 9:00 never gets there; this is
 * what the advice uses instead (see session-model.ts for when).
 *
 * FCFS makes the simulation a recursion rather than an event list: each person, in order of
 * arrival, takes the window that frees first if it frees before their patience runs out; the
 * people who gave up ahead of them never held a window. That is exact for FCFS with n windows and
 * costs O(people · n).
 */
import { poisson, seededRandom } from './seeded';

export type ServiceTimes = { kind: 'exponential' } | { kind: 'lognormal'; cv: number };

export interface SessionRun {
	/** Minutes the door is open. */
	minutes: number;
	/** Arrivals expected in consecutive parts of the session, from opening, e.g. one per hour. */
	parts: { minutes: number; arrivals: number }[];
	/** People expected at the door at opening (a Poisson count with this mean). */
	openingQueue: number;
	servers: number;
	handleMinutes: number;
	/** Mean patience in minutes; Infinity: nobody leaves. */
	patienceMinutes: number;
	targetWaitMinutes: number;
	service?: ServiceTimes;
	replications?: number;
	seed?: number;
}

export interface SessionOutcome {
	/** Mean minutes queued over all arrivals, those who left counted until they left. */
	meanWait: number;
	/** Share of arrivals whose wait, had they stayed, was within the target. */
	serviceLevel: number;
	/** Share of arrivals who left before reaching a window. */
	abandonShare: number;
	/** Minutes someone joining the queue as the door closes would wait. */
	waitAtClose: number;
	/** People still queued as the door closes. */
	queueAtClose: number;
	/** Minutes the windows serve after closing until the last person is done. */
	extendedMinutes: number;
	/** Mean people per replication. */
	arrivals: number;
	replications: number;
}

export const DEFAULT_REPLICATIONS = 400;

function serviceSampler(mean: number, times: ServiceTimes, rnd: () => number): () => number {
	if (times.kind === 'exponential') return () => -Math.log(rnd()) * mean;
	// Lognormal with the given mean and coefficient of variation.
	const s2 = Math.log(1 + times.cv * times.cv);
	const mu = Math.log(mean) - s2 / 2;
	const s = Math.sqrt(s2);
	return () => Math.exp(mu + s * Math.sqrt(-2 * Math.log(rnd())) * Math.cos(2 * Math.PI * rnd()));
}

/** Arrival times of one replication, in order: the opening queue at 0, then Poisson by part. */
function arrivalTimes(run: SessionRun, rnd: () => number): number[] {
	const times: number[] = new Array(poisson(run.openingQueue, rnd)).fill(0);
	let from = 0;
	for (const part of run.parts) {
		const rate = part.minutes > 0 ? part.arrivals / part.minutes : 0;
		if (rate > 0) {
			for (let t = from - Math.log(rnd()) / rate; t < from + part.minutes;) {
				times.push(t);
				t -= Math.log(rnd()) / rate;
			}
		}
		from += part.minutes;
	}
	return times;
}

export function simulateSession(run: SessionRun): SessionOutcome {
	const replications = run.replications ?? DEFAULT_REPLICATIONS;
	if (run.servers === 0) return noWindow(run, replications);
	const rnd = seededRandom(run.seed ?? 1);
	const service = serviceSampler(run.handleMinutes, run.service ?? { kind: 'exponential' }, rnd);
	const patient = !Number.isFinite(run.patienceMinutes);
	const close = run.minutes;
	let people = 0;
	let waited = 0;
	let within = 0;
	let left = 0;
	let atClose = 0;
	let queued = 0;
	let extended = 0;
	for (let r = 0; r < replications; r++) {
		const free = new Array<number>(run.servers).fill(0);
		let lastDone = close;
		for (const t of arrivalTimes(run, rnd)) {
			people++;
			let w = 0;
			for (let j = 1; j < free.length; j++) if (free[j] < free[w]) w = j;
			const offered = Math.max(0, free[w] - t);
			const patience = patient ? Infinity : -Math.log(rnd()) * run.patienceMinutes;
			if (offered <= run.targetWaitMinutes) within++;
			if (offered > patience) {
				left++;
				waited += patience;
				if (t + patience > close) queued++;
			} else {
				waited += offered;
				if (t + offered > close) queued++;
				free[w] = t + offered + service();
				if (free[w] > lastDone) lastDone = free[w];
			}
		}
		atClose += Math.max(0, Math.min(...free) - close);
		extended += lastDone - close;
	}
	const per = (x: number) => (people === 0 ? 0 : x / people);
	return {
		meanWait: per(waited),
		serviceLevel: people === 0 ? 1 : within / people,
		abandonShare: per(left),
		waitAtClose: atClose / replications,
		queueAtClose: queued / replications,
		extendedMinutes: extended / replications,
		arrivals: people / replications,
		replications
	};
}

/** No window open: nobody is served, so the wait has no end to show. */
function noWindow(run: SessionRun, replications: number): SessionOutcome {
	const arrivals = run.openingQueue + run.parts.reduce((s, p) => s + p.arrivals, 0);
	return {
		meanWait: arrivals > 0 ? Infinity : 0,
		serviceLevel: arrivals > 0 ? 0 : 1,
		abandonShare: arrivals > 0 ? 1 : 0,
		waitAtClose: arrivals > 0 ? Infinity : 0,
		queueAtClose: arrivals,
		extendedMinutes: 0,
		arrivals,
		replications
	};
}
