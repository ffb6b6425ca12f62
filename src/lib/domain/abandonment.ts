/**
 * Erlang A (M/M/n+M): a queue whose people give up after an exponential patience. In the hall
 * a visitor who waits too long leaves and comes back another day, which is exactly what 一次办成
 * counts against, so the advice can show how many leave as well as how long the rest wait.
 *
 * The model is the Erlang A of Gans, Koole & Mandelbaum, "Telephone call centers: tutorial,
 * review, and research prospects" (MSOM 5(2), 2003), and of Koole, "Call Center Mathematics".
 * Solved as the birth–death chain on the number of people in the hall: arrivals at rate λ,
 * departures at μ·min(k, n) + θ·max(k − n, 0). Terms are kept in logarithms so large queues do
 * not overflow, and the chain is cut where the remaining tail is provably below 1e-15 of the
 * mass (for k ≥ n the ratio λ/d(k) falls, so the tail is bounded by a geometric series).
 */
import type { Servers } from './staffing';

export interface ErlangAInput extends Servers {
	/** Mean patience in minutes; Infinity turns the model into Erlang C. */
	patienceMinutes: number;
	targetWaitMinutes: number;
}

export interface ErlangAResult {
	/** Share of arrivals that find every window busy. */
	probWait: number;
	/** Share of arrivals that leave before being served. */
	abandonRate: number;
	/** Share of arrivals whose offered wait (the wait if they stayed) is within the target. */
	serviceLevel: number;
	/** Mean minutes in the queue over all arrivals, those who leave included (Little's law). */
	averageWait: number;
	/** false when the chain did not settle within the state limit: the queue grows without end. */
	converged: boolean;
}

/** Queue lengths beyond this are not a hall any more; reaching it means "unstable". */
const MAX_QUEUE = 200_000;
const TAIL = 1e-15;

export function erlangA(input: ErlangAInput): ErlangAResult {
	const { servers: n, handleMinutes, patienceMinutes, targetWaitMinutes } = input;
	const lambda = input.arrivalsPerHour / 60;
	const mu = 1 / handleMinutes;
	const theta = Number.isFinite(patienceMinutes) ? 1 / patienceMinutes : 0;
	if (lambda <= 0) {
		return { probWait: 0, abandonRate: 0, serviceLevel: 1, averageWait: 0, converged: true };
	}
	const unstable = {
		probWait: 1,
		abandonRate: Math.max(0, 1 - (n * mu) / lambda),
		serviceLevel: 0,
		averageWait: Infinity,
		converged: false
	};
	if (n === 0 && theta === 0) return unstable;

	const death = (k: number) => mu * Math.min(k, n) + theta * Math.max(k - n, 0);
	const logq = [0];
	let max = 0;
	let sum = 1; // Σ exp(logq − max), rescaled whenever max moves
	for (let k = 1; ; k++) {
		if (k > n + MAX_QUEUE) return unstable;
		const lq = logq[k - 1] + Math.log(lambda) - Math.log(death(k));
		logq.push(lq);
		if (lq > max) {
			sum = sum * Math.exp(max - lq) + 1;
			max = lq;
		} else {
			sum += Math.exp(lq - max);
		}
		const r = lambda / death(k + 1);
		if (k >= n && r < 1 && (Math.exp(lq - max) * r) / (1 - r) < TAIL * sum) break;
	}
	const logNorm = max + Math.log(sum);
	const p = logq.map((lq) => Math.exp(lq - logNorm));

	let probWait = 0;
	let queue = 0;
	for (let k = n; k < p.length; k++) {
		probWait += p[k];
		queue += (k - n) * p[k];
	}
	return {
		probWait,
		abandonRate: (theta * queue) / lambda,
		serviceLevel: n === 0 ? 0 : 1 - offeredWaitTail(p.slice(n), n * mu, theta, targetWaitMinutes),
		averageWait: queue / lambda,
		converged: true
	};
}

/**
 * P(offered wait > t) for an arrival that finds i people queued ahead with probability ahead[i].
 * Its place moves up at rate nμ + jθ while j are ahead (service or someone ahead leaving), and it
 * reaches a window at rate nμ from the head. Solved by uniformization, with Poisson weights in
 * logarithms so that long horizons do not underflow.
 */
function offeredWaitTail(ahead: number[], serviceRate: number, theta: number, t: number): number {
	const m = ahead.length - 1;
	const rate = (j: number) => serviceRate + j * theta;
	const uniform = rate(m);
	const lt = uniform * t;
	if (lt === 0) return ahead.reduce((s, x) => s + x, 0);
	const steps = Math.ceil(lt + 12 * Math.sqrt(lt) + 30);
	let y = ahead.slice();
	let tail = 0;
	let logFactorial = 0;
	for (let j = 0; j <= steps; j++) {
		if (j > 0) logFactorial += Math.log(j);
		const mass = y.reduce((s, x) => s + x, 0);
		if (mass < 1e-17) break;
		tail += Math.exp(-lt + j * Math.log(lt) - logFactorial) * mass;
		const next = new Array<number>(m + 1);
		for (let i = 0; i <= m; i++) {
			const stay = y[i] * (1 - rate(i) / uniform);
			next[i] = i < m ? stay + (y[i + 1] * rate(i + 1)) / uniform : stay;
		}
		y = next;
	}
	return Math.min(1, tail);
}
