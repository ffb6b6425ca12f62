/**
 * An old app version against the new server, and the upgrade of its local database: a device that
 * still runs schema version 1 (no dailyVolume table) with pending outbox entries under the first
 * release's mutation names opens the new HallDatabase; nothing pending is lost, the entries sync
 * against today's server, and the roll-ups the new version adds are built on the upgraded data.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { volumeEntryId, type PushRequest } from '$lib/schemas';
import { mutators } from '$lib/model';
import { POST as pushPost } from '../../src/routes/api/sync/push/+server';
import { pull } from '$lib/server/sync/pull';
import { openTestDb, type TestDb } from '$lib/server/testing/databases';
import { appOf, fakeEvent, jsonBody } from '$lib/server/testing/events';
import {
	bookArgs,
	createTestCentre,
	DATE,
	volumeArgs,
	type TestCentre
} from '$lib/server/testing/fixtures';
import { HallDatabase } from '$lib/local/db';
import * as meta from '$lib/local/meta';
import { mutate, type Actor } from '$lib/local/outbox';
import { applyPull } from '$lib/local/pull';
import * as rollup from '$lib/local/rollup';
import { holdTestKey } from '$lib/local/testing/key';

vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

/** The mutation names of the first release (git: the first src/lib/sync/mutators/index.ts). */
const firstReleaseNames = [
	'staff.upsert',
	'department.upsert',
	'window.upsert',
	'serviceItem.upsert',
	'taskForce.upsert',
	'dayPlan.save',
	'attendance.record',
	'volume.add',
	'appointment.book',
	'appointment.setStatus'
];

/** Version 1 of the local schema exactly as the first release declared it. */
const version1Stores = {
	centre: 'id',
	department: 'id, centreId',
	staff: 'id, centreId, [centreId+departmentId]',
	taskForceMember: 'id, centreId',
	window: 'id, centreId',
	serviceItem: 'id, centreId',
	dayPlan: 'id, [centreId+date]',
	attendance: 'id, [centreId+date]',
	slot: 'id, [centreId+date], [centreId+date+departmentId]',
	appointment: 'id, [centreId+date], [centreId+date+departmentId], slotId',
	volume: 'id, [centreId+date]',
	inspection: 'id, [centreId+date]',
	ruleSet: 'id, centreId',
	overlay: '[entity+id], [entity+centreId], [entity+centreId+date]',
	outbox: 'mutationId',
	results: 'mutationId, status',
	meta: 'key'
};

