/**
 * The 12-month review: aggregating every chart's volume figures from the stored daily roll-ups
 * against a plain Dexie scan of the hourly rows of the same year, rolled up at read time, in the
 * same run.
 *
 * Runs in Node with fake-indexeddb (an in-memory IndexedDB), not in Chromium: run it with
 *   npx tsx tests/bench/review-query.bench.ts
 * It prints one JSON line: value = ms for the roll-up path (median of RUNS), ratio = scan ms / roll-up ms.
 */
import 'fake-indexeddb/auto';
import { generateDemo } from '../../src/lib/demo';
import { HallDatabase } from '../../src/lib/local/db';
import * as rollup from '../../src/lib/local/rollup';
import { addDays } from '../../src/lib/domain/calendar';
import { arrivalHistory, dayRollup, type DayRollup } from '../../src/lib/domain/volume';
import {
	byCategory,
	byChannel,
	byWindow,
	dailyFigures,
	hourHeat,
	noFilter,
	refusalReasons,
	weekComparison,
	weekly,
	workingVsNonWorking
} from '../../src/lib/domain/review-figures';
import type { VolumeEntry } from '../../src/lib/schemas';

const RUNS = 7;
const today = '2026-11-26';
const demo = generateDemo({ seed: 7, today, months: 12 });
const volume = demo.records.filter((r) => r.entity === 'volume').map((r) => r.data as VolumeEntry);
const centreId = volume[0].centreId;
const from = addDays(today, -365);
const to = addDays(today, -1);

const db = new HallDatabase('bench-review');
await db.open();
await db.volume.bulkPut(volume as never[]);
const dates = [...new Set(volume.map((v) => v.date))];
await db.transaction('rw', [db.volume, db.overlay, db.dailyVolume], () =>
	rollup.rollupDates(db, centreId, dates)
);

/** Every volume figure the review's charts show, from days rolled up. */
function figures(days: readonly DayRollup[]) {
	const ranged = days.filter((d) => d.date >= from);
	const daily = dailyFigures(ranged, from, to, noFilter);
	return [
		daily,
		weekly(daily),
		byCategory(ranged, noFilter),
		byChannel(ranged, noFilter),
		byWindow(ranged, noFilter),
		hourHeat(ranged, noFilter),
		workingVsNonWorking(ranged, from, to, noFilter),
		weekComparison(days, to, noFilter),
		refusalReasons(ranged, noFilter),
		arrivalHistory(days)
	];
}

/** From the stored roll-ups. */
async function viaRollups() {
	return figures(await rollup.between(db, centreId, addDays(from, -120), to));
}

/** The same figures from a plain Dexie scan of the hourly rows, rolled up in memory. */
async function viaScan() {
	const rows = (await db.volume
		.where('[centreId+date]')
		.between([centreId, addDays(from, -120)], [centreId, to], true, true)
		.toArray()) as unknown as VolumeEntry[];
	const byDate = new Map<string, VolumeEntry[]>();
	for (const r of rows) {
		const list = byDate.get(r.date);
		if (list) list.push(r);
		else byDate.set(r.date, [r]);
	}
	const days = [...byDate].map(([date, list]) => dayRollup(date, list));
	return figures(days.sort((a, b) => (a.date < b.date ? -1 : 1)));
}

async function median(work: () => Promise<unknown>) {
	await work(); // warm-up
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t = performance.now();
		await work();
		times.push(performance.now() - t);
	}
	return times.sort((a, b) => a - b)[RUNS >> 1];
}

// Both answer the same question: the year's accepted total must agree.
const [a] = (await viaRollups()) as unknown as [{ accepted: number }[]];
const [b] = (await viaScan()) as unknown as [{ accepted: number }[]];
const total = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
if (total(a.map((d) => d.accepted)) !== total(b.map((d) => d.accepted))) {
	throw new Error('roll-ups and scan disagree');
}

const scan = await median(viaScan);
const rolled = await median(viaRollups);
const rows = await db.dailyVolume.count();
console.log(
	JSON.stringify({
		name: 'review-query',
		value: Math.round(rolled * 100) / 100,
		unit: 'ms',
		ratio: Math.round((scan / rolled) * 100) / 100,
		against: 'plain Dexie scan',
		detail: {
			hourlyRows: volume.length,
			rollupRows: rows,
			scanMs: Math.round(scan * 100) / 100,
			env: 'node+fake-indexeddb'
		}
	})
);
db.close();
