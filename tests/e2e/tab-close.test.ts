/**
 * A tab closed in the middle of a burst of local writes: after reopening, the outbox and the data
 * agree — every queued mutation's effect is in the overlay, every overlay row is owed to a queued
 * mutation, and each counter equals the confirmed value plus the queued deltas.
 */
import { expect, test } from './fixtures';
import { login } from './helpers';

const TAPS = 300;

interface Snapshot {
	outbox: { mutationId: number; name: string; args: Record<string, unknown> }[];
	overlay: {
		entity: string;
		id: string;
		mutationIds: number[];
		data: { counters: Record<string, number> } | null;
	}[];
	confirmed: Record<string, { counters: Record<string, number> }>;
	lastQueuedId: number | undefined;
}

/** Reads the app's IndexedDB with the raw API: no app code decides what we see. */
async function snapshot(page: import('@playwright/test').Page): Promise<Snapshot> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((ok, fail) => {
			const r = indexedDB.open('budayang');
			r.onsuccess = () => ok(r.result);
			r.onerror = () => fail(r.error);
		});
		const all = <T>(store: string) =>
			new Promise<T[]>((ok, fail) => {
				const r = db.transaction(store).objectStore(store).getAll();
				r.onsuccess = () => ok(r.result as T[]);
				r.onerror = () => fail(r.error);
			});
		const outbox = await all<Snapshot['outbox'][number]>('outbox');
		const overlay = await all<Snapshot['overlay'][number]>('overlay');
		const meta = await all<{ key: string; value: unknown }>('meta');
		const volume = await all<{ id: string; counters: Record<string, number> }>('volume');
		const ids = new Set(overlay.map((o) => o.id));
		db.close();
		return {
			outbox,
			overlay,
			confirmed: Object.fromEntries(volume.filter((v) => ids.has(v.id)).map((v) => [v.id, v])),
			lastQueuedId: meta.find((m) => m.key === 'lastQueuedId')?.value as number | undefined
		};
	});
}

test('a tab closed mid-burst leaves the outbox and the overlay in agreement', async ({
	context
}) => {
	const page = await context.newPage();
	await login(page, 'duty');
	// From here no sync runs, so the outbox keeps everything that committed.
	await context.route('**/api/sync/**', (route) => route.abort());
	await page.goto('/volume');
	const plusOne = page.getByRole('button', { name: '+1 受理' });
	await expect(plusOne).toBeVisible();
	const before = await snapshot(page);
	expect(before.outbox).toHaveLength(0);

	// A burst of taps, and the tab is gone while they are still being written.
	// Each tap finds the button on screen, as a finger does: the page may have drawn it anew.
	await page.evaluate((taps: number) => {
		let left = taps;
		const timer = setInterval(() => {
			const button = [...document.querySelectorAll('button')].find(
				(b) => b.textContent?.replace(/\s+/g, ' ').trim() === '+1 受理'
			);
			button?.click();
			if (--left === 0) clearInterval(timer);
		}, 15);
	}, TAPS);
	await expect
		.poll(async () => (await snapshot(page)).outbox.length, { intervals: [20] })
		.toBeGreaterThan(10);
	await page.close({ runBeforeUnload: false });

	const reopened = await context.newPage();
	await reopened.goto('/volume');
	await expect(reopened.getByRole('button', { name: '+1 受理' })).toBeVisible();
	const after = await snapshot(reopened);

	const queued = after.outbox.map((e) => e.mutationId).sort((a, b) => a - b);
	// Some taps were written and some were lost with the tab: it closed mid-burst.
	expect(queued.length).toBeGreaterThan(10);
	expect(queued.length).toBeLessThan(TAPS);
	// Ids are consecutive from 1 and the counter of queued ids committed with them.
	expect(queued).toEqual(queued.map((_, i) => i + 1));
	expect(after.lastQueuedId ?? 0).toBe(queued.length);
	// Every queued mutation shows in the overlay; every overlay row is owed to a queued mutation.
	const owed = new Set(after.overlay.flatMap((o) => o.mutationIds));
	expect([...owed].sort((a, b) => a - b)).toEqual(queued);
	// Each counter is what the server confirmed plus the queued taps on that row.
	for (const row of after.overlay.filter((o) => o.entity === 'volume')) {
		const taps = after.outbox.filter((e) => row.mutationIds.includes(e.mutationId));
		const delta = taps.reduce(
			(n, e) => n + Number((e.args.delta as Record<string, number>).accepted ?? 0),
			0
		);
		const confirmed = after.confirmed[row.id]?.counters.accepted ?? 0;
		expect(row.data?.counters.accepted).toBe(confirmed + delta);
	}
	// And the screen shows the same count the data holds.
	if (queued.length > 0) {
		await expect(reopened.getByTestId('sync-waiting')).toHaveText(`${queued.length} 项待同步`);
	}
	test.info().annotations.push({
		type: 'taps committed before the tab closed',
		description: `${queued.length} of ${TAPS}`
	});
});
