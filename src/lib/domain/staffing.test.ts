import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	averageWait,
	erlangA,
	erlangB,
	erlangC,
	serversNeeded,
	serviceLevel,
	traffic
} from './staffing';

/**
 * Independent references: the textbook closed forms evaluated exactly with BigInt for integer
 * traffic A and N servers, then divided once. They share no code path with the recurrence.
 *   B = (A^N / N!) / Σ_{k≤N} A^k / k!
 *   C = (A^N / N! · N/(N−A)) / (Σ_{k<N} A^k / k! + A^N / N! · N/(N−A))
 */
function factorial(n: bigint): bigint {
	let f = 1n;
	for (let i = 2n; i <= n; i++) f *= i;
	return f;
}
function ratio(num: bigint, den: bigint): number {
	const scale = 10n ** 18n;
	return Number((num * scale) / den) / 1e18;
}
function exactB(a: number, n: number): number {
	const A = BigInt(a);
	const N = BigInt(n);
	const f = factorial(N);
	let den = 0n;
	for (let k = 0n; k <= N; k++) den += A ** k * (f / factorial(k));
	return ratio(A ** N, den);
}
function exactC(a: number, n: number): number {
	const A = BigInt(a);
	const N = BigInt(n);
	const f = factorial(N);
	let den = 0n;
	for (let k = 0n; k < N; k++) den += A ** k * (f / factorial(k)) * (N - A);
	const num = A ** N * N;
	return ratio(num, den + num);
}

/** A seeded linear congruential generator, so the simulation below is repeatable. */
function lcg(seed: number) {
	let s = seed >>> 0;
	return () => {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		return (s + 0.5) / 4294967296;
	};
}

describe('Erlang B', () => {
	it('matches the table values', () => {
		// Erlang B table (e.g. Iversen, Teletraffic Engineering and Network Planning, ITU/DTU):
		// one erlang on one line blocks half the calls; 10 erlangs on 15 lines block 3.65 %.
		expect(erlangB(1, 1)).toBe(0.5);
		expect(erlangB(10, 15)).toBeCloseTo(0.0365, 4);
		expect(erlangB(10, 15)).toBeCloseTo(exactB(10, 15), 12);
		expect(erlangB(20, 30)).toBeCloseTo(exactB(20, 30), 12);
		expect(erlangB(5, 0)).toBe(1);
		expect(erlangB(0, 3)).toBe(0);
	});

	it('agrees with the exact formula for integer traffic', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 80 }), (a, n) => {
				expect(erlangB(a, n)).toBeCloseTo(exactB(a, n), 10);
			}),
			{ numRuns: 60 }
		);
	});

	it('stays finite and exact-looking at 500 servers', () => {
		const b = erlangB(450, 500);
		expect(Number.isFinite(b)).toBe(true);
		expect(b).toBeCloseTo(exactB(450, 500), 10);
		expect(erlangC(450, 500)).toBeCloseTo(exactC(450, 500), 10);
	});

	it('falls as servers are added', () => {
		fc.assert(
			fc.property(
				fc.double({ min: 0.01, max: 300, noNaN: true }),
				fc.integer({ min: 0, max: 499 }),
				(a, n) => {
					const b = erlangB(a, n);
					// Strictly smaller until the value underflows to 0 far out in the tail.
					if (b > 1e-300) expect(erlangB(a, n + 1)).toBeLessThan(b);
					else expect(erlangB(a, n + 1)).toBeLessThanOrEqual(b);
				}
			)
		);
	});
});

