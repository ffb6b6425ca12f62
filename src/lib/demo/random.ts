/**
 * A small seeded random source for the demo data. mulberry32 is fast, has a 32-bit state that is
 * easy to reproduce, and is good enough for invented volumes and names (it is not for secrets).
 *
 * `fork(label)` derives an independent stream per part of the demo, so adding a draw to the
 * appointments does not shift every volume figure that comes after it.
 */
import { mulberry32, seedFor } from '$lib/domain/seeded';

export class Random {
	readonly #step: () => number;
	readonly #seed: number;

	constructor(seed: number) {
		this.#seed = seed >>> 0;
		this.#step = mulberry32(this.#seed);
	}

	/** A float in [0, 1). */
	next(): number {
		return this.#step() / 4294967296;
	}

	/** An integer in [min, max], both included. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	/** A float in [min, max). */
	between(min: number, max: number): number {
		return min + this.next() * (max - min);
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error('pick from an empty list');
		return items[Math.floor(this.next() * items.length)];
	}

	/** A new array in random order (Fisher–Yates); the input is left alone. */
	shuffle<T>(items: readonly T[]): T[] {
		const out = [...items];
		for (let i = out.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1));
			[out[i], out[j]] = [out[j], out[i]];
		}
		return out;
	}

	/** A standard normal draw (Box–Muller). */
	normal(): number {
		const u = 1 - this.next();
		const v = this.next();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	/** A count around `mean`, with Poisson-like spread (normal approximation), never negative. */
	count(mean: number): number {
		if (mean <= 0) return 0;
		return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
	}

	/** An independent stream for one part of the demo, fixed by the seed and the label. */
	fork(label: string): Random {
		return new Random(seedFor(label, 0x811c9dc5 ^ this.#seed));
	}
}
