import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { scopeKey } from '$lib/domain/disclosure';
import { HallDatabase, history, meta, outbox, repo, type Actor } from '$lib/local';
import { holdTestKey } from '$lib/local/testing/key';
import type { SessionUser } from '$lib/schemas';
import { and, eq } from 'drizzle-orm';
import type { App } from '$lib/server/db';
import { devices } from '$lib/server/db/schema';
import { openTestDb, type TestDb } from '$lib/server/testing/databases';
import { appOf, fakeEvent } from '$lib/server/testing/events';
import {
	bookArgs,
	createTestCentre,
	DATE,
	newDeviceId,
	volumeArgs,
	type TestCentre
} from '$lib/server/testing/fixtures';
import { pull as serverPull } from '$lib/server/sync/pull';
import { POST as pushEndpoint } from '../../routes/api/sync/push/+server';
import { GET as pullEndpoint } from '../../routes/api/sync/pull/+server';
import { GET as firstEndpoint } from '../../routes/api/sync/first/+server';
import { GET as historyEndpoint } from '../../routes/api/sync/history/+server';
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
	await holdTestKey(db);
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

/**
 * The server as a tablet reaches it: `fetch` goes to the real push and pull endpoints over an
 * embedded PGlite. The device id in each request picks the signed-in user, as a session cookie
 * would; a pull without one (a settled tablet's) is answered alike for every user of its scope,
 * so the scope picks one. `network` lets a test cut the line, or let a push through and lose its
 * answer.
 */
class Server {
	readonly sessions = new Map<string, SessionUser>();
	readonly scopes = new Map<string, SessionUser>();
	readonly calls: string[] = [];
	/** The whole address of each call, to see what a pull asked for. */
	readonly urls: URL[] = [];
	network: 'up' | 'down' | 'answer-lost' = 'up';

	constructor(readonly app: App) {}

	fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
		const url = new URL(input, 'http://localhost');
		this.calls.push(url.pathname);
		this.urls.push(url);
		if (this.network === 'down') throw new TypeError('fetch failed');
		const body = typeof init.body === 'string' ? init.body : null;
		const deviceId =
			url.searchParams.get('deviceId') ??
			(JSON.parse(body ?? '{}') as { deviceId?: string }).deviceId;
		const scope = url.searchParams.get('scope');
		const user =
			(deviceId && this.sessions.get(deviceId)) || (scope && this.scopes.get(scope)) || null;
		const { event } = fakeEvent(this.app, {
			method: init.method ?? 'GET',
			url: url.href,
			body,
			headers: init.headers as Record<string, string> | undefined,
			user
		});
		const endpoint =
			{
				'/api/sync/push': pushEndpoint,
				'/api/sync/first': firstEndpoint,
				'/api/sync/history': historyEndpoint
			}[url.pathname] ?? pullEndpoint;
		const res = await endpoint(event);
		if (this.network === 'answer-lost') throw new TypeError('connection reset');
		return res;
	};

	pushes() {
		return this.calls.filter((c) => c === '/api/sync/push').length;
	}
}

/** One tablet: its own IndexedDB, its own device id, signed in as `user`. */
class Tablet {
	readonly db: HallDatabase;
	readonly actor: Actor;
	readonly statuses: SyncStatus[] = [];
	readonly engine: SyncEngine;

	constructor(
		server: Server,
		user: SessionUser,
		role = user.role,
		screensRead?: () => Promise<void>
	) {
		const deviceId = newDeviceId();
		server.sessions.set(deviceId, user);
		server.scopes.set(scopeKey(user), user);
		this.db = new HallDatabase(`tablet-${deviceId}`);
		this.actor = {
			centreId: user.centreId,
			userId: user.id,
			role,
			departmentId: user.departmentId,
			deviceId
		};
		// As a login would: the key that seals the personal data the tablet pulls.
		const keyed = holdTestKey(this.db);
		this.engine = new SyncEngine(
			this.db,
			async () => (await keyed) && this.actor,
			(s) => this.statuses.push(s),
			undefined,
			screensRead
		);
	}

	get state() {
		return this.statuses.at(-1)?.state;
	}

	/** A tap on the screen: applied here at once and queued for the server. */
	tap(name: string, args: unknown) {
		return outbox.mutate(this.db, this.actor, name, args, '2026-06-06T09:00:00+08:00');
	}

	/** 受理 at hour 9 as this tablet shows it, pending taps included. */
	async accepted(hour = 9) {
		const { rows } = await repo.onDate(this.db, 'volume', this.actor.centreId, DATE);
		return rows.filter((r) => r.hour === hour).reduce((n, r) => n + (r.counters.accepted ?? 0), 0);
	}

