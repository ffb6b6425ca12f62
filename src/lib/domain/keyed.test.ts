import { describe, expect, it } from 'vitest';
import { addTo, keyed, own, put, slot } from './keyed';

describe('keyed maps', () => {
	it('keep __proto__, constructor and prototype as ordinary keys', () => {
		const counts = keyed<number>();
		for (const k of ['__proto__', 'constructor', 'prototype', 'toString']) {
			expect(own(counts, k)).toBeUndefined();
			addTo(counts, k, 2);
			addTo(counts, k, 3);
		}
		expect(Object.entries(counts)).toEqual([
			['__proto__', 5],
			['constructor', 5],
			['prototype', 5],
			['toString', 5]
		]);
		expect(JSON.parse(JSON.stringify(counts))).toEqual(counts);
	});

	it('do not read inherited members of a plain object, as IndexedDB hands back', () => {
		const stored: Record<string, number[]> = structuredClone(keyed<number[]>());
		expect(own(stored, 'constructor')).toBeUndefined();
		slot(stored, 'constructor', () => []).push(1);
		slot(stored, '__proto__', () => []).push(2);
		expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
		expect(own(stored, 'constructor')).toEqual([1]);
		expect(own(stored, '__proto__')).toEqual([2]);
		expect(Object.keys(stored)).toEqual(['constructor', '__proto__']);
		// Nothing leaked onto the shared prototype.
		expect(({} as Record<string, unknown>).constructor).toBe(Object);
		expect(put({}, 'a', 1)).toBe(1);
		expect(own(undefined, 'a')).toBeUndefined();
	});
});
