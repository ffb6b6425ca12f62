import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { isReservedName, keyName, MAX_DEPTH, plainIssue, storableText } from './plain';

const nest = (levels: number): unknown => {
	let v: unknown = 'leaf';
	for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { k: v };
	return v;
};

describe('plain-JSON guard', () => {
	it('passes ordinary values, Chinese text and paired surrogates', () => {
		expect(
			plainIssue({ a: [1, 2.5, -0, null, true, '办事群众 😀𠮷'], b: { c: '' } })
		).toBeUndefined();
		expect(plainIssue(nest(MAX_DEPTH))).toBeUndefined();
		expect(plainIssue(undefined)).toBeUndefined();
	});

	it('refuses NUL and unpaired surrogates in values and in keys, with the path', () => {
		expect(plainIssue({ a: ['x', 'b\u0000'] })).toEqual({ problem: 'text', path: 'a.1' });
		expect(plainIssue({ a: '\uD800' })).toEqual({ problem: 'text', path: 'a' });
		expect(plainIssue({ a: 'x\uDC00y' })).toEqual({ problem: 'text', path: 'a' });
		expect(plainIssue({ a: 'end\uD83D' })).toEqual({ problem: 'text', path: 'a' });
		expect(plainIssue({ ['\uDFFF']: 1 })).toMatchObject({ problem: 'text' });
		// JSON text escapes reach the guard as the characters they stand for.
		expect(plainIssue(JSON.parse('{"note":"\\ud800"}'))).toEqual({ problem: 'text', path: 'note' });
	});

	it('refuses nesting past the limit without overflowing its own stack', () => {
		expect(plainIssue(nest(MAX_DEPTH + 1))).toMatchObject({ problem: 'depth' });
		const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
		expect(plainIssue(deep)).toMatchObject({ problem: 'depth' });
		expect(plainIssue(nest(1000))).toMatchObject({ problem: 'depth' });
	});

	it('refuses numbers that are not finite, including JSON overflow', () => {
		expect(plainIssue({ n: NaN })).toEqual({ problem: 'number', path: 'n' });
		expect(plainIssue([Infinity])).toEqual({ problem: 'number', path: '0' });
		expect(plainIssue(JSON.parse('{"x":-1e400}'))).toEqual({ problem: 'number', path: 'x' });
		expect(plainIssue({ n: Number.MAX_VALUE })).toBeUndefined();
	});

	it('refuses values JSON cannot carry', () => {
		expect(plainIssue({ d: new Date(0) })).toMatchObject({ problem: 'type' });
		expect(plainIssue({ f: () => 1 })).toMatchObject({ problem: 'type' });
		expect(plainIssue({ b: 1n })).toMatchObject({ problem: 'type' });
		expect(plainIssue(Object.create(null))).toBeUndefined();
	});

	it('agrees with a direct check on any string', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (s) => {
				const lone = [...s].some((ch) => {
					const c = ch.codePointAt(0)!;
					return c >= 0xd800 && c <= 0xdfff;
				});
				expect(storableText(s)).toBe(!lone && !s.includes('\u0000'));
			}),
			{ numRuns: 2000 }
		);
	});
});

describe('keyName', () => {
	it('refuses the names an object inherits or treats as its prototype', () => {
		const name = keyName(30);
		for (const bad of ['__proto__', 'constructor', 'prototype']) {
			expect(isReservedName(bad)).toBe(true);
			expect(name.safeParse(bad).success).toBe(false);
		}
		expect(name.parse('不动产登记')).toBe('不动产登记');
		expect(name.safeParse('hasOwnProperty').success).toBe(true);
		// As a record key too: Zod alone would drop a `__proto__` key silently.
		const reasons = z.record(keyName(60), z.number());
		expect(reasons.safeParse({ constructor: 3 }).success).toBe(false);
		expect(reasons.safeParse({ prototype: 3 }).success).toBe(false);
		// Zod skips a `__proto__` key without a word; the guard catches it before Zod runs.
		const parsed = JSON.parse('{"a":{"__proto__":3}}');
		expect(reasons.safeParse(parsed.a)).toMatchObject({ success: true, data: {} });
		expect(plainIssue(parsed)).toEqual({ problem: 'name', path: 'a.__proto__' });
	});
});
