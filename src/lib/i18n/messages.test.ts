import { describe, expect, it } from 'vitest';
import { adviceMessageKeys } from '$lib/domain/advice';
import { ruleMessageKeys } from '$lib/domain/rules';
import { rejectionCode } from '$lib/schemas';
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
});
