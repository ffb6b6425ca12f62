import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArgsOf, registry } from '$lib/model';
import type { SessionUser } from '$lib/schemas';
import { AppState } from './app.svelte';
import { emptyDatabase } from './testing/demo';
import { track } from './testing/runes.svelte';

const duty: SessionUser = {
	id: 'user-duty',
	username: 'duty',
	name: '值班员',
	role: 'duty',
	centreId: 'c1'
};
const viewer: SessionUser = { ...duty, id: 'user-viewer', username: 'viewer', role: 'viewer' };
const centre = { id: 'c1', name: '测试中心', slug: 'c1' };
const volume: ArgsOf<typeof registry.volume.add> = {
	date: '2026-06-06',
	hour: 9,
	category: '不动产登记',
	channel: 'window',
	delta: { accepted: 1 }
};

let app: AppState;
let dispose: () => Promise<void>;
beforeEach(async () => {
	const made = await emptyDatabase();
	dispose = made.dispose;
	app = new AppState(made.db);
});
afterEach(() => dispose());

describe('AppState', () => {
	it('records nothing for nobody: a write before sign-in is refused', async () => {
		expect(await app.mutate.volume.add(volume)).toBe(false);
		expect(await app.db.outbox.count()).toBe(0);
	});

	it('queues a signed-in user’s write and counts it as pending in the frame', async () => {
		await app.signedIn(duty, centre);
		expect(app.user).toEqual(duty);
		const pending = track(() => app.pendingCount.current);
		await vi.waitFor(() => expect(pending.value).toBe(0));
		expect(await app.mutate.volume.add(volume)).toBe(true);
		expect(await app.mutate.volume.add({ ...volume, delta: { accepted: 2 } })).toBe(true);
		await vi.waitFor(() => expect(pending.value).toBe(2));
		const queued = await app.db.outbox.toArray();
		expect(queued.map((q) => [q.name, q.userId, q.centreId])).toEqual([
			['volume.add', duty.id, 'c1'],
			['volume.add', duty.id, 'c1']
		]);
		pending.stop();
	});

	it('claims nothing about sync until the outbox is counted, then the truth after a reload', async () => {
		await app.signedIn(duty, centre);
		expect(await app.mutate.volume.add(volume)).toBe(true);
		await app.db.meta.put({ key: 'lastSyncedAt', value: '2026-06-06T01:30:00.000Z' });
		// A reload: a new frame over the same database, the sync engine not yet started.
		const reloaded = new AppState(app.db);
		const seen: ({ pending: number; lastSyncedAt: string | undefined } | undefined)[] = [];
		const claim = track(() => {
			const c = reloaded.syncClaim;
			seen.push(c && { ...c });
			return c;
		});
		// Before the database answered there is no claim at all, neither 已全部同步 nor 尚未同步.
		expect(seen[0]).toBeUndefined();
		await vi.waitFor(() =>
			expect(claim.value).toEqual({ pending: 1, lastSyncedAt: '2026-06-06T01:30:00.000Z' })
		);
		// Never a moment that said all was sent while one change waited.
		expect(seen.filter((c) => c && c.pending === 0)).toEqual([]);
		claim.stop();
	});

	it('tells the user why a write was refused on the device and queues nothing', async () => {
		await app.signedIn(viewer, centre);
		expect(await app.mutate.volume.add(volume)).toBe(false);
		expect(app.notices.map((n) => [n.kind, n.key])).toEqual([['error', 'error_forbidden']]);
		await app.signedIn(duty, centre);
		expect(await app.mutate.volume.add({ ...volume, hour: 99 })).toBe(false);
		expect(app.notices.at(-1)?.kind).toBe('error');
		expect(await app.db.outbox.count()).toBe(0);
	});

	it('gives a new user a fresh device id, but not while the previous user’s work still waits', async () => {
		await app.signedIn(duty, centre);
		const first = app.deviceId;
		expect(first).not.toBe('');
		expect(await app.mutate.volume.add(volume)).toBe(true);
		await app.signedIn(viewer, centre);
		expect(app.deviceId).toBe(first);
		await app.db.outbox.clear();
		await app.signedIn(viewer, centre);
		expect(app.deviceId).not.toBe(first);
	});

	it('shows at most four notices and lets one be dismissed', () => {
		const keys = [
			'nav_today',
			'nav_roster',
			'nav_appointments',
			'nav_volume',
			'nav_review',
			'nav_settings'
		] as const;
		for (const key of keys) app.notify('info', key);
		expect(app.notices.map((n) => n.key)).toEqual(keys.slice(2));
		app.dismiss(app.notices[0].id);
		expect(app.notices.map((n) => n.key)).toEqual(keys.slice(3));
	});

	it('opens offline for nobody who has not set a PIN on this tablet', async () => {
		expect(await app.unlockOffline(duty.id, '482916')).toEqual({ ok: false, reason: 'wrong' });
		expect(app.user).toBeUndefined();
	});

	it('keeps a PIN set while signed in, and opens offline with it later on a fresh start', async () => {
		await app.signedIn(duty, centre);
		await app.setPin('482916');
		const later = new AppState(app.db);
		expect(await later.unlockOffline(duty.id, '000000')).toMatchObject({ ok: false });
		expect(later.user).toBeUndefined();
		expect(await later.unlockOffline(duty.id, '482916')).toMatchObject({ ok: true });
		expect(later.user).toEqual(duty);
		expect(later.centre).toEqual(centre);
	});
});
