import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HallDatabase } from '$lib/local';
import { AdviceState } from './advice.svelte';
import { centreId, demoData, demoDatabase } from './testing/demo';
import { track } from './testing/runes.svelte';

/** The Saturday after the demo's today: booked ahead, not yet served. */
const SATURDAY = '2026-06-13';

let db: HallDatabase;
let dispose: () => Promise<void>;
beforeAll(async () => {
	({ db, dispose } = await demoDatabase());
}, 120_000);
afterAll(() => dispose());

describe('AdviceState', () => {
	it('forecasts a coming Saturday as its bookings plus walk-ins, the bookings shown apart', async () => {
		const state = new AdviceState(db, centreId(), SATURDAY);
		const view = track(() => state.advice);
		await vi.waitFor(() => expect(view.value).toBeDefined());
		const advice = view.value!;
		const held = demoData().records.filter((r) => {
			const a = r.data as { date?: string; status?: string };
			return r.entity === 'appointment' && a.date === SATURDAY && a.status === 'booked';
		}).length;
		expect(held).toBeGreaterThan(0);
		expect(advice.booked?.held).toBe(held);
		// The demo's past bookings settle the show rate; most people came.
		expect(advice.booked!.showBasis).toBeGreaterThan(100);
		expect(advice.booked!.showRate).toBeGreaterThan(0.5);
		expect(advice.booked!.showRate).toBeLessThan(1);
		const booked = advice.sessions.reduce((n, s) => n + s.booked, 0);
		expect(booked).toBeCloseTo(held * advice.booked!.showRate, 6);
		// The whole forecast is the walk-ins and the bookings, cell by cell.
		const sum = (rows: { arrivals: number }[]) => rows.reduce((n, r) => n + r.arrivals, 0);
		expect(sum(advice.forecast.rows)).toBeCloseTo(sum(advice.walkIns) + booked, 6);
		view.stop();
	});

	it('gives no advice for a day far past the counts the device holds, and says how far', async () => {
		const state = new AdviceState(db, centreId(), '2027-06-12');
		const view = track(() => state.advice);
		await vi.waitFor(() => expect(view.value).toBeDefined());
		expect(view.value!.beyond?.lastData).toBe(lastCounted());
		expect(view.value!.beyond!.days).toBeGreaterThan(62);
		expect(view.value!.sessions).toEqual([]);
		view.stop();
	});
});

/** The last date of the demo's counts. */
function lastCounted(): string {
	return demoData()
		.records.filter((r) => r.entity === 'volume')
		.map((r) => (r.data as { date: string }).date)
		.sort()
		.at(-1)!;
}
