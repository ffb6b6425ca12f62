/**
 * The session model: how many windows one category needs for one session (09:00–11:30, say), from
 * the session's whole workload: the people at the door at opening, the arrivals through the
 * session part by part, the handling time, the visitors' patience and the centre's target (a share
 * served within a wait).
 *
 * Erlang A (abandonment.ts) is exact for a queue in steady state. It is used only when the session
 * can reach one: nobody waiting at opening, a steady arrival rate, load below 90 % of the windows,
 * and a session at least five relaxation times long. The relaxation time of an M/M/n queue is about
 * h / (n·(1 − √ρ)²) (Morse's estimate for M/M/1 with n windows' service rate); a weekend session with
 * a crowd at 9:00 almost never qualifies, and then the seeded simulation of session-simulation.ts
 * decides. Both give the same figures, so the advice reads the same whichever spoke.
 */
import { erlangA } from './abandonment';
import { simulateSession, type SessionOutcome, type SessionRun } from './session-simulation';

export type SessionWorkload = Omit<SessionRun, 'servers'>;

export interface SessionPrediction extends SessionOutcome {
	servers: number;
	method: 'erlang-a' | 'simulation';
}

/** Load below which, and relaxation times beyond which, the steady state is trusted. */
const STEADY_MAX_LOAD = 0.9;
const STEADY_RELAXATIONS = 5;
const STEADY_RATE_SPREAD = 1.25;

const total = (w: SessionWorkload) => w.parts.reduce((s, p) => s + p.arrivals, 0);

/** Whether the steady-state formulas describe this session with `servers` windows. */
export function steadyStateHolds(w: SessionWorkload, servers: number): boolean {
	if (servers === 0 || w.openingQueue >= 0.5 || w.minutes <= 0) return false;
	const rates = w.parts.filter((p) => p.minutes > 0).map((p) => p.arrivals / p.minutes);
	if (rates.length === 0) return false;
	const low = Math.min(...rates);
	if (low <= 0 || Math.max(...rates) > low * STEADY_RATE_SPREAD) return false;
	const rho = (total(w) / w.minutes) * (w.handleMinutes / servers);
	if (rho >= STEADY_MAX_LOAD) return false;
	const relaxation = w.handleMinutes / (servers * (1 - Math.sqrt(rho)) ** 2);
	return w.minutes >= STEADY_RELAXATIONS * relaxation;
}

/** The session's waits with `servers` windows, by the model that holds for it. */
export function predictSession(w: SessionWorkload, servers: number): SessionPrediction {
	const arrivals = total(w) + w.openingQueue;
	if (!steadyStateHolds(w, servers)) {
		return { ...simulateSession({ ...w, servers }), servers, method: 'simulation' };
	}
	const a = erlangA({
		arrivalsPerHour: (total(w) / w.minutes) * 60,
		handleMinutes: w.handleMinutes,
		servers,
		patienceMinutes: w.patienceMinutes,
		targetWaitMinutes: w.targetWaitMinutes
	});
	// In steady state an arrival at closing sees the same queue as any other (Little's law for
	// its length); the last of them is done about one handling time after their wait.
	const queue = (total(w) / w.minutes) * a.averageWait;
	return {
		meanWait: a.averageWait,
		serviceLevel: a.serviceLevel,
		abandonShare: a.abandonRate,
		waitAtClose: a.averageWait,
		queueAtClose: queue,
		extendedMinutes: a.averageWait + w.handleMinutes,
		arrivals,
		replications: 0,
		servers,
		method: 'erlang-a'
	};
}

export interface SessionStaffing {
	/** Fewest windows that meet the target; `limit` when even that many do not. */
	needed: number;
	/** false when `limit` windows still miss the target. */
	reached: boolean;
	/** Predictions by window count, each computed once. */
	predict: (servers: number) => SessionPrediction;
}

/** Smallest window count whose share served within the target wait reaches the target share. */
export function staffSession(
	w: SessionWorkload,
	targetServiceLevel: number,
	limit: number
): SessionStaffing {
	const cache = new Map<number, SessionPrediction>();
	const predict = (n: number) => {
		let p = cache.get(n);
		if (!p) cache.set(n, (p = predictSession(w, n)));
		return p;
	};
	if (total(w) + w.openingQueue <= 0) return { needed: 0, reached: true, predict };
	for (let n = 1; n <= limit; n++) {
		if (predict(n).serviceLevel >= targetServiceLevel) return { needed: n, reached: true, predict };
	}
	return { needed: limit, reached: false, predict };
}
