import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { outbox, repo, type HallDatabase } from '$lib/local';
import { ReviewState } from './review.svelte';
import { actorFor, centreId, demoDatabase, NOW, TODAY } from './testing/demo';
import { track } from './testing/runes.svelte';

const FROM = '2026-05-01';

let db: HallDatabase;
let dispose: () => Promise<void>;
beforeAll(async () => {
	({ db, dispose } = await demoDatabase());
}, 120_000);
afterAll(() => dispose());

describe('ReviewState', () => {
	it("holds the whole range with today's part, and a tally of today reads only today again", async () => {
		// Check-ins are read by the part before today only: its reads are counted by theirs.
		let pastReads = 0;
		db.use({
			stack: 'dbcore',
			name: 'count-past-reads',
			create: (down) => ({
				...down,
				table: (name) => {
					const table = down.table(name);
					if (name !== 'attendance') return table;
					return { ...table, query: (req) => (pastReads++, table.query(req)) };
				}
			})
		});
		// Dexie builds its middleware stack when it opens.
		db.close();
		await db.open();
		try {
			const review = new ReviewState(db, centreId(), FROM, TODAY, TODAY);
			const view = track(() => review.data.current);
			await vi.waitFor(() => expect(view.value.loaded).toBe(true));
			const bookings = await repo.between(db, 'appointment', centreId(), FROM, TODAY);
			expect(view.value.appointments).toHaveLength(bookings.rows.length);
			expect(view.value.appointments.some((a) => a.date === TODAY)).toBe(true);
			const dates = view.value.days.map((d) => d.date);
			expect(dates).toEqual([...dates].sort());
			expect(new Set(dates).size).toBe(dates.length);
			const taxAtWindows = () =>
				view.value.days.find((d) => d.date === TODAY)?.cells['税务']?.window?.accepted ?? 0;
			const before = taxAtWindows();
			const read = pastReads;
			expect(read).toBeGreaterThan(0);

			await outbox.mutate(
				db,
				actorFor('duty'),
				'volume.add',
				{
					date: TODAY,
					hour: 10,
					category: '税务',
					channel: 'window',
					delta: { accepted: 3 }
				},
				NOW
			);
			await vi.waitFor(() => expect(taxAtWindows()).toBe(before + 3));
			expect(pastReads).toBe(read);
			view.stop();
		} finally {
			db.unuse({ stack: 'dbcore', name: 'count-past-reads' });
			db.close();
			await db.open();
		}
	});

	it('reads no part of today for a range that ended before it', async () => {
		const review = new ReviewState(db, centreId(), FROM, '2026-05-31', TODAY);
		const view = track(() => review.data.current);
		await vi.waitFor(() => expect(view.value.loaded).toBe(true));
		expect(view.value.days.at(-1)?.date).toBe('2026-05-31');
		expect(view.value.appointments.every((a) => a.date <= '2026-05-31')).toBe(true);
		view.stop();
	});
});
