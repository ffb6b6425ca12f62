/**
 * web: Lighthouse 12.2.3 (through `npx -y`, not a dependency) with Debian's chromium on the built
 * app's /login page, and the gzip size of the JavaScript the first page loads (Playwright, every
 * script response of a cold load of /, gzipped here at level 9).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { emit, log, startServer } from './lib';

const flags = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];

const server = await startServer({});
try {
	const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: flags });
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
	await page.goto(`${server.origin}/`);
	await page.waitForURL(/\/login$/);
	await page.waitForLoadState('networkidle');
	await browser.close();
	const raw = [...scripts.values()].reduce((n, b) => n + b.length, 0);
	const gzip = [...scripts.values()].reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
	log(`first page: ${scripts.size} scripts, ${raw} bytes, ${gzip} gzip`);
	emit({
		name: 'web-first-page-js-gzip',
		value: gzip / 1024,
		unit: 'KiB',
		ratio: null,
		against: null,
		scripts: scripts.size,
		rawKiB: raw / 1024
	});

	const out = mkdtempSync(join(tmpdir(), 'lh-'));
	const report = join(out, 'report.json');
	const lh = spawnSync(
		'npx',
		[
			'-y',
			'lighthouse@12.2.3',
			`${server.origin}/login`,
			'--only-categories=performance,accessibility,best-practices',
			'--output=json',
			`--output-path=${report}`,
			'--quiet',
			`--chrome-flags=--headless=new ${flags.join(' ')}`
		],
		{
			env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' },
			encoding: 'utf8',
			timeout: 180_000
		}
	);
	try {
		const result = JSON.parse(readFileSync(report, 'utf8')) as {
			categories: Record<string, { score: number | null }>;
			audits: Record<string, { numericValue?: number }>;
		};
		for (const [key, name] of [
			['performance', 'web-lighthouse-performance'],
			['accessibility', 'web-lighthouse-accessibility'],
			['best-practices', 'web-lighthouse-best-practices']
		] as const) {
			emit({
				name,
				value: Math.round((result.categories[key]?.score ?? 0) * 100),
				unit: 'score',
				ratio: null,
				against: null,
				page: '/login',
				...(key === 'performance' && {
					firstContentfulPaintMs: result.audits['first-contentful-paint']?.numericValue,
					largestContentfulPaintMs: result.audits['largest-contentful-paint']?.numericValue,
					totalBlockingTimeMs: result.audits['total-blocking-time']?.numericValue
				})
			});
		}
	} catch (e) {
		log('lighthouse could not run here:', String(e), lh.stderr?.slice(-2000));
		process.exitCode = 1;
	} finally {
		rmSync(out, { recursive: true, force: true });
	}
} finally {
	await server.stop();
}
