/**
 * One guard for every value that crosses a boundary as JSON (a request body, a query, the
 * arguments of a mutation), run before its Zod schema. It refuses what the schemas cannot see and
 * what PostgreSQL or the JavaScript runtime would fail on later, after something was half done:
 * - text with NUL or an unpaired UTF-16 surrogate (jsonb and text columns refuse both);
 * - nesting deeper than any record of ours goes (JSON.stringify and PostgreSQL overflow their stack
 *   on very deep values);
 * - numbers that are not finite (`1e400` parses as Infinity; JSON cannot carry it back);
 * - values JSON cannot carry at all;
 * - a `__proto__` key: JSON.parse makes it an own property, but a Zod record skips it without a
 *   word, so what the user entered under that name would vanish.
 * The other names a JavaScript object treats specially (`constructor`, `prototype`) are refused
 * where a name becomes a key: see `keyName`.
 */
import { z } from 'zod';
import type { MessageKey } from './message-key';

/** Deep enough for every entity and mutation with room to spare; a push body adds three levels. */
export const MAX_DEPTH = 32;

export type PlainProblem = 'text' | 'depth' | 'number' | 'type' | 'name';

/** What is wrong, and where (a dotted path; '' is the value itself). */
export interface PlainIssue {
	problem: PlainProblem;
	path: string;
}

/** Message keys (messages/*.json) that tell the user what to fix, by problem. */
export const RESERVED_NAME_MESSAGE = 'input_error_reserved_name' satisfies MessageKey;

export const plainMessageKeys: Record<PlainProblem, MessageKey> = {
	text: 'input_error_text',
	depth: 'input_error_depth',
	number: 'input_error_number',
	type: 'input_error_type',
	name: RESERVED_NAME_MESSAGE
};

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const unpairedSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when PostgreSQL can store the string as text and jsonb. */
export const storableText = (s: string) => !s.includes('\u0000') && !unpairedSurrogate.test(s);

/** Names an object inherits or treats specially; as a key they read or set the prototype. */
const reservedNames: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export const isReservedName = (s: string) => reservedNames.has(s);

/** A string that is used as an object key somewhere (a category, a reason, an id). */
export const keyName = (max: number) =>
	z
		.string()
		.min(1)
		.max(max)
		.refine((s) => !isReservedName(s), { message: RESERVED_NAME_MESSAGE });

/** The first problem found in `value`, or undefined when it is plain, storable JSON. */
export function plainIssue(value: unknown, maxDepth = MAX_DEPTH): PlainIssue | undefined {
	const path: (string | number)[] = [];
	const at = (problem: PlainProblem): PlainIssue => ({ problem, path: path.join('.') });

	// Recursion stops at maxDepth, so the walk itself cannot overflow on a hostile value.
	function walk(v: unknown, depth: number): PlainIssue | undefined {
		switch (typeof v) {
			case 'string':
				return storableText(v) ? undefined : at('text');
			case 'number':
				return Number.isFinite(v) ? undefined : at('number');
			case 'boolean':
			case 'undefined':
				return undefined;
			case 'object':
				break;
			default:
				return at('type');
		}
		if (v === null) return undefined;
		if (depth >= maxDepth) return at('depth');
		if (Array.isArray(v)) {
			for (let i = 0; i < v.length; i++) {
				path.push(i);
				const issue = walk(v[i], depth + 1);
				if (issue) return issue;
				path.pop();
			}
			return undefined;
		}
		const proto = Object.getPrototypeOf(v);
		if (proto !== Object.prototype && proto !== null) return at('type');
		for (const [k, item] of Object.entries(v)) {
			path.push(k);
			if (!storableText(k)) return at('text');
			if (k === '__proto__') return at('name');
			const issue = walk(item, depth + 1);
			if (issue) return issue;
			path.pop();
		}
		return undefined;
	}
	return walk(value, 0);
}
