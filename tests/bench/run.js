#!/usr/bin/env node
/**
 * `npm run bench`: runs every tests/bench/*.bench.{ts,js} one after another (each in its own
 * process, each with a time limit), prints one JSON line per figure and writes them all to
 * bench-results.json. The built server the sync, load and web benches use is rebuilt into
 * build-bench/ when it is missing or older than the sources.
 *
 * BENCH_ONLY=server,browser runs only those files.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const here = 'tests/bench';
const order = [
	'server',
	'browser',
	'review-query',
	'sync',
	'load',
	'web',
	'first-login',
	'forecast-backtest',
	'advice',
	'advice-backtest'
];
const needsBuild = new Set(['sync', 'load', 'web', 'first-login']);
/** @type {Record<string, number>} */
const limitSeconds = {
	load: 600,
	browser: 360,
	server: 300,
	sync: 240,
	web: 540,
	'first-login': 300
};

const only = process.env.BENCH_ONLY?.split(',');
const benches = readdirSync(here)
	.filter((f) => /\.bench\.(ts|js)$/.test(f))
	.map((f) => ({ file: join(here, f), name: f.replace(/\.bench\.(ts|js)$/, '') }))
	.filter((b) => !only || only.includes(b.name))
	.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));

/** @param {string} name */
function rank(name) {
	const i = order.indexOf(name);
	return i === -1 ? order.length : i;
}

/**
 * @param {string} dir
 * @returns {number}
 */
function newest(dir) {
	let t = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) {
			if (entry.name !== 'paraglide') t = Math.max(t, newest(path));
		} else t = Math.max(t, statSync(path).mtimeMs);
	}
	return t;
}

function ensureBuild() {
	const marker = 'build-bench/handler.js';
	// The build's own configuration counts too: a change of what is precached lives there.
	const sources = Math.max(
		newest('src'),
		newest('messages'),
		...['vite.config.ts', 'svelte.config.js'].map((f) => statSync(f).mtimeMs)
	);
	if (existsSync(marker) && statSync(marker).mtimeMs > sources) return;
	console.error('bench: building the app into build-bench/ …');
	// The bench build writes its own kit output, but the compiler still reads tsconfig.json, which
	// extends .svelte-kit/tsconfig.json: on a fresh clone that file exists only after a sync.
	for (const step of [
		['run', 'i18n'],
		['exec', 'svelte-kit', 'sync']
	]) {
		const s = spawnSync('npm', step, { stdio: ['ignore', 'ignore', 'inherit'] });
		if (s.status !== 0) throw new Error(`bench: npm ${step.join(' ')} failed`);
	}
	const r = spawnSync('npm', ['run', 'build'], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, BUILD_DIR: 'build-bench', KIT_OUT: '.svelte-kit-bench' }
	});
	if (r.status !== 0) throw new Error('bench: the build failed');
}

/**
 * @param {{ file: string, name: string }} bench
 * @returns {Promise<{ figures: object[], ok: boolean, code: number | null, signal: string | null, seconds: number }>}
 */
function run(bench) {
	return new Promise((resolve) => {
		const started = Date.now();
		/** @type {object[]} */
		const figures = [];
		const child = spawn('node_modules/.bin/tsx', [bench.file], {
			stdio: ['ignore', 'pipe', 'inherit'],
			detached: true
		});
		const limit = (limitSeconds[bench.name] ?? 180) * 1000;
		const timer = setTimeout(() => {
			console.error(`bench: ${bench.name} ran over ${limit / 1000} s, stopped`);
			try {
				process.kill(-(child.pid ?? 0), 'SIGKILL');
			} catch {
				child.kill('SIGKILL');
			}
		}, limit);
		let buffered = '';
		child.stdout.on('data', (chunk) => {
			buffered += chunk;
			const lines = buffered.split('\n');
			buffered = lines.pop() ?? '';
			for (const line of lines) take(line);
		});
		/** @param {string} line */
		function take(line) {
			if (!line.trim().startsWith('{')) return void (line.trim() && console.error(line));
			try {
				const figure = JSON.parse(line);
				if (typeof figure.name !== 'string') return;
				figures.push(figure);
				console.log(JSON.stringify(figure));
			} catch {
				console.error(line);
			}
		}
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (buffered) take(buffered);
			resolve({
				figures,
				ok: code === 0,
				code,
				signal,
				seconds: (Date.now() - started) / 1000
			});
		});
	});
}

/**
 * The sync bench's PouchDB baseline is a package of its own (tests/bench/pouchdb), so that its
 * native modules are not installed with the app; it is installed here when missing or stale.
 */
function ensurePouchDB() {
	const dir = join(here, 'pouchdb');
	const marker = join(dir, 'node_modules', '.package-lock.json');
	if (
		existsSync(marker) &&
		statSync(marker).mtimeMs >= statSync(join(dir, 'package-lock.json')).mtimeMs
	)
		return;
	console.error('bench: installing the PouchDB baseline into tests/bench/pouchdb …');
	const r = spawnSync('npm', ['ci', '--prefix', dir, '--no-audit', '--no-fund'], {
		stdio: ['ignore', 'ignore', 'inherit']
	});
	if (r.status !== 0) throw new Error('bench: npm ci in tests/bench/pouchdb failed');
}

const started = Date.now();
if (benches.some((b) => needsBuild.has(b.name))) ensureBuild();
if (benches.some((b) => b.name === 'sync')) ensurePouchDB();
/** @type {object[]} */
const results = [];
/** @type {{ bench: string, ok: boolean, seconds: number, exit?: number | null, signal?: string | null }[]} */
const runs = [];
for (const bench of benches) {
	console.error(`bench: ${bench.name}`);
	const r = await run(bench);
	results.push(...r.figures);
	runs.push({
		bench: bench.name,
		ok: r.ok,
		seconds: Math.round(r.seconds),
		...(r.ok ? {} : { exit: r.code, signal: r.signal })
	});
}
const report = {
	generatedAt: new Date().toISOString(),
	machine: {
		cpus: cpus().length,
		cpuModel: cpus()[0]?.model,
		memoryGiB: Math.round(totalmem() / 2 ** 30),
		node: process.version
	},
	seconds: Math.round((Date.now() - started) / 1000),
	runs,
	results
};
writeFileSync('bench-results.json', JSON.stringify(report, null, '\t') + '\n');
console.error(`bench: ${results.length} figures in ${report.seconds} s → bench-results.json`);
if (runs.some((r) => !r.ok)) {
	console.error(
		`bench: failed: ${runs
			.filter((r) => !r.ok)
			.map((r) => r.bench)
			.join(', ')}`
	);
	process.exitCode = 1;
}
