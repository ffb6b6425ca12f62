import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
	PROTOCOL_VERSION,
	pullResponse,
	pushResponse,
	type PushRequest,
	type SessionUser
} from '$lib/schemas';
import { GET as pullEndpoint } from '../../../routes/api/sync/pull/+server';
import { POST as pushEndpoint } from '../../../routes/api/sync/push/+server';
import type { App } from '../db';
import { drivers } from '../testing/databases';
import { appOf, fakeEvent, jsonBody } from '../testing/events';
import {
	bookArgs,
	createTestCentre,
	mutation,
	newDeviceId,
	volumeArgs,
	type TestCentre
} from '../testing/fixtures';
import { useTestDb } from '../testing/suite';
import { scopeKey } from '$lib/domain/disclosure';
import { pull } from './pull';

vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

describe.each(drivers)('pulls and pushes on %s, remembered', (driver) => {
	const t = useTestDb(driver);
	let centre: TestCentre;
	let app: App;
	let n = 0;

	beforeEach(async () => {
		centre = await createTestCentre(t.db, `memory-${++n}`, { slotCount: 2, capacity: 1 });
		// A fresh app server each time: nothing remembered from another test.
		app = appOf(t.db);
	});

	async function pullAs(user: SessionUser, query: Record<string, string | number>) {
		const url = new URL('http://localhost/api/sync/pull');
		for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
		const { event } = fakeEvent(app, { url: url.href, user });
		const res = await pullEndpoint(event);
		expect(res.status).toBe(200);
		return pullResponse.parse(await res.json());
	}

	async function pushAs(user: SessionUser, body: PushRequest, through = app) {
		const { event } = fakeEvent(through, {
			method: 'POST',
			url: 'http://localhost/api/sync/push',
			user,
			...jsonBody(body)
		});
		const res = await pushEndpoint(event);
		expect(res.status).toBe(200);
		return pushResponse.parse(await res.json());
	}

	/** Every way the server reaches the database, counted. */
	function queries() {
		const spies = [
			vi.spyOn(t.db.orm, 'select'),
			vi.spyOn(t.db.orm, 'execute'),
			vi.spyOn(t.db.orm, 'transaction')
		];
		return {
			count: () => spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0),
			reset: () => spies.forEach((spy) => spy.mockClear()),
			restore: () => spies.forEach((spy) => spy.mockRestore())
		};
	}

	it('answers a device at the tip from memory without a query, and reads again once a change is announced', async () => {
		const duty = centre.users.duty;
		expect(await app.pulls.listening()).toBe(true);
		const first = await pullAs(duty, { cursor: 0 });
		const tip = first.cursor;
		expect(first.changes.length).toBeGreaterThan(0);

		const counted = queries();
		try {
			const atTip = await pullAs(duty, { cursor: tip, scope: first.scope! });
			expect(counted.count()).toBe(0);
			expect(atTip).toEqual({
				cursor: tip,
				changes: [],
				hasMore: false,
				lastMutationId: 0,
				results: [],
				remaining: 0,
				scope: first.scope
			});

			// A tablet's push through another app server commits a change; the NOTIFY tells this
			// server the new tip.
			const elsewhere = appOf(t.db);
			const pushed = await pushAs(
				centre.users.manager,
				{
					protocol: PROTOCOL_VERSION,
					deviceId: newDeviceId(),
					mutations: [mutation(1, 'volume.add', volumeArgs(4))]
				},
				elsewhere
			);
			expect(pushed.results.map((r) => r.status)).toEqual(['applied']);
			expect(pushed.pull).toBeUndefined();
			await expect
				.poll(() => app.pulls.tip(centre.id) ?? 0, { timeout: 5000 })
				.toBeGreaterThan(tip);
			counted.reset();
			const behind = await pullAs(duty, { cursor: tip, scope: first.scope! });
			expect(counted.count()).toBeGreaterThan(0);
			expect(behind.cursor).toBe(app.pulls.tip(centre.id));
			expect(behind.changes.map((c) => c.entity)).toEqual(['volume']);

			// At the new tip: from memory again, unless a poke announced more than it knows.
			counted.reset();
			await pullAs(duty, { cursor: behind.cursor, scope: first.scope! });
			expect(counted.count()).toBe(0);
			const poked = await pullAs(duty, {
				cursor: behind.cursor,
				scope: first.scope!,
				poked: behind.cursor + 1
			});
			expect(counted.count()).toBeGreaterThan(0);
			expect(poked.cursor).toBe(behind.cursor);

			// A push through this server: the tip it knew is forgotten at once, NOTIFY or not.
			await pushAs(centre.users.manager, {
				protocol: PROTOCOL_VERSION,
				deviceId: newDeviceId(),
				mutations: [mutation(1, 'volume.add', volumeArgs(1))]
			});
			counted.reset();
			const after = await pullAs(duty, { cursor: behind.cursor, scope: first.scope! });
			expect(counted.count()).toBeGreaterThan(0);
			expect(after.changes.map((c) => c.entity)).toEqual(['volume']);
		} finally {
			counted.restore();
		}
	});

	it('reads the database for a cursor it has no tip for, a foreign scope, or a device', async () => {
		const duty = centre.users.duty;
		await app.pulls.listening();
		const first = await pullAs(duty, { cursor: 0 });
		const counted = queries();
		try {
			// Another role's scope resets: that needs the centre's rows.
			const other = await pullAs(duty, {
				cursor: first.cursor,
				scope: scopeKey({ role: 'viewer' })
			});
			expect(other.reset).toBe(true);
			expect(counted.count()).toBeGreaterThan(0);
			// A device's verdicts are its own: asked for, they are read.
			counted.reset();
			const device = await pullAs(duty, {
				cursor: first.cursor,
				scope: first.scope!,
				deviceId: newDeviceId()
			});
			expect(device.changes).toEqual([]);
			expect(counted.count()).toBeGreaterThan(0);
		} finally {
			counted.restore();
		}
	});

	it('reads a page once for identical pulls, and again for another scope or once the tip moves', async () => {
		const duty = centre.users.duty;
		const scope = scopeKey(duty);
		expect(await app.pulls.listening()).toBe(true);
		const counted = queries();
		try {
			// What one read costs, without this server's memory.
			const alone = await pull(t.db, duty, { cursor: 0, scope });
			const one = counted.count();
			expect(one).toBeGreaterThan(0);

			// Made at the same moment: duty twice shares one read; admin, another scope, reads its own.
			counted.reset();
			const together = await Promise.all([
				pullAs(duty, { cursor: 0, scope }),
				pullAs(duty, { cursor: 0, scope }),
				pullAs(centre.users.admin, { cursor: 0, scope: scopeKey(centre.users.admin) })
			]);
			expect(counted.count()).toBe(2 * one);
			expect(together[0]).toEqual(alone);
			expect(together[1]).toEqual(alone);

			// Asked again while the tip stands: the page read before.
			counted.reset();
			expect(await pullAs(duty, { cursor: 0, scope })).toEqual(alone);
			expect(counted.count()).toBe(0);

			// Once a change is announced, the page from that cursor has grown: read again.
			await pushAs(
				centre.users.manager,
				{
					protocol: PROTOCOL_VERSION,
					deviceId: newDeviceId(),
					mutations: [mutation(1, 'volume.add', volumeArgs(2))]
				},
				appOf(t.db)
			);
			await expect
				.poll(() => app.pulls.tip(centre.id) ?? 0, { timeout: 5000 })
				.toBeGreaterThan(alone.cursor);
			counted.reset();
			const grown = await pullAs(duty, { cursor: 0, scope });
			expect(counted.count()).toBe(one);
			expect(grown.changes.length).toBe(alone.changes.length + 1);
		} finally {
			counted.restore();
		}
	});

	it("answers a push carrying the device's cursor with the page a pull from it gives that user", async () => {
		const clerk = centre.users.clerk;
		const duty = centre.users.duty;
		// Something a clerk may not see in full: a booking with a phone number.
		await pushAs(centre.users.manager, {
			protocol: PROTOCOL_VERSION,
			deviceId: newDeviceId(),
			mutations: [mutation(1, 'appointment.book', bookArgs('memory-appt', centre.slots[0]))]
		});
		// A clerk may not count volume: refused, yet answered with a page all the same.
		const outcomes = [
			[duty, 'applied'],
			[clerk, 'rejected']
		] as const;
		for (const [user, status] of outcomes) {
			const deviceId = newDeviceId();
			const start = await pullAs(user, { cursor: 0, deviceId });
			const answer = await pushAs(user, {
				protocol: PROTOCOL_VERSION,
				deviceId,
				mutations: [mutation(1, 'volume.add', volumeArgs(2))],
				since: 0,
				scope: start.scope
			});
			expect(answer.results.map((r) => r.status)).toEqual([status]);
			// Read after the push: its own change, its verdict and the same filtering as a pull.
			const expected = await pull(t.db, user, { cursor: 0, deviceId, scope: start.scope });
			expect(answer.pull).toEqual(expected);
			expect(answer.pull?.lastMutationId).toBe(1);
			if (status === 'applied') expect(answer.pull?.cursor).toBeGreaterThan(start.cursor);
			else expect(answer.pull?.results.map((r) => r.code)).toEqual(['FORBIDDEN']);
		}
	});

	it('resets a push page whose cursor is ahead of the server, as a pull does', async () => {
		const duty = centre.users.duty;
		const answer = await pushAs(duty, {
			protocol: PROTOCOL_VERSION,
			deviceId: newDeviceId(),
			mutations: [mutation(1, 'volume.add', volumeArgs(1))],
			since: 1_000_000
		});
		expect(answer.pull?.reset).toBe(true);
		expect(answer.pull?.changes.length).toBeGreaterThan(0);
	});
});
