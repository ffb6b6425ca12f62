/**
 * Every message key the code names, found by reading src/ itself: `m.key()`, `m['key']`, the
 * prefix of `m[`prefix_${…}`]`, and keys handed as strings to a translator (notify, message,
 * reject, `messageKey:` of a rejection, `satisfies MessageKey`). Each must be worded in both
 * messages/zh.json and messages/en.json, or the screen shows the raw key.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../../messages/en.json';
import zh from '../../../messages/zh.json';

const SRC = join(import.meta.dirname, '..', '..');
const zhText = zh as Record<string, string>;
const enText = en as Record<string, string>;

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return name === 'paraglide' ? [] : sourceFiles(path);
		return /\.(ts|svelte)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
	});
}

const KEY = String.raw`([a-zA-Z][\w-]*)`;
/** Keys passed as strings to something that translates them. */
const stringKeys = [
	new RegExp(String.raw`\bnotify\(\s*'\w+',\s*'${KEY}'`, 'g'),
	new RegExp(String.raw`\bmessage\(\s*'${KEY}'`, 'g'),
	new RegExp(String.raw`\breject\(\s*'[A-Z_]+',\s*'${KEY}'`, 'g'),
	new RegExp(String.raw`\bmessageKey:\s*'${KEY}'`, 'g'),
	new RegExp(String.raw`'${KEY}'\s+(?:satisfies|as)\s+(?:MessageKey|RuleMessageKey)\b`, 'g')
];

interface Use {
	key: string;
	file: string;
	prefix: boolean;
}

function usesIn(file: string): Use[] {
	const text = readFileSync(file, 'utf8');
	const name = relative(SRC, file);
	const out: Use[] = [];
	const add = (key: string, prefix = false) => out.push({ key, file: name, prefix });
	if (text.includes('$lib/paraglide/messages')) {
		for (const [, key] of text.matchAll(new RegExp(String.raw`\bm\.${KEY}\b`, 'g'))) add(key);
		for (const [, key] of text.matchAll(new RegExp(String.raw`\bm\[\s*['"]${KEY}['"]\s*\]`, 'g')))
			add(key);
		for (const [, prefix] of text.matchAll(/\bm\[\s*`([\w-]+)\$\{/g)) add(prefix, true);
	}
	for (const pattern of stringKeys) for (const [, key] of text.matchAll(pattern)) add(key);
	return out;
}

describe('message keys used in code', () => {
	const uses = sourceFiles(SRC).flatMap(usesIn);

	it('finds the keys the code uses', () => {
		// A scan that found almost nothing would pass for the wrong reason.
		expect(new Set(uses.map((u) => u.key)).size).toBeGreaterThan(500);
		expect(uses.some((u) => u.prefix)).toBe(true);
		expect(uses.some((u) => u.file.startsWith('lib/server'))).toBe(true);
	});

	it('are worded in both Chinese and English', () => {
		const missing = uses
			.filter((u) =>
				u.prefix
					? ![zhText, enText].every((t) => Object.keys(t).some((k) => k.startsWith(u.key)))
					: !zhText[u.key] || !enText[u.key]
			)
			.map((u) => `${u.file}: ${u.key}${u.prefix ? '…' : ''}`);
		expect([...new Set(missing)]).toEqual([]);
	});
});
