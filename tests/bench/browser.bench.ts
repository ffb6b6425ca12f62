/**
 * local-write, pull-apply and review-query in headless Chromium: bundles browser/harness.ts with
 * esbuild, serves it on 127.0.0.1 and reads the figures the page measures.
 */
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { chromium } from '@playwright/test';
import { emit, log } from './lib';

const WRITES = Number(process.env.BENCH_LOCAL_WRITES ?? 300);
/** The demo year holds ~40,000 rows; seven copies make a pull of ~280,000. */
const COPIES = Number(process.env.BENCH_PULL_COPIES ?? 7);

const bundle = await build({
	entryPoints: ['tests/bench/browser/harness.ts'],
	bundle: true,
	format: 'esm',
	platform: 'browser',
	target: 'chrome120',
	write: false,
	minify: true,
	logLevel: 'error'
});
const js = bundle.outputFiles[0].text;
const html =
	'<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head>' +
	'<body><script type="module" src="/harness.js"></script></body></html>';

const server = createServer((req, res) => {
	if (req.url === '/harness.js') {
		res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
	} else res.writeHead(200, { 'content-type': 'text/html' }).end(html);
});
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const { port } = server.address() as { port: number };

const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--no-first-run',
		'--disable-quic'
	]
});
try {
	const page = await browser.newPage();
	page.on('pageerror', (e) => log('page error', e.message));
	await page.goto(`http://127.0.0.1:${port}/`);
	await page.waitForFunction(() => document.title === 'bench ready');
	type Bench = {
		localWrite(n: number): Promise<Record<string, number>>;
		pullApply(copies: number): Promise<Record<string, number> & { centreId: string }>;
		reviewQuery(centreId: string): Promise<{
			rollupMs: number;
			scanMs: number;
			rollup: { total: Record<string, number>; days: number };
			scan: { total: Record<string, number>; rows: number };
		}>;
		adviceReads(): Promise<{
			dayMs: number;
			bothMs: number;
			pastDays: number;
			pastBookings: number;
			dayBookings: number;
			staff: number;
		}>;
		cleanup(): Promise<void>;
	};
	log(`local-write: ${WRITES} volume.add`);
	const w = await page.evaluate(
		(n) => (window as never as { bench: Bench }).bench.localWrite(n),
		WRITES
	);
	const appRate = (w.n * 1000) / w.appMs;
	const bulkRate = (w.rows * 1000) / w.bulkMs;
	const putRate = (w.rows * 1000) / w.putMs;
	if (w.rows !== WRITES || w.outbox !== WRITES)
		throw new Error(`local-write: ${JSON.stringify(w)}`);
	// A durable tap needs a transaction of its own, so the fair floor is one raw put per
	// transaction; the bulkPut of all the rows at once stays beside it as the absolute floor.
	emit({
		name: 'local-write',
		value: appRate,
		unit: 'mutations/s',
		ratio: appRate / putRate,
		against: `raw Dexie put of the same ${w.rows} rows, one transaction each: ${putRate.toFixed(0)} rows/s`,
		ratioAgainstBulkPut: appRate / bulkRate,
		bulkPutRowsPerSecond: bulkRate,
		msPerMutation: w.appMs / w.n
	});

	log(`pull-apply: the demo year × ${COPIES}`);
	const p = await page.evaluate(
		(c) => (window as never as { bench: Bench }).bench.pullApply(c),
		COPIES
	);
	const applyRate = (p.rows * 1000) / p.appMs;
	const rawRate = (p.rows * 1000) / p.rawMs;
	if (p.applied !== p.rows) throw new Error(`pull-apply: ${JSON.stringify(p)}`);
	// Both sides must hold the same sealed personal values, or the ratio compares unlike work.
	if (p.appSealed === 0 || p.appSealed !== p.rawSealed)
		throw new Error(`pull-apply: sealed appointments differ: ${JSON.stringify(p)}`);
	const rawWithSealingRate = (p.rows * 1000) / (p.rawMs + p.sealMs);
	emit({
		name: 'pull-apply',
		value: applyRate,
		unit: 'rows/s',
		ratio: applyRate / rawRate,
		against: `raw Dexie bulkPut of the same ${p.rows} rows in the same ${p.pages} pages, personal fields already sealed before its clock: ${rawRate.toFixed(0)} rows/s`,
		// The app seals inside its clock; this is the same ratio against raw that seals first.
		ratioAgainstRawWithSealing: applyRate / rawWithSealingRate,
		rawWithSealingRowsPerSecond: rawWithSealingRate,
		sealedRows: p.sealed,
		sealSeconds: p.sealMs / 1000,
		rows: p.rows,
		pages: p.pages,
		seconds: p.appMs / 1000,
		dailyRollups: p.dailies
	});

	// review-query.bench.ts (fake-indexeddb, the demo year) is the figure of record when present;
	// this one is the same question in Chromium over the pull-apply database (seven years' rows).
	const own = !readdirSync('tests/bench').some((f) => /^review-query\.bench\./.test(f));
	{
		log('review-query: 12 months');
		const r = await page.evaluate(
			(id) => (window as never as { bench: Bench }).bench.reviewQuery(id),
			p.centreId
		);
		if (r.rollup.total.accepted !== r.scan.total.accepted) {
			throw new Error(`review-query disagrees: ${JSON.stringify(r)}`);
		}
		emit({
			name: own ? 'review-query' : 'review-query-chromium',
			value: r.rollupMs,
			unit: 'ms',
			ratio: r.rollupMs / r.scanMs,
			against: `plain Dexie scan of the ${r.scan.rows} hourly rows: ${r.scanMs.toFixed(0)} ms`,
			rollupDays: r.rollup.days,
			accepted: r.rollup.total.accepted
		});
	}
	log('advice-reread: the demo year, a change on the day of the board');
	const a = await page.evaluate(() => (window as never as { bench: Bench }).bench.adviceReads());
	if (a.pastDays < 300 || a.pastBookings === 0 || a.staff === 0) {
		throw new Error(`advice-reread: the demo year did not arrive: ${JSON.stringify(a)}`);
	}
	emit({
		name: 'advice-reread',
		value: a.dayMs,
		unit: 'ms',
		ratio: a.dayMs / a.bothMs,
		against: `the whole read of the advice, the year before the day with it, as one live query read it on every change: ${a.bothMs.toFixed(1)} ms`,
		pastDays: a.pastDays,
		pastBookings: a.pastBookings,
		dayBookings: a.dayBookings
	});

	await page.evaluate(() => (window as never as { bench: Bench }).bench.cleanup());
} finally {
	await browser.close();
	server.close();
}
