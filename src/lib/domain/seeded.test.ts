import { describe, expect, it } from 'vitest';
import { Random } from '$lib/demo/random';
import { poisson, seedFor, seededRandom } from './seeded';

describe('seeded randomness', () => {
	it('gives the same stream for the same seed, and another for another seed', () => {
		const a = seededRandom(7);
		const b = seededRandom(7);
		const c = seededRandom(8);
		const first = Array.from({ length: 5 }, a);
		expect(Array.from({ length: 5 }, b)).toEqual(first);
		expect(Array.from({ length: 5 }, c)).not.toEqual(first);
	});

	it('stays strictly inside (0, 1), so a logarithm of it is finite', () => {
		const rnd = seededRandom(seedFor('不动产登记 09:00'));
		for (let i = 0; i < 20_000; i++) {
			const u = rnd();
			expect(u > 0 && u < 1).toBe(true);
		}
	});

	it('draws Poisson counts with the asked mean and variance, small and large', () => {
		for (const mean of [3, 120]) {
			const rnd = seededRandom(mean);
			const draws = Array.from({ length: 20_000 }, () => poisson(mean, rnd));
			const avg = draws.reduce((s, x) => s + x, 0) / draws.length;
			const variance = draws.reduce((s, x) => s + (x - avg) ** 2, 0) / draws.length;
			expect(avg).toBeCloseTo(mean, mean < 10 ? 1 : 0);
			expect(variance / mean).toBeGreaterThan(0.95);
			expect(variance / mean).toBeLessThan(1.05);
		}
		expect(poisson(0, seededRandom(1))).toBe(0);
	});

	it("drives the demo's generator: the same seed, the same invented hall", () => {
		const one = new Random(42).fork('volume');
		const two = new Random(42).fork('volume');
		expect([one.int(1, 100), one.next(), one.count(30)]).toEqual([
			two.int(1, 100),
			two.next(),
			two.count(30)
		]);
		expect(new Random(42).fork('volume').next()).not.toBe(new Random(42).fork('staff').next());
	});
});
