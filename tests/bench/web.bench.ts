/**
 * web: what a tablet downloads and how Lighthouse 12.2.3 (through `npx -y`, not a dependency)
 * rates the built app in Debian's chromium.
 * - first page: the gzip size of every script a cold load of / fetches before it has sent the
 *   visitor on to /login (Playwright, every script response, gzipped here at level 9);
 * - precache: the files the service worker's precache manifest lists, gzipped the same way, and
 *   what is left out of it and cached on first use instead: the spreadsheet and charts chunks,
 *   and the rarely used screens' own scripts and styles;
 * - Lighthouse on /login (a fresh profile) and on the board (/ as manager, once the first sync's
 *   history has ended, of a day the demo has planned: with its people, windows and advice). The board needs the user in the tablet's IndexedDB, not only a session
 *   cookie, so a Playwright run logs in through the form in a profile directory first; Lighthouse
 *   then opens that profile with its storage kept and the cookie also sent as a header.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { buildDir, emit, historyEnded, log, login, plannedDay, startServer } from './lib';

const flags = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];
const executablePath = '/usr/bin/chromium';
const gzipKiB = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length / 1024;

async function firstPage(origin: string) {
	const browser = await chromium.launch({ executablePath, args: flags });
	const page = await browser.newPage();
	const scripts = new Map<string, Buffer>();
	page.on('response', async (res) => {
		const type = res.headers()['content-type'] ?? '';
		if (res.request().resourceType() === 'script' || type.includes('javascript')) {
			try {
				scripts.set(res.url(), await res.body());
			} catch {
				// a redirect has no body
			}
		}
	});
	await page.goto(`${origin}/`);
	await page.waitForURL(/\/login$/);
	await page.waitForLoadState('networkidle');
	await browser.close();
	const raw = [...scripts.values()].reduce((n, b) => n + b.length, 0);
	const gzip = [...scripts.values()].reduce((n, b) => n + gzipKiB(b), 0);
	log(`first page: ${scripts.size} scripts, ${raw} bytes, ${gzip.toFixed(1)} KiB gzip`);
	emit({
		name: 'web-first-page-js-gzip',
		value: gzip,
		unit: 'KiB',
		ratio: null,
		against: null,
		page: '/ → /login',
		scripts: scripts.size,
		rawKiB: raw / 1024
	});
}

/** Sums the files of the service worker's precache manifest (client/sw.js of the build). */
function precache() {
	const sw = readFileSync(join(buildDir, 'client', 'sw.js'), 'utf8');
	const urls = [...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]);
	let gzip = 0;
	for (const url of urls) {
		// Assets are listed by file name, prerendered pages by route ('/', 'roster/day').
		const page = url === '/' ? 'index' : url;
		const file = [
			join(buildDir, 'client', url),
			join(buildDir, 'prerendered', `${page}.html`)
		].find((f) => existsSync(f) && statSync(f).isFile());
		if (!file) throw new Error(`precache lists ${url}, which the build does not have`);
		gzip += gzipKiB(readFileSync(file));
	}
	// The chunks left out of the precache and cached on first use instead (vite.config.ts).
	const chunks = join(buildDir, 'client', '_app', 'immutable', 'chunks');
	const lazy = (name: string) => {
		const files = readdirSync(chunks).filter((f) => new RegExp(`^${name}-[^.]+\\.js$`).test(f));
		return {
			kiB: files.reduce((n, f) => n + gzipKiB(readFileSync(join(chunks, f))), 0),
			precached: files.some((f) => urls.some((u) => u.endsWith(f)))
		};
	};
	const spreadsheet = lazy('spreadsheet');
	const charts = lazy('charts');
	// Every other script and style the precache leaves out: the rarely used screens' own files
	// (vite.config.ts, lazyScreens), cached when a screen is first opened.
	const immutable = join(buildDir, 'client', '_app', 'immutable');
	const screens = ['nodes', 'chunks', 'assets'].flatMap((dir) =>
		readdirSync(join(immutable, dir))
			.filter((f) => /\.(js|css)$/.test(f) && !/^(spreadsheet|charts)-/.test(f))
			.filter((f) => !urls.some((u) => u.endsWith(`/${dir}/${f}`)))
			.map((f) => join(immutable, dir, f))
	);
	const screensKiB = screens.reduce((n, f) => n + gzipKiB(readFileSync(f)), 0);
	log(`precache: ${urls.length} files, ${gzip.toFixed(1)} KiB gzip`);
	emit({
		name: 'web-precache-gzip',
		value: gzip,
		unit: 'KiB',
		ratio: null,
		against: null,
		entries: urls.length,
		runtimeCachedScreens: screens.length,
		runtimeCachedScreensKiB: screensKiB,
		runtimeCachedSpreadsheetKiB: spreadsheet.kiB,
		precachesSpreadsheet: spreadsheet.precached,
		runtimeCachedChartsKiB: charts.kiB,
		precachesCharts: charts.precached
	});
}

/** Logs in as the manager through the form in a profile directory Lighthouse then reuses. */
async function managerProfile(origin: string, profile: string) {
	const context = await chromium.launchPersistentContext(profile, {
		executablePath,
		args: flags,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai'
	});
	const page = context.pages()[0] ?? (await context.newPage());
	await page.goto(`${origin}/login`);
	await page.getByLabel(/用户名|User name/).fill('manager');
	await page.getByLabel(/密码|Password/).fill('demo-pass-2026');
	await page.getByRole('button', { name: /^(登录|Log in)$/ }).click();
	await page.waitForURL(/\/$/, { timeout: 120_000 });
	await page
		.getByTestId('sync-state')
		.filter({ hasText: /在线|Online/ })
		.waitFor({ timeout: 120_000 });
	await page.getByRole('heading', { name: /今日值班|Today on duty/ }).waitFor();
	// A tablet in daily use: the first sync's background history has ended, so Lighthouse times
	// the board, not the last pages of a new tablet's history (first-login times those).
	await historyEnded(page);
	await context.close();
}