describe('an old app version and its upgrade', () => {
	let t: TestDb;
	let centre: TestCentre;
	const name = 'budayang-upgrade-test';
	const createdAt = '2026-06-06T09:00:00+08:00';

	beforeAll(async () => {
		t = await openTestDb('pglite');
		centre = await createTestCentre(t.db, 'upg', { slotCount: 1, capacity: 3 });
	});
	afterAll(async () => {
		await Dexie.delete(name);
		await t?.dispose();
	});

	it('keeps every first-release mutation name on the server', () => {
		for (const n of firstReleaseNames) expect(Object.hasOwn(mutators, n), n).toBe(true);
	});

	it('migrates a version-1 database with pending mutations, then syncs them', async () => {
		const duty = centre.users.duty;
		const cell = volumeEntryId(centre.id, DATE, 9, '不动产登记', 'window');
		const pending = [
			{ mutationId: 1, name: 'volume.add', args: volumeArgs(2) },
			{ mutationId: 2, name: 'volume.add', args: volumeArgs(3) },
			{
				mutationId: 3,
				name: 'attendance.record',
				args: { date: DATE, staffId: `${centre.id}-staff`, status: 'on-time' }
			}
		].map((e) => ({ ...e, createdAt, centreId: centre.id, userId: duty.id }));

		// The old version: schema 1, three taps queued offline with their overlay rows.
		const old = new Dexie(name);
		old.version(1).stores(version1Stores);
		await old.open();
		await old.table('outbox').bulkAdd(pending);
		await old.table('meta').bulkPut([
			{ key: 'deviceId', value: 'old-tablet' },
			{ key: 'lastQueuedId', value: 3 },
			{ key: 'cursor', value: 0 }
		]);
		await old.table('overlay').bulkPut([
			{
				entity: 'volume',
				id: cell,
				centreId: centre.id,
				date: DATE,
				mutationIds: [1, 2],
				data: {
					id: cell,
					centreId: centre.id,
					v: 1,
					date: DATE,
					hour: 9,
					category: '不动产登记',
					channel: 'window',
					counters: { accepted: 5, completed: 0, consulted: 0, oneVisit: 0, refused: 0 },
					refusalReasons: {}
				}
			}
		]);
		expect(old.verno).toBe(1);
		old.close();

		// The new version opens the same database: version 2 adds dailyVolume, keeps the rest, and
		// version 3 rolls up every day that holds rows, the pending ones included.
		const db = new HallDatabase(name);
		await db.open();
		expect(db.verno).toBe(10);
		expect((await rollup.between(db, centre.id, DATE, DATE))[0]).toMatchObject({
			totals: { accepted: 5 },
			pending: true
		});
		expect(db.tables.map((x) => x.name)).toContain('dailyVolume');
		expect(db.tables.map((x) => x.name)).toContain('monthlyReport');
		expect(await db.outbox.toArray()).toEqual(pending);
		expect(await meta.get(db, 'lastQueuedId')).toBe(3);
		expect(await meta.get(db, 'deviceId')).toBe('old-tablet');
		expect((await db.overlay.get(['volume', cell]))?.mutationIds).toEqual([1, 2]);

		// The upgraded app queues after the old entries, never over them.
		const actor: Actor = {
			centreId: centre.id,
			userId: duty.id,
			role: 'duty',
			departmentId: duty.departmentId,
			deviceId: 'old-tablet'
		};
		expect(await mutate(db, actor, 'volume.add', volumeArgs(1), createdAt)).toBe(4);
		expect((await db.overlay.get(['volume', cell]))?.data?.counters).toMatchObject({
			accepted: 6
		});
		// and its roll-up reads the old pending rows too.
		const [day] = await rollup.between(db, centre.id, DATE, DATE);
		expect(day.totals.accepted).toBe(6);
		expect(day.pending).toBe(true);

		// The old client's push (protocol 1, first-release names) against today's server.
		const outbox = await db.outbox.orderBy('mutationId').toArray();
		const body: PushRequest = {
			protocol: 1,
			deviceId: 'old-tablet',
			mutations: outbox.map((e) => ({
				id: e.mutationId,
				name: e.name,
				args: e.args,
				createdAt: e.createdAt
			}))
		};
		// An old tablet also booked with the first release's argument shape.
		const res = await pushPost(
			fakeEvent(appOf(t.db), { method: 'POST', user: duty, ...jsonBody(body) }).event
		);
		expect(res.status).toBe(200);
		const { results } = await res.json();
		expect(results).toEqual([1, 2, 3, 4].map((id) => ({ id, status: 'applied' })));
		const clerkPush = await pushPost(
			fakeEvent(appOf(t.db), {
				method: 'POST',
				user: centre.users.clerk,
				...jsonBody({
					protocol: 1,
					deviceId: 'old-clerk-tablet',
					mutations: [
						{
							id: 1,
							name: 'appointment.book',
							args: bookArgs('old-booking', centre.slots[0]),
							createdAt
						}
					]
				})
			}).event
		);
		expect((await clerkPush.json()).results).toEqual([{ id: 1, status: 'applied' }]);

		// The pull settles the outbox and confirms the rows on the upgraded database, once the
		// upgraded app's login has brought the key that seals personal fields at rest.
		await holdTestKey(db);
		let cursor = 0;
		for (;;) {
			const page = await pull(t.db, duty, { cursor, deviceId: 'old-tablet' });
			await applyPull(db, actor, page, createdAt);
			cursor = page.cursor;
			if (!page.hasMore) break;
		}
		expect(await db.outbox.count()).toBe(0);
		expect(await db.overlay.count()).toBe(0);
		expect((await db.volume.get(cell))?.counters).toMatchObject({ accepted: 6 });
		expect(await db.attendance.count()).toBe(1);
		expect(await db.appointment.get('old-booking')).toMatchObject({ status: 'booked' });
		const [confirmed] = await rollup.between(db, centre.id, DATE, DATE);
		expect(confirmed.totals.accepted).toBe(6);
		expect(confirmed.pending).toBe(false);
		db.close();
	});
});
