/**
 * The operator's documentation cannot drift from the code: every variable the server reads is
 * in .env.example and in the README's table, with the same default, and the example's values
 * are the defaults the server applies.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configVariables, readConfig } from '../config';

const root = resolve(import.meta.dirname, '../../../..');
const example = readFileSync(resolve(root, '.env.example'), 'utf8');
const readme = readFileSync(resolve(root, 'README.md'), 'utf8');

/** Variables of adapter-node, read by the built server before our code runs. */
const adapterVariables = [
	'PORT',
	'HOST',
	'SOCKET_PATH',
	'ORIGIN',
	'PROTOCOL_HEADER',
	'HOST_HEADER',
	'PORT_HEADER',
	'ADDRESS_HEADER',
	'XFF_DEPTH',
	'BODY_SIZE_LIMIT',
	'SHUTDOWN_TIMEOUT',
	'IDLE_TIMEOUT',
	'KEEP_ALIVE_TIMEOUT',
	'HEADERS_TIMEOUT'
];

/** NAME → value for `NAME=value`, or null for a commented-out `# NAME=example`. */
function exampleEntries(): Map<string, string | null> {
	const entries = new Map<string, string | null>();
	for (const line of example.split('\n')) {
		const set = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
		if (set) entries.set(set[1], set[2]);
		const commented = /^# ([A-Z][A-Z0-9_]*)=\S/.exec(line);
		if (commented && !entries.has(commented[1])) entries.set(commented[1], null);
	}
	return entries;
}

/** NAME → default cell of the README's configuration table (backticks removed). */
function readmeDefaults(): Map<string, string> {
	const section = readme.slice(readme.indexOf('## Configuration'));
	const table = section.slice(0, section.indexOf('\n## '));
	const defaults = new Map<string, string>();
	for (const row of table.split('\n').filter((l) => l.startsWith('| `'))) {
		const [names, value] = row.split('|').slice(1, 3);
		for (const name of names.matchAll(/`([A-Z0-9_]+)`/g)) {
			defaults.set(name[1], value.trim().replaceAll('`', ''));
		}
	}
	return defaults;
}

describe('configuration documentation', () => {
	const entries = exampleEntries();
	const defaults = readmeDefaults();

	it('lists every variable the server or adapter-node reads in .env.example', () => {
		expect(configVariables.length).toBeGreaterThanOrEqual(14);
		const missing = [...configVariables, ...adapterVariables].filter((v) => !entries.has(v));
		expect(missing).toEqual([]);
	});

	it("lists every variable in the README's table", () => {
		const missing = [...configVariables, ...adapterVariables].filter((v) => !defaults.has(v));
		expect(missing).toEqual([]);
		const unknown = [...defaults.keys()].filter(
			(v) => !configVariables.includes(v) && !adapterVariables.includes(v)
		);
		expect(unknown).toEqual([]);
	});

	it('gives the same default in both places for the application variables', () => {
		for (const name of configVariables) {
			const value = entries.get(name);
			expect({ name, readme: defaults.get(name) }).toEqual({ name, readme: value ?? 'unset' });
		}
	});

	it("shows the server's own defaults in .env.example", () => {
		const set = Object.fromEntries(
			configVariables.flatMap((name) => {
				const value = entries.get(name);
				return value == null ? [] : [[name, value]];
			})
		);
		expect(Object.keys(set).length).toBeGreaterThan(8);
		expect(readConfig(set)).toEqual(readConfig({}));
	});
});