	async appointment(id: string) {
		return repo.one(this.db, 'appointment', this.actor.centreId, id);
	}

	async close() {
		// stop() waits for a sync under way to let go of the database before it is deleted.
		await this.engine.stop();
		this.db.close();
		await this.db.delete();
	}
}

/** The poke stream as the engine opens it once a sync went through; a test pokes by hand. */
class FakeEventSource extends EventTarget {
	static readonly CLOSED = 2;
	static opened: FakeEventSource[] = [];
	readyState = 1;

	constructor(readonly url: string) {
		super();
		FakeEventSource.opened.push(this);
	}

	close() {
		this.readyState = FakeEventSource.CLOSED;
	}

	poke(version: number) {
		this.dispatchEvent(new MessageEvent('poke', { data: JSON.stringify({ version }) }));
	}
}

/**
 * What start() listens to in a browser. Node has no window or document, so the test gives the
 * engine an event target for each and a navigator whose onLine it can flip.
 */
function browserGlobals() {
	const win = new EventTarget();
	const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
	const nav = { onLine: true };
	vi.stubGlobal('addEventListener', win.addEventListener.bind(win));
	vi.stubGlobal('removeEventListener', win.removeEventListener.bind(win));
	vi.stubGlobal('document', doc);
	vi.stubGlobal('navigator', nav);
	return {
		nav,
		fire: (type: 'online' | 'offline' | 'focus') => win.dispatchEvent(new Event(type))
	};
}

