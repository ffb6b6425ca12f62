/**
 * Seeded randomness for the hall's simulations, the demo data and the tests that build synthetic
 * halls: the same seed gives the same figures on every machine. Never for secrets.
 */

/** mulberry32: a 32-bit state stepped to the next 32-bit output, as an unsigned integer. */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return (t ^ (t >>> 14)) >>> 0;
	};
}

/** Floats strictly inside (0, 1), so −ln(u) and ln(u) stay finite. */
export function seededRandom(seed: number): () => number {
	const next = mulberry32(seed);
	return () => (next() + 0.5) / 4294967296;
}

/** A stable 32-bit seed from a label (FNV-1a), so the same session always gets the same figures. */
export function seedFor(label: string, start = 2166136261): number {
	let h = start;
	for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 16777619);
	return h >>> 0;
}

/** A Poisson count: Knuth's product of uniforms for small means, a rounded normal for large ones. */
export function poisson(mean: number, rnd: () => number): number {
	if (mean <= 0) return 0;
	if (mean > 50) {
		const z = Math.sqrt(-2 * Math.log(rnd())) * Math.cos(2 * Math.PI * rnd());
		return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
	}
	const limit = Math.exp(-mean);
	let k = 0;
	let p = rnd();
	while (p > limit) {
		k++;
		p *= rnd();
	}
	return k;
}