describe('Erlang C', () => {
	it('reproduces the callcentrehelper.com worked example', () => {
		// "Erlang C formula – made simple with an easy worked example", callcentrehelper.com:
		// 100 calls in 30 minutes, 180 s handling, 20 s target → A = 10 erlangs.
		// With 11 agents: P(wait) 68.2 %, SL 39.0 %, ASA 122.8 s; 14 agents reach 88.8 %.
		const load = { arrivalsPerHour: 200, handleMinutes: 3 };
		expect(traffic(load)).toBeCloseTo(10, 12);
		expect(erlangC(10, 11)).toBeCloseTo(exactC(10, 11), 12);
		expect(erlangC(10, 11)).toBeCloseTo(0.6821, 4);
		expect(serviceLevel({ ...load, servers: 11, targetWaitMinutes: 1 / 3 })).toBeCloseTo(0.3896, 4);
		expect(averageWait({ ...load, servers: 11 }) * 60).toBeCloseTo(122.78, 2);
		expect(serviceLevel({ ...load, servers: 14, targetWaitMinutes: 1 / 3 })).toBeCloseTo(0.8884, 4);
		expect(serversNeeded({ ...load, targetWaitMinutes: 1 / 3, serviceLevel: 0.8 })).toBe(14);
	});

	it('reproduces the Westbay Engineers Erlang-C example', () => {
		// westbay.ndirect.co.uk "The Erlang-C formula": 360 calls per half hour, 4 minutes each,
		// 55 agents, 15 s target → A = 48 erlangs, occupancy 87.3 %. Figures recomputed exactly.
		const load = { arrivalsPerHour: 720, handleMinutes: 4, servers: 55 };
		const c = erlangC(48, 55);
		expect(c).toBeCloseTo(exactC(48, 55), 12);
		expect(c).toBeCloseTo(0.2387, 4);
		expect(averageWait(load) * 60).toBeCloseTo(8.18, 2);
		expect(serviceLevel({ ...load, targetWaitMinutes: 0.25 })).toBeCloseTo(
			1 - exactC(48, 55) * Math.exp((-7 * 0.25) / 4),
			12
		);
	});

	it('is 1 when the servers cannot keep up, and infinite wait follows', () => {
		expect(erlangC(10, 10)).toBe(1);
		expect(erlangC(10.5, 10)).toBe(1);
		expect(averageWait({ arrivalsPerHour: 60, handleMinutes: 10, servers: 10 })).toBe(Infinity);
		expect(
			serviceLevel({ arrivalsPerHour: 60, handleMinutes: 10, servers: 9, targetWaitMinutes: 5 })
		).toBe(0);
		expect(averageWait({ arrivalsPerHour: 0, handleMinutes: 10, servers: 1 })).toBe(0);
	});

	it('satisfies C = B / (1 − ρ(1 − B)) and C ≥ B', () => {
		fc.assert(
			fc.property(
				fc.double({ min: 0.01, max: 400, noNaN: true }),
				fc.integer({ min: 1, max: 500 }),
				(a, n) => {
					fc.pre(n > a);
					const b = erlangB(a, n);
					const c = erlangC(a, n);
					expect(c).toBeGreaterThanOrEqual(b);
					expect(c).toBeLessThanOrEqual(1);
					expect(c).toBeCloseTo(b / (1 - (a / n) * (1 - b)), 10);
				}
			)
		);
	});

	it('improves monotonically with servers and keeps SL within [0, 1]', () => {
		fc.assert(
			fc.property(
				fc.double({ min: 1, max: 600, noNaN: true }),
				fc.double({ min: 1, max: 60, noNaN: true }),
				fc.integer({ min: 0, max: 200 }),
				fc.double({ min: 0, max: 60, noNaN: true }),
				(arrivalsPerHour, handleMinutes, n, targetWaitMinutes) => {
					const at = (servers: number) => ({
						arrivalsPerHour,
						handleMinutes,
						servers,
						targetWaitMinutes
					});
					const sl = serviceLevel(at(n));
					expect(sl).toBeGreaterThanOrEqual(0);
					expect(sl).toBeLessThanOrEqual(1);
					expect(serviceLevel(at(n + 1))).toBeGreaterThanOrEqual(sl);
					expect(averageWait(at(n + 1))).toBeLessThanOrEqual(averageWait(at(n)));
					const a = traffic(at(n));
					expect(erlangC(a, n + 1)).toBeLessThanOrEqual(erlangC(a, n));
				}
			)
		);
	});
});