describe('sync engine against the server', () => {
	let t: TestDb;
	let server: Server;
	let centre: TestCentre;
	let next = 0;
	const tablets: Tablet[] = [];
	const tablet = (
		user: SessionUser,
		role?: SessionUser['role'],
		screensRead?: () => Promise<void>
	) => {
		const made = new Tablet(server, user, role, screensRead);
		tablets.push(made);
		return made;
	};

	/** The server's own figure, read with a full pull from the first version. */
	async function serverAccepted(hour = 9) {
		const all = await serverPull(t.db, centre.users.admin, { cursor: 0 }, { pageSize: 100_000 });
		return all.changes
			.filter((c) => c.entity === 'volume' && (c.data as { hour: number }).hour === hour)
			.reduce((n, c) => n + (c.data as { counters: { accepted: number } }).counters.accepted, 0);
	}

	beforeAll(async () => {
		t = await openTestDb('pglite');
	}, 120_000);
	afterAll(() => t?.dispose());

	beforeEach(async () => {
		// A centre per test, so no test sees another's counts or bookings.
		centre = await createTestCentre(t.db, `sync-${++next}`, { slotCount: 2, capacity: 1 });
		server = new Server(appOf(t.db));
		vi.stubGlobal('fetch', server.fetch);
	});
	afterEach(async () => {
		for (const made of tablets.splice(0)) await made.close();
	});

	it('pushes what was queued, pulls it back confirmed and empties the outbox', async () => {
		const a = tablet(centre.users.duty);
		await a.tap('volume.add', volumeArgs(2));
		await a.tap('volume.add', volumeArgs(3));
		expect(await a.accepted()).toBe(5);
		await a.engine.syncNow();
		expect(a.state).toBe('idle');
		expect(await a.db.outbox.count()).toBe(0);
		expect(await serverAccepted()).toBe(5);
		// Now confirmed: the row comes from a pull, not from the overlay.
		const { rows } = await repo.onDate(a.db, 'volume', centre.id, DATE);
		expect(rows.map((r) => [r.counters.accepted, r.pending])).toEqual([[5, false]]);
		// The pull also brought the centre's organisation to the new device.
		expect((await repo.all(a.db, 'department', centre.id)).rows).toHaveLength(1);
		expect(await meta.get(a.db, 'lastSyncedAt')).toBe(a.statuses.at(-1)?.lastSyncedAt);
		expect(a.statuses.map((s) => s.state)).toEqual(['syncing', 'idle']);
	});

	it("writes a history page only once the screen has read: a new tablet's board is not kept behind it", async () => {
		const a = tablet(centre.users.duty);
		await a.tap('volume.add', volumeArgs(2));
		await a.engine.syncNow();
		expect(await a.db.outbox.count()).toBe(0);
		// DATE lies months before today: for a new tablet its rows are history, not the first sync's.
		let reading = true;
		let release = () => {};
		const asked: boolean[] = [];
		const b = tablet(centre.users.manager, undefined, () => {
			asked.push(reading);
			return reading ? new Promise<void>((r) => (release = r)) : Promise.resolve();
		});
		await b.engine.syncNow();
		await vi.waitFor(() => expect(asked).toEqual([true]));
		// The page has come and waits: nothing of it is written yet.
		expect(await history.position(b.db)).toBeDefined();
		expect(await b.accepted()).toBe(0);
		reading = false;
		release();
		await vi.waitFor(async () => expect(await history.position(b.db)).toBeUndefined());
		expect(await b.accepted()).toBe(2);
	});

	it('goes on syncing after the server is restored from a backup older than its last push', async () => {
		const a = tablet(centre.users.duty);
		await a.tap('volume.add', volumeArgs(1));
		await a.engine.syncNow();
		await a.tap('volume.add', volumeArgs(2));
		await a.engine.syncNow();
		expect(await meta.confirmed(a.db)).toBe(2);
		// The backup was taken after the first push: the server has forgotten id 2 (and its row;
		// only the device's record matters here), and the tablet has already dropped it.
		await t.db.orm
			.update(devices)
			.set({ lastMutationId: 1 })
			.where(and(eq(devices.centreId, centre.id), eq(devices.deviceId, a.actor.deviceId)));
		await a.tap('volume.add', volumeArgs(4));
		await a.engine.syncNow();
		expect(a.state).toBe('idle');
		expect(await a.db.outbox.count()).toBe(0);
		expect(await serverAccepted()).toBe(7);
		expect(await meta.confirmed(a.db)).toBe(3);
	});

	it('waits out a dropped network with backoff and then delivers every tap once', async () => {
		const a = tablet(centre.users.duty);
		await a.tap('volume.add', volumeArgs(1));
		await a.tap('volume.add', volumeArgs(4));
		server.network = 'down';
		await a.engine.syncNow();
		expect(a.state).toBe('offline');
		expect(await a.db.outbox.count()).toBe(2);
		expect(await a.accepted()).toBe(5);
		// The line comes back before the backoff timer (0.5 to 1 s) fires; nobody taps anything.
		server.network = 'up';
		await vi.waitFor(async () => expect(await a.db.outbox.count()).toBe(0), {
			timeout: 5_000,
			interval: 50
		});
		await vi.waitFor(() => expect(a.state).toBe('idle'));
		expect(server.pushes()).toBe(2);
		expect(await serverAccepted()).toBe(5);
		expect(await a.accepted()).toBe(5);
	});

	it('counts a push whose answer was lost only once when it is sent again', async () => {
		const a = tablet(centre.users.duty);
		await a.tap('volume.add', volumeArgs(3));
		server.network = 'answer-lost';
		await a.engine.syncNow();
		expect(a.state).toBe('offline');
		// The server applied it, but the tablet never heard: it keeps the entry.
		expect(await serverAccepted()).toBe(3);
		expect(await a.db.outbox.count()).toBe(1);
		server.network = 'up';
		await vi.waitFor(async () => expect(await a.db.outbox.count()).toBe(0), {
			timeout: 5_000,
			interval: 50
		});
		expect(await serverAccepted()).toBe(3);
		expect(await a.accepted()).toBe(3);
	});

	it('takes a server refusal off the outbox and keeps it, with what was entered, as a rejection', async () => {
		// The tablet still believes its user is a manager; the server knows the role was changed.
		const a = tablet(centre.users.duty, 'manager');
		await a.engine.syncNow();
		const department = {
			id: `${centre.id}-new-dept`,
			v: 1 as const,
			name: '医保服务中心',
			kind: 'stationed' as const,
			operations: false,
			takesAppointments: false,
			sortOrder: 2
		};
		await a.tap('department.upsert', department);
		await a.tap('volume.add', volumeArgs(1));
		expect((await repo.all(a.db, 'department', centre.id)).rows).toHaveLength(2);
		await a.engine.syncNow();
		// A refusal is an answer, not a failure: the sync went through and the rest was applied.
		expect(a.state).toBe('idle');
		expect(await a.db.outbox.count()).toBe(0);
		expect(await serverAccepted()).toBe(1);
		const rejected = await outbox.unsettled(a.db);
		expect(rejected).toHaveLength(1);
		expect(rejected[0]).toMatchObject({
			mutationId: 1,
			name: 'department.upsert',
			code: 'FORBIDDEN',
			args: department
		});
		// The optimistic department is gone from the screens.
		const departments = (await repo.all(a.db, 'department', centre.id)).rows;
		expect(departments.map((d) => d.id)).toEqual([`${centre.id}-dept`]);
	});

	it('goes offline with the network and syncs by itself when it comes back', async () => {
		const browser = browserGlobals();
		browser.nav.onLine = false;
		const a = tablet(centre.users.duty);
		a.engine.start();
		await vi.waitFor(() => expect(a.state).toBe('offline'));
		await a.tap('volume.add', volumeArgs(6));
		a.engine.request();
		await a.engine.syncNow();
		expect(server.calls).toEqual([]);
		expect(a.state).toBe('offline');
		browser.nav.onLine = true;
		browser.fire('online');
		await vi.waitFor(async () => expect(await a.db.outbox.count()).toBe(0));
		await vi.waitFor(() => expect(a.state).toBe('idle'));
		expect(await serverAccepted()).toBe(6);
		// The browser says the line dropped: the indicator follows at once.
		browser.nav.onLine = false;
		browser.fire('offline');
		expect(a.state).toBe('offline');
	});

	it('does nothing while stopped and picks up what was queued meanwhile on the next start', async () => {
		const browser = browserGlobals();
		const a = tablet(centre.users.duty);
		a.engine.start();
		// The first sync runs as the tab takes the lead; stopping in the middle of it is not this test.
		await vi.waitFor(() => expect(a.engine.status.lastSyncedAt).toBeDefined());
		expect(a.engine.status.leader).toBe(true);
		await a.tap('volume.add', volumeArgs(2));
		// A failed sync leaves a retry timer; stop() must take it away too.
		server.network = 'down';
		await a.engine.syncNow();
		expect(a.state).toBe('offline');
		a.engine.stop();
		server.network = 'up';
		const before = server.calls.length;
		browser.fire('online');
		browser.fire('focus');
		await new Promise((r) => setTimeout(r, 1_500));
		expect(server.calls.length).toBe(before);
		expect(await a.db.outbox.count()).toBe(1);
		await a.tap('volume.add', volumeArgs(5));
		a.engine.start();
		await vi.waitFor(async () => expect(await a.db.outbox.count()).toBe(0));
		expect(await serverAccepted()).toBe(7);
		// Started again, it listens again.
		await a.tap('volume.add', volumeArgs(1));
		browser.fire('online');
		await vi.waitFor(async () => expect(await serverAccepted()).toBe(8));
	});

	it('stops a sync under way before its next request and resolves once it has let go', async () => {
		browserGlobals();
		const a = tablet(centre.users.duty);
		await a.tap('volume.add', volumeArgs(2));
		const running = a.engine.syncNow();
		await a.engine.stop();
		let settled = false;
		void running.then(() => (settled = true));
		await settle();
		expect(settled).toBe(true);
		const published = a.statuses.length;
		await a.engine.syncNow();
		await new Promise((r) => setTimeout(r, 300));
		// Nothing went out after the stop, nothing was published to a closed channel, and the
		// queued tap waits for the next start.
		expect(server.pushes()).toBe(0);
		expect(a.statuses.length).toBe(published);
		expect(await a.db.outbox.count()).toBe(1);
		a.engine.start();
		await vi.waitFor(async () => expect(await a.db.outbox.count()).toBe(0));
		expect(await serverAccepted()).toBe(2);
	});

	it('brings two tablets that worked offline to the same counts and the same bookings', async () => {
		const a = tablet(centre.users.manager);
		const b = tablet(centre.users.admin);
		await a.engine.syncNow();
		await b.engine.syncNow();
		// Both count and both take the one place of the first slot, not knowing of each other.
		await a.tap('volume.add', volumeArgs(2));
		await b.tap('volume.add', volumeArgs(3));
		await a.tap('appointment.book', bookArgs('appt-a', centre.slots[0]));
		await b.tap('appointment.book', bookArgs('appt-b', centre.slots[0]));
		expect(await a.accepted()).toBe(2);
		expect(await b.accepted()).toBe(3);
		expect((await b.appointment('appt-b'))?.status).toBe('booked');

		await a.engine.syncNow();
		await b.engine.syncNow();
		// A poke would make A pull now; the test does it by hand.
		await a.engine.syncNow();

		for (const device of [a, b]) {
			expect(await device.accepted()).toBe(5);
			expect(await device.db.outbox.count()).toBe(0);
			// The server's order of arrival decided: A came first.
			expect((await device.appointment('appt-a'))?.status).toBe('booked');
			expect((await device.appointment('appt-b'))?.status).toBe('unconfirmed');
		}
		expect(await outbox.unsettled(a.db)).toEqual([]);
		const lost = await outbox.unsettled(b.db);
		expect(lost.map((r) => [r.name, r.code])).toEqual([['appointment.book', 'SLOT_FULL']]);
		expect(await serverAccepted()).toBe(5);
	});

	describe('lean traffic', () => {
		const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
		/** The calls made from now on. */
		const from = () => {
			const start = server.calls.length;
			return { calls: () => server.calls.slice(start), urls: () => server.urls.slice(start) };
		};

		async function started(user: SessionUser) {
			const made = tablet(user);
			made.engine.start();
			await vi.waitFor(() => expect(made.engine.status.lastSyncedAt).toBeDefined());
			// A first sync's history goes on after the sync: counted traffic starts after it.
			await vi.waitFor(async () => expect(await history.position(made.db)).toBeUndefined());
			await vi.waitFor(() => expect(made.engine.status.progress).toBeUndefined());
			return made;
		}

		beforeEach(() => {
			browserGlobals();
			FakeEventSource.opened = [];
			vi.stubGlobal('EventSource', FakeEventSource);
		});

		it('sends the taps of one quick run in one push and needs no pull after it', async () => {
			const a = await started(centre.users.duty);
			const traffic = from();
			for (const delta of [1, 2, 3]) {
				await a.tap('volume.add', volumeArgs(delta));
				a.engine.queued();
				await sleep(40);
			}
			await vi.waitFor(async () => expect(await a.db.outbox.count()).toBe(0));
			await vi.waitFor(() => expect(a.state).toBe('idle'));
			// The push answer carried the page with the taps' own rows: confirmed, no pull.
			expect(traffic.calls()).toEqual(['/api/sync/push']);
			const { rows } = await repo.onDate(a.db, 'volume', centre.id, DATE);
			expect(rows.map((r) => [r.counters.accepted, r.pending])).toEqual([[6, false]]);
			await sleep(400);
			expect(traffic.calls()).toEqual(['/api/sync/push']);
		});

		it("brings another tablet's changes with the push of its own, one request a cycle", async () => {
			const a = tablet(centre.users.duty);
			const b = tablet(centre.users.manager);
			await a.engine.syncNow();
			await b.engine.syncNow();
			await a.tap('volume.add', volumeArgs(2));
			await a.engine.syncNow();
			await b.tap('volume.add', volumeArgs(5));
			const traffic = from();
			await b.engine.syncNow();
			expect(traffic.calls()).toEqual(['/api/sync/push']);
			expect(await b.accepted()).toBe(7);
			expect(await b.db.outbox.count()).toBe(0);
			// Nothing queued: one pull, and it needs no device id, so the server can answer it
			// from memory.
			const idle = from();
			await b.engine.syncNow();
			expect(idle.calls()).toEqual(['/api/sync/pull']);
			expect(idle.urls()[0].searchParams.has('deviceId')).toBe(false);
		});

		it('ignores a poke at or below its cursor and answers a run of pokes with one pull', async () => {
			const a = tablet(centre.users.duty);
			const b = await started(centre.users.manager);
			const stream = FakeEventSource.opened.at(-1)!;
			expect(stream.url).toContain('protocol=');
			const known = await meta.cursor(b.db);

			const quiet = from();
			stream.poke(known);
			stream.poke(known - 1);
			await sleep(500);
			expect(quiet.calls()).toEqual([]);

			await a.tap('volume.add', volumeArgs(4));
			await a.engine.syncNow();
			const version = await meta.cursor(a.db);
			expect(version).toBeGreaterThan(known);
			const busy = from();
			stream.poke(version);
			stream.poke(version);
			await sleep(50);
			stream.poke(version);
			await vi.waitFor(async () => expect(await b.accepted()).toBe(4));
			await sleep(400);
			expect(busy.calls()).toEqual(['/api/sync/pull']);
			expect(await meta.cursor(b.db)).toBe(version);
		});

		it('pulls after a push whose server sends no page, as one of an earlier release', async () => {
			const a = tablet(centre.users.duty);
			await a.engine.syncNow();
			vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
				const res = await server.fetch(input, init);
				if (!input.endsWith('/push')) return res;
				const { results } = (await res.json()) as { results: unknown[] };
				return new Response(JSON.stringify({ results }), { status: res.status });
			});
			await a.tap('volume.add', volumeArgs(3));
			const traffic = from();
			await a.engine.syncNow();
			expect(traffic.calls()).toEqual(['/api/sync/push', '/api/sync/pull']);
			expect(await a.db.outbox.count()).toBe(0);
			expect(await serverAccepted()).toBe(3);
			expect(await a.accepted()).toBe(3);
		});
	});
});
