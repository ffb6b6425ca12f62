import { describe, expect, it } from 'vitest';
import { erlangA } from './abandonment';
import { averageWait, erlangC, serviceLevel } from './staffing';
import {
	predictSession,
	staffSession,
	steadyStateHolds,
	type SessionWorkload
} from './session-model';
import { seedFor } from './seeded';
import { simulateSession } from './session-simulation';

/** A long session at one steady rate: the simulation should settle into the steady state. */
function steady(perHour: number, handleMinutes: number, patienceMinutes: number, minutes: number) {
	return {
		minutes,
		parts: [{ minutes, arrivals: (perHour * minutes) / 60 }],
		openingQueue: 0,
		handleMinutes,
		patienceMinutes,
		targetWaitMinutes: 5
	};
}

describe('session simulation against the steady-state formulas', () => {
	it('reproduces the published Erlang C worked example', () => {
		// callcentrehelper.com, "Erlang C formula – made simple with an easy worked example":
		// 200 calls an hour, 3 minutes each, 11 agents, 20 s target → SL 39.0 %, ASA 122.8 s.
		const run = { ...steady(200, 3, Infinity, 60_000), targetWaitMinutes: 1 / 3 };
		const sim = simulateSession({ ...run, servers: 11, replications: 1, seed: 11 });
		expect(sim.serviceLevel).toBeGreaterThan(0.3896 - 0.02);
		expect(sim.serviceLevel).toBeLessThan(0.3896 + 0.02);
		expect(sim.meanWait * 60).toBeGreaterThan(122.8 * 0.9);
		expect(sim.meanWait * 60).toBeLessThan(122.8 * 1.1);
	});

	// The grid: windows × load × patience, overload included where patience keeps it finite.
	// Tolerances: share within target ±0.02, share who leave ±0.01, mean wait ±8 % or 0.2 min.
	const grid: [number, number, number][] = [];
	for (const servers of [1, 3, 6])
		for (const load of [0.5, 0.8])
			for (const patience of [Infinity, 20]) grid.push([servers, load, patience]);
	grid.push([3, 1.2, 10], [6, 1.5, 15]);

	it.each(grid)('agrees with Erlang A for %i windows at load %f, patience %f', (n, rho, p) => {
		const handle = 10;
		const perHour = (rho * n * 60) / handle;
		const run = steady(perHour, handle, p, 1_000_000);
		const sim = simulateSession({
			...run,
			servers: n,
			replications: 1,
			seed: seedFor(`${n}${rho}`)
		});
		const exact = erlangA({
			arrivalsPerHour: perHour,
			handleMinutes: handle,
			servers: n,
			patienceMinutes: p,
			targetWaitMinutes: run.targetWaitMinutes
		});
		expect(Math.abs(sim.serviceLevel - exact.serviceLevel)).toBeLessThan(0.02);
		expect(Math.abs(sim.abandonShare - exact.abandonRate)).toBeLessThan(0.01);
		expect(Math.abs(sim.meanWait - exact.averageWait)).toBeLessThan(
			Math.max(0.2, exact.averageWait * 0.08)
		);
		if (!Number.isFinite(p)) {
			const load = { arrivalsPerHour: perHour, handleMinutes: handle, servers: n };
			expect(exact.probWait).toBeCloseTo(erlangC((perHour * handle) / 60, n), 8);
			expect(exact.averageWait).toBeCloseTo(averageWait(load), 6);
			expect(exact.serviceLevel).toBeCloseTo(serviceLevel({ ...load, targetWaitMinutes: 5 }), 6);
		}
	});
});

