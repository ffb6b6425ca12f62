import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rollup, type HallDatabase } from '$lib/local';
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

	it('reads the year again only when a day before the date changes, not when the day does', async () => {
		const centre = centreId();
		// Counts every read of day roll-ups that reaches back before the date: the forecast's year.
		let yearReads = 0;
		const touched = [SATURDAY];
		db.use({
			stack: 'dbcore',
			name: 'count-year-reads',
			create: (down) => ({
				...down,
				table: (name) => {
					const table = down.table(name);
					if (name !== 'dailyVolume') return table;
					return {
						...table,
						query: (req) => {
							const lower = req.query.range.lower as unknown;
							if (Array.isArray(lower) && String(lower[1]) < SATURDAY) yearReads += 1;
							return table.query(req);
						}
					};
				}
			})
		});
		// Dexie builds its middleware stack when it opens.
		db.close();
		await db.open();
		try {
			const state = new AdviceState(db, centre, SATURDAY);
			const view = track(() => state.data.current);
			await vi.waitFor(() => expect(view.value.loaded).toBe(true));
			const history = view.value.history;
			const earlier = await db.dailyVolume
				.where('[centreId+date]')
				.between([centre, ''], [centre, SATURDAY])
				.last();
			expect(earlier).toBeDefined();
			touched.push(earlier!.date);
			const read = yearReads;
			expect(read).toBeGreaterThan(0);

			// Counts for the day itself arrive (another tablet's, through a pull): the day part
			// reads its roll-up again, the year is not read, and the forecast's index is kept.
			await db.dailyVolume.put({ ...earlier!, key: `${centre}|${SATURDAY}`, date: SATURDAY });
			await vi.waitFor(() => expect(view.value.actual?.date).toBe(SATURDAY));
			expect(yearReads).toBe(read);
			expect(view.value.history).toBe(history);

			// A past booking's outcome corrected, its day unchanged: the year is read again.
			const booking = await db.appointment
				.where('[centreId+date]')
				.between([centre, earlier!.date], [centre, earlier!.date], true, true)
				.first();
			expect(booking).toBeDefined();
			await db.appointment.put({ ...booking!, notes: `${booking!.notes ?? ''} ` });
			await vi.waitFor(() => expect(yearReads).toBeGreaterThan(read));
			await db.appointment.put(booking!);
			const corrected = yearReads;
			await vi.waitFor(() => expect(yearReads).toBeGreaterThan(corrected));

			// A day before it changes (counts corrected last week): the year is read again.
			await db.dailyVolume.delete(earlier!.key);
			await vi.waitFor(() => expect(view.value.lastCounts).not.toBe(earlier!.date));
			expect(view.value.history).not.toBe(history);
			view.stop();
		} finally {
			db.unuse({ stack: 'dbcore', name: 'count-year-reads' });
			db.close();
			await db.open();
			// The roll-ups as the rows make them, for the tests after this one.
			await rollup.rollupDates(db, centre, touched);
		}
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