describe('serversNeeded', () => {
	it('is the smallest count meeting the target', () => {
		fc.assert(
			fc.property(
				fc.double({ min: 0.5, max: 400, noNaN: true }),
				fc.double({ min: 1, max: 40, noNaN: true }),
				fc.double({ min: 0.5, max: 0.99, noNaN: true }),
				fc.integer({ min: 0, max: 30 }),
				(arrivalsPerHour, handleMinutes, level, targetWaitMinutes) => {
					const target = { arrivalsPerHour, handleMinutes, targetWaitMinutes };
					const n = serversNeeded({ ...target, serviceLevel: level });
					expect(serviceLevel({ ...target, servers: n })).toBeGreaterThanOrEqual(level);
					if (n > 1) {
						expect(serviceLevel({ ...target, servers: n - 1 })).toBeLessThan(level);
					}
				}
			)
		);
	});

	it('respects the occupancy cap and needs nobody without arrivals', () => {
		const load = {
			arrivalsPerHour: 200,
			handleMinutes: 3,
			targetWaitMinutes: 1 / 3,
			serviceLevel: 0.5
		};
		expect(serversNeeded(load)).toBe(12);
		// 10 erlangs at 75 % occupancy at most → 14 windows.
		expect(serversNeeded({ ...load, maxOccupancy: 0.75 })).toBe(14);
		expect(serversNeeded({ ...load, arrivalsPerHour: 0 })).toBe(0);
		expect(() => serversNeeded({ ...load, limit: 5 })).toThrow();
	});
});