describe('session simulation of a queue at the door', () => {
	it('serves a crowd at opening in the time the windows need for it', () => {
		// K people (Poisson, mean 20) at the door, 2 windows of 10 minutes, nobody else comes and
		// nobody leaves. Person i ≥ n waits for i − n + 1 departures at rate n/h, so the mean wait
		// is (h/n)·E[(K − n)(K − n + 1)/2 ; K > n] / E[K].
		const n = 2;
		const h = 10;
		const mean = 20;
		let sum = 0;
		let pk = Math.exp(-mean);
		for (let k = 0; k < 120; k++) {
			if (k > 0) pk = (pk * mean) / k;
			if (k > n) sum += (pk * (k - n) * (k - n + 1)) / 2;
		}
		const expected = ((h / n) * sum) / mean;
		const sim = simulateSession({
			minutes: 150,
			parts: [{ minutes: 150, arrivals: 0 }],
			openingQueue: mean,
			servers: n,
			handleMinutes: h,
			patienceMinutes: Infinity,
			targetWaitMinutes: 15,
			replications: 4000,
			seed: 5
		});
		expect(sim.arrivals).toBeGreaterThan(mean * 0.97);
		expect(sim.arrivals).toBeLessThan(mean * 1.03);
		expect(Math.abs(sim.meanWait - expected) / expected).toBeLessThan(0.03);
		// About 20 people at 5 minutes a head: the windows are done near 100 minutes, before 11:30.
		expect(sim.queueAtClose).toBeLessThan(0.2);
		expect(sim.waitAtClose).toBeLessThan(1);
	});

	it('shows a wait that grows through an overloaded session instead of ∞', () => {
		// 40 an hour at 2 windows of 10 minutes (load 3.3): the queue grows all session long.
		const run = {
			minutes: 150,
			parts: [{ minutes: 150, arrivals: 100 }],
			openingQueue: 10,
			handleMinutes: 10,
			patienceMinutes: Infinity,
			targetWaitMinutes: 15,
			seed: 3
		};
		const two = simulateSession({ ...run, servers: 2 });
		const five = simulateSession({ ...run, servers: 5 });
		expect(Number.isFinite(two.waitAtClose)).toBe(true);
		expect(two.waitAtClose).toBeGreaterThan(two.meanWait);
		expect(two.queueAtClose).toBeGreaterThan(40);
		expect(two.extendedMinutes).toBeGreaterThan(200);
		expect(five.waitAtClose).toBeLessThan(two.waitAtClose);
		expect(five.meanWait).toBeLessThan(two.meanWait);
	});

	it('is repeatable for a seed and differs across seeds', () => {
		const run = { ...steady(30, 10, 30, 150), openingQueue: 8, servers: 3 };
		expect(simulateSession({ ...run, seed: 9 })).toEqual(simulateSession({ ...run, seed: 9 }));
		expect(simulateSession({ ...run, seed: 9 }).meanWait).not.toBe(
			simulateSession({ ...run, seed: 10 }).meanWait
		);
	});

	it('keeps a lognormal handling time at the mean it was given', () => {
		const run = { ...steady(6, 10, Infinity, 100_000), servers: 1, replications: 1 };
		const exp = simulateSession({ ...run, seed: 2 });
		const logn = simulateSession({ ...run, seed: 2, service: { kind: 'lognormal', cv: 0.5 } });
		// M/G/1 (Pollaczek–Khinchine): Wq = ρ·h·(1 + cv²) / (2(1 − ρ)); ρ = 1, h = 10… here ρ = 1.
		// So compare at ρ = 0.5 instead: 6 an hour, 5 minutes each.
		const half = { ...run, handleMinutes: 5 };
		const pk = (cv: number) => (0.5 * 5 * (1 + cv * cv)) / (2 * 0.5);
		const e = simulateSession({ ...half, seed: 4 });
		const l = simulateSession({ ...half, seed: 4, service: { kind: 'lognormal', cv: 0.5 } });
		expect(Math.abs(e.meanWait - pk(1)) / pk(1)).toBeLessThan(0.06);
		expect(Math.abs(l.meanWait - pk(0.5)) / pk(0.5)).toBeLessThan(0.06);
		expect(logn.meanWait).toBeLessThan(exp.meanWait);
	});

	it('has nobody served and no finite wait with no window', () => {
		const sim = simulateSession({ ...steady(20, 10, 30, 150), servers: 0 });
		expect(sim.meanWait).toBe(Infinity);
		expect(sim.serviceLevel).toBe(0);
		expect(simulateSession({ ...steady(0, 10, 30, 150), servers: 0 }).meanWait).toBe(0);
	});
});

describe('the session model', () => {
	const morning: SessionWorkload = {
		minutes: 150,
		parts: [
			{ minutes: 60, arrivals: 14 },
			{ minutes: 60, arrivals: 20 },
			{ minutes: 30, arrivals: 7 }
		],
		openingQueue: 12,
		handleMinutes: 22,
		patienceMinutes: 60,
		targetWaitMinutes: 15,
		service: { kind: 'lognormal', cv: 0.8 },
		seed: seedFor('不动产登记 09:00')
	};

	it('uses the simulation for a short session with a queue at opening', () => {
		expect(steadyStateHolds(morning, 4)).toBe(false);
		expect(predictSession(morning, 4).method).toBe('simulation');
	});

	it('uses Erlang A for a long steady session without a crowd, and the simulation at ρ ≥ 0.9', () => {
		const long = { ...steady(12, 10, 30, 3000), service: undefined };
		expect(predictSession(long, 4).method).toBe('erlang-a');
		expect(predictSession(long, 2).method).toBe('simulation');
		// Both agree where both hold.
		const a = predictSession(long, 4);
		const s = simulateSession({ ...long, servers: 4, seed: 1, replications: 40 });
		expect(Math.abs(a.serviceLevel - s.serviceLevel)).toBeLessThan(0.02);
		expect(Math.abs(a.meanWait - s.meanWait)).toBeLessThan(0.3);
	});

	it('staffs the fewest windows that meet the target, and says when a limit cannot', () => {
		const staffing = staffSession(morning, 0.8, 20);
		expect(staffing.reached).toBe(true);
		expect(staffing.predict(staffing.needed).serviceLevel).toBeGreaterThanOrEqual(0.8);
		expect(staffing.predict(staffing.needed - 1).serviceLevel).toBeLessThan(0.8);
		const capped = staffSession(morning, 0.8, 2);
		expect(capped.reached).toBe(false);
		expect(capped.needed).toBe(2);
		expect(staffSession({ ...morning, openingQueue: 0, parts: [] }, 0.8, 5).needed).toBe(0);
	});
});
