import { describe, expect, it } from 'vitest';
import { adviceMessageKeys } from '$lib/domain/advice';
import { ruleMessageKeys } from '$lib/domain/rules';
import {
	clientTooOld,
	plainMessageKeys,
	rejectionCode,
	RESERVED_NAME_MESSAGE,
	type MessageKey
} from '$lib/schemas';
import { revealFailure } from '$lib/session/reveal';
import { message } from './message';
import en from '../../../messages/en.json';
import zh from '../../../messages/zh.json';

const placeholders = (s: string) =>
	[...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
const zhText = zh as Record<string, string>;
const enText = en as Record<string, string>;

describe('message files', () => {
	it('have the same keys in Chinese and English', () => {
		expect(Object.keys(enText).sort()).toEqual(Object.keys(zhText).sort());
	});

	it('use the same placeholders in both languages', () => {
		for (const key of Object.keys(zhText)) {
			if (key.startsWith('$')) continue;
			expect(placeholders(enText[key]), key).toEqual(placeholders(zhText[key]));
		}
	});

	it('word every key the domain can produce', () => {
		const keys = [
			...ruleMessageKeys,
			...adviceMessageKeys,
			...rejectionCode.options.map((c) => `error_${c.toLowerCase()}`)
		];
		expect(keys.length).toBeGreaterThan(30);
		for (const key of keys) {
			expect(zhText[key], key).toBeTruthy();
			expect(enText[key], key).toBeTruthy();
		}
	});

	it('word every key the server and the sync can answer', () => {
		const keys = [
			clientTooOld.shape.messageKey.value,
			RESERVED_NAME_MESSAGE,
			...Object.values(plainMessageKeys),
			...Object.values(revealFailure),
			// Rejections the server makes itself, before or around a mutator (server/sync/push.ts).
			'error_unknown_mutation',
			'error_forbidden',
			'error_mutation_failed'
		] satisfies MessageKey[];
		for (const key of keys) {
			expect(zhText[key], key).toBeTruthy();
			expect(enText[key], key).toBeTruthy();
		}
	});

	it('refuse at compile time a key worded in neither language (npm run check)', () => {
		// @ts-expect-error: no such key in messages/*.json; svelte-check fails if this compiles
		const missing: MessageKey = 'no_such_message_key';
		// @ts-expect-error: message() checks a literal key the same way
		const text = message('no_such_message_key');
		// At run time a key only data carries (an older server's) is shown as it is.
		expect(text).toBe(missing);
		expect(message('sync_client_too_old')).toBe(zhText.sync_client_too_old);
	});
});