describe('Erlang A', () => {
	it('with infinite patience equals Erlang C', () => {
		const load = { arrivalsPerHour: 200, handleMinutes: 3, servers: 11, targetWaitMinutes: 1 / 3 };
		const a = erlangA({ ...load, patienceMinutes: Infinity });
		expect(a.converged).toBe(true);
		expect(a.abandonRate).toBe(0);
		expect(a.probWait).toBeCloseTo(erlangC(10, 11), 10);
		expect(a.averageWait).toBeCloseTo(averageWait(load), 8);
		expect(a.serviceLevel).toBeCloseTo(serviceLevel(load), 8);
	});

	it('approaches Erlang C as patience grows', () => {
		fc.assert(
			fc.property(
				fc.double({ min: 1, max: 120, noNaN: true }),
				fc.double({ min: 2, max: 30, noNaN: true }),
				fc.integer({ min: 1, max: 25 }),
				fc.double({ min: 0, max: 30, noNaN: true }),
				(arrivalsPerHour, handleMinutes, servers, targetWaitMinutes) => {
					const input = { arrivalsPerHour, handleMinutes, servers, targetWaitMinutes };
					fc.pre(traffic(input) < servers * 0.95);
					const a = erlangA({ ...input, patienceMinutes: 1e9 });
					expect(a.probWait).toBeCloseTo(erlangC(traffic(input), servers), 5);
					expect(a.serviceLevel).toBeCloseTo(serviceLevel(input), 5);
					expect(a.abandonRate).toBeLessThan(1e-5);
				}
			),
			{ numRuns: 60 }
		);
	});

	it('equals M/M/∞ when patience equals handling time', () => {
		// With θ = μ every person present leaves at rate μ whether served or not, so the number
		// present is Poisson(A): P(wait) = P(N ≥ n), abandon share = θ·E[(N − n)+] / λ.
		const input = { arrivalsPerHour: 48, handleMinutes: 10, servers: 6, targetWaitMinutes: 5 };
		const A = 8;
		const pmf: number[] = [Math.exp(-A)];
		for (let k = 1; k < 200; k++) pmf.push((pmf[k - 1] * A) / k);
		const wait = pmf.slice(6).reduce((s, p) => s + p, 0);
		const queue = pmf.reduce((s, p, k) => s + Math.max(k - 6, 0) * p, 0);
		const a = erlangA({ ...input, patienceMinutes: 10 });
		expect(a.probWait).toBeCloseTo(wait, 10);
		expect(a.abandonRate).toBeCloseTo(queue / 10 / (48 / 60), 10);
		expect(a.averageWait).toBeCloseTo(queue / (48 / 60), 8);
	});

	it('agrees with a discrete-event simulation of the hall', () => {
		// 5 windows, 70 arrivals an hour, 5 minutes each (A = 5.83 > n), patience 8 minutes:
		// overloaded, so only abandonment keeps the queue finite.
		const input = {
			arrivalsPerHour: 70,
			handleMinutes: 5,
			servers: 5,
			patienceMinutes: 8,
			targetWaitMinutes: 3
		};
		const exact = erlangA(input);
		const rnd = lcg(20251001);
		const exp = (rate: number) => -Math.log(rnd()) / rate;
		const lambda = 70 / 60;
		let t = 0;
		const free: number[] = new Array(5).fill(0); // time each window becomes free
		// FCFS with abandonment: each person gets the earliest free window if it frees before
		// their patience runs out. Their offered wait is max(0, earliest free − arrival).
		let waited = 0;
		let abandoned = 0;
		let withinTarget = 0;
		let totalQueueTime = 0;
		const people = 400_000;
		for (let i = 0; i < people; i++) {
			t += exp(lambda);
			let w = 0;
			for (let j = 1; j < 5; j++) if (free[j] < free[w]) w = j;
			const offered = Math.max(0, free[w] - t);
			const patience = exp(1 / 8);
			if (offered > 0) waited++;
			if (offered <= 3) withinTarget++;
			if (offered > patience) {
				abandoned++;
				totalQueueTime += patience;
			} else {
				totalQueueTime += offered;
				free[w] = t + offered + exp(1 / 5);
			}
		}
		expect(exact.converged).toBe(true);
		expect(exact.probWait).toBeCloseTo(waited / people, 2);
		expect(exact.abandonRate).toBeCloseTo(abandoned / people, 2);
		expect(exact.serviceLevel).toBeCloseTo(withinTarget / people, 2);
		expect(exact.averageWait).toBeGreaterThan((totalQueueTime / people) * 0.97);
		expect(exact.averageWait).toBeLessThan((totalQueueTime / people) * 1.03);
		// Flow balance: those served keep the windows busy A·(1 − abandon) on average.
		expect(exact.abandonRate).toBeGreaterThan(1 - 5 / (70 / 12));
	});

	it('keeps its outputs in range and improves with servers', () => {
		fc.assert(
			fc.property(
				fc.double({ min: 1, max: 300, noNaN: true }),
				fc.double({ min: 1, max: 30, noNaN: true }),
				fc.integer({ min: 0, max: 20 }),
				fc.double({ min: 0.5, max: 60, noNaN: true }),
				fc.double({ min: 0, max: 30, noNaN: true }),
				(arrivalsPerHour, handleMinutes, servers, patienceMinutes, targetWaitMinutes) => {
					const at = (n: number) =>
						erlangA({
							arrivalsPerHour,
							handleMinutes,
							servers: n,
							patienceMinutes,
							targetWaitMinutes
						});
					const r = at(servers);
					const more = at(servers + 1);
					for (const x of [r.probWait, r.abandonRate, r.serviceLevel]) {
						expect(x).toBeGreaterThanOrEqual(-1e-12);
						expect(x).toBeLessThanOrEqual(1 + 1e-12);
					}
					expect(more.abandonRate).toBeLessThanOrEqual(r.abandonRate + 1e-9);
					expect(more.averageWait).toBeLessThanOrEqual(r.averageWait + 1e-9);
					expect(more.serviceLevel).toBeGreaterThanOrEqual(r.serviceLevel - 1e-9);
				}
			),
			{ numRuns: 60 }
		);
	});

	it('reports an unbounded queue when nobody ever gives up and the windows cannot keep up', () => {
		const r = erlangA({
			arrivalsPerHour: 60,
			handleMinutes: 10,
			servers: 5,
			patienceMinutes: Infinity,
			targetWaitMinutes: 5
		});
		expect(r.converged).toBe(false);
		expect(r.averageWait).toBe(Infinity);
		expect(r.serviceLevel).toBe(0);
		expect(r.abandonRate).toBeCloseTo(0.5, 12);
	});
});
