import { describe, expect, it } from 'vitest';
import { Random } from './random';

const draw = (r: Random, n: number) => Array.from({ length: n }, () => r.next());

describe('Random', () => {
	it('repeats for the same seed and differs for another', () => {
		expect(draw(new Random(7), 5)).toEqual(draw(new Random(7), 5));
		expect(draw(new Random(7), 5)).not.toEqual(draw(new Random(8), 5));
	});

	it('forks streams that depend on the label, not on draws made before', () => {
		const a = new Random(1);
		const b = new Random(1);
		draw(b, 10);
		expect(draw(a.fork('volume'), 3)).toEqual(draw(b.fork('volume'), 3));
		expect(draw(a.fork('volume'), 3)).not.toEqual(draw(a.fork('plans'), 3));
	});

	it('keeps draws in range', () => {
		const r = new Random(3);
		for (let i = 0; i < 1000; i++) {
			const x = r.int(2, 4);
			expect(x >= 2 && x <= 4 && Number.isInteger(x)).toBe(true);
			expect(r.count(3)).toBeGreaterThanOrEqual(0);
		}
	});
});
