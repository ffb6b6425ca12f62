import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HallDatabase, outbox, type Actor } from '$lib/local';
import { retryDelay } from './backoff';
import { SyncEngine, type SyncStatus } from './engine';

const actor: Actor = { centreId: 'c1', userId: 'u1', role: 'duty', deviceId: 'dev-1' };
const volume = {
	date: '2026-06-06',
	hour: 9,
	category: '不动产登记',
	channel: 'window',
	delta: { accepted: 1 }
};

/** Lets IndexedDB work that a fired timer started run to its next fetch. */
async function settle() {
	for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
}

let db: HallDatabase;
let n = 0;
beforeEach(async () => {
	db = new HallDatabase(`engine-${++n}`);
	await db.open();
});
afterEach(async () => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
	db.close();
	await db.delete();
});

describe('sync engine under a 429', () => {
	it('keeps the outbox, shows the throttled state and waits the Retry-After before trying again', async () => {
		await outbox.mutate(db, actor, 'volume.add', volume, '2026-06-06T09:00:00+08:00');
		// Only the engine's retry timer is faked: IndexedDB (fake-indexeddb) runs on setImmediate.
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		const calls: string[] = [];
		vi.stubGlobal(
			'fetch',
			vi.fn(async (url: string) => {
				calls.push(url);
				return new Response(JSON.stringify({ error: '同步请求过于频繁' }), {
					status: 429,
					headers: { 'retry-after': '90' }
				});
			})
		);
		const statuses: SyncStatus[] = [];
		const engine = new SyncEngine(
			db,
			async () => actor,
			(s) => statuses.push(s)
		);
		await engine.syncNow();
		expect(statuses.at(-1)?.state).toBe('throttled');
		expect(await db.outbox.count()).toBe(1);
		expect(calls).toEqual(['/api/sync/push']);
		// The first backoff alone would retry within a second; the server asked for 90.
		await vi.advanceTimersByTimeAsync(89_000);
		await settle();
		expect(calls).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(2_000);
		await vi.waitFor(() => expect(calls).toHaveLength(2));
		expect(await db.outbox.count()).toBe(1);
		engine.stop();
	});
});

describe('retryDelay', () => {
	it('never goes below what the server asked for', () => {
		expect(retryDelay(0, () => 0, 90)).toBe(90_000);
		expect(retryDelay(10, () => 1, 5)).toBe(60_000);
		expect(retryDelay(0, () => 0, undefined)).toBe(500);
	});
});