type Audits = Record<
	string,
	{ numericValue?: number; details?: { items?: Record<string, unknown>[] } } | undefined
>;

/**
 * What the score rests on, which a loaded machine changes far less than the score: the element
 * timed as the largest paint, the main thread's work by kind and by script, and the long tasks
 * (all in the trace's own milliseconds, not the simulated ones).
 */
function causes(audits: Audits) {
	const items = (id: string) => audits[id]?.details?.items ?? [];
	const ms = (n: unknown) => Math.round(Number(n) || 0);
	const lcp = items('largest-contentful-paint-element')
		.flatMap((i) => (i as { items?: { node?: { snippet?: string } }[] }).items ?? [])
		.map((i) => i.node?.snippet)
		.find(Boolean);
	const path = (url: unknown) =>
		typeof url === 'string' ? url.replace(/^https?:\/\/[^/]+/, '') : url;
	return {
		largestContentfulPaintElement: lcp,
		mainThreadMs: ms(audits['mainthread-work-breakdown']?.numericValue),
		mainThreadByKind: Object.fromEntries(
			items('mainthread-work-breakdown').map((i) => [i.groupLabel ?? i.group, ms(i.duration)])
		),
		scriptsMs: items('bootup-time')
			.slice(0, 5)
			.map((i) => ({ url: path(i.url), total: ms(i.total), scripting: ms(i.scripting) })),
		longTasks: items('long-tasks').length,
		longTasksMs: ms(items('long-tasks').reduce((n, i) => n + Number(i.duration ?? 0), 0)),
		longestTasksMs: items('long-tasks')
			.slice(0, 5)
			.map((i) => ({ url: path(i.url), ms: ms(i.duration) }))
	};
}

function lighthouse(url: string, label: string, extra: string[], chromeFlags: string[]) {
	const out = mkdtempSync(join(tmpdir(), 'lh-'));
	const report = join(out, 'report.json');
	const lh = spawnSync(
		'npx',
		[
			'-y',
			'lighthouse@12.2.3',
			url,
			'--only-categories=performance,accessibility,best-practices',
			'--output=json',
			`--output-path=${report}`,
			'--quiet',
			...extra,
			`--chrome-flags=--headless=new ${[...flags, ...chromeFlags].join(' ')}`
		],
		{
			env: { ...process.env, CHROME_PATH: executablePath },
			encoding: 'utf8',
			timeout: 240_000
		}
	);
	try {
		const result = JSON.parse(readFileSync(report, 'utf8')) as {
			finalDisplayedUrl: string;
			runtimeError?: { code: string; message: string };
			categories: Record<string, { score: number | null; auditRefs: { id: string }[] }>;
			audits: Record<
				string,
				{
					score: number | null;
					numericValue?: number;
					details?: { items?: Record<string, unknown> & { node?: { selector?: string } }[] };
				}
			>;
		};
		for (const key of ['performance', 'accessibility', 'best-practices'] as const) {
			const category = result.categories[key];
			const failing = (category?.auditRefs ?? [])
				.map((a) => ({ id: a.id, audit: result.audits[a.id] }))
				.filter(({ audit }) => audit && audit.score !== null && audit.score < 0.9)
				// The elements an accessibility audit names, so a failure can be found again.
				.map(({ id, audit }) => {
					const nodes = (audit.details?.items ?? []).flatMap((i) => i.node?.selector ?? []);
					return nodes.length ? `${id}: ${nodes.slice(0, 3).join(' | ')}` : id;
				});
			emit({
				name: `web-lighthouse-${label}${key}`,
				value: Math.round((category?.score ?? 0) * 100),
				unit: 'score',
				ratio: null,
				against: null,
				page: new URL(result.finalDisplayedUrl).pathname,
				failing,
				// Why Lighthouse gave no score, when it gave none (the page never painted, say).
				...(result.runtimeError && { runtimeError: result.runtimeError }),
				...(key === 'performance' && {
					firstContentfulPaintMs: result.audits['first-contentful-paint']?.numericValue,
					largestContentfulPaintMs: result.audits['largest-contentful-paint']?.numericValue,
					totalBlockingTimeMs: result.audits['total-blocking-time']?.numericValue,
					cumulativeLayoutShift: result.audits['cumulative-layout-shift']?.numericValue,
					...causes(result.audits)
				})
			});
		}
	} catch (e) {
		log('lighthouse could not run here:', String(e), lh.stderr?.slice(-2000));
		process.exitCode = 1;
	} finally {
		rmSync(out, { recursive: true, force: true });
	}
}

const server = await startServer({ DEMO: '1' });
const profile = mkdtempSync(join(tmpdir(), 'lh-profile-'));
try {
	await firstPage(server.origin);
	precache();
	lighthouse(`${server.origin}/login`, '', [], []);
	await managerProfile(server.origin, profile);
	const cookie = await login(server.origin, 'manager');
	lighthouse(
		`${server.origin}/?date=${plannedDay()}`,
		'board-',
		['--disable-storage-reset', `--extra-headers=${JSON.stringify({ Cookie: cookie })}`],
		[`--user-data-dir=${profile}`]
	);
} finally {
	rmSync(profile, { recursive: true, force: true });
	await server.stop();
}
