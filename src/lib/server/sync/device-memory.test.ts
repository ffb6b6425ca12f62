import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { PROTOCOL_VERSION } from '$lib/schemas';
import { wipeDevice } from '../auth/people';
import { devices } from '../db/schema';
import { drivers, openTestDb, type TestDb } from '../testing/databases';
import {
	createTestCentre,
	mutation,
	newDeviceId,
	volumeArgs,
	type TestCentre
} from '../testing/fixtures';
import { NOTE_INTERVAL_MS, noteSyncSoon, refuseWipedSoon, WIPE_CHECK_MS } from './devices';
import { pull } from './pull';
import { commitOf, push } from './push';

vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

describe.each(drivers)('what the sync endpoints remember of devices on %s', (driver) => {
	let t: TestDb;
	let centre: TestCentre;

	beforeAll(async () => {
		t = await openTestDb(driver);
		centre = await createTestCentre(t.db, 'dev-mem');
	});
	afterAll(() => t?.dispose());

	const lastSync = async (deviceId: string) => {
		const [row] = await t.db.orm
			.select({ at: devices.lastSyncAt })
			.from(devices)
			.where(and(eq(devices.centreId, centre.id), eq(devices.deviceId, deviceId)));
		return row?.at?.getTime();
	};

	it('notes a sync at once for a new device, then at most once per interval', async () => {
		const duty = centre.users.duty;
		const device = newDeviceId();
		const t0 = new Date('2026-06-06T09:00:00Z');
		await noteSyncSoon(t.db, duty, device, 'push', t0);
		expect(await lastSync(device)).toBe(t0.getTime());
		await noteSyncSoon(t.db, duty, device, 'push', new Date(t0.getTime() + 1_000));
		expect(await lastSync(device)).toBe(t0.getTime());
		const later = new Date(t0.getTime() + NOTE_INTERVAL_MS);
		await noteSyncSoon(t.db, duty, device, 'push', later);
		expect(await lastSync(device)).toBe(later.getTime());
	});

	it('refuses a device wiped on this server at once, though it was just found not wiped', async () => {
		const duty = centre.users.duty;
		const device = newDeviceId();
		await noteSyncSoon(t.db, duty, device, 'push');
		const now = Date.now();
		await expect(refuseWipedSoon(t.db, centre.id, device, now)).resolves.toBeUndefined();
		const wiped = await wipeDevice(t.db, centre.users.admin, duty.id, device);
		expect(wiped.ok).toBe(true);
		await expect(refuseWipedSoon(t.db, centre.id, device, now + 1)).rejects.toMatchObject({
			status: 410
		});
	});

	it('believes a device not wiped for WIPE_CHECK_MS when the wipe came from elsewhere', async () => {
		const duty = centre.users.duty;
		const device = newDeviceId();
		await noteSyncSoon(t.db, duty, device, 'push');
		const now = Date.now();
		await refuseWipedSoon(t.db, centre.id, device, now);
		// Another app server's wipe: the row changes, this server's memory does not hear of it.
		await t.db.orm
			.update(devices)
			.set({ wipedAt: new Date() })
			.where(and(eq(devices.centreId, centre.id), eq(devices.deviceId, device)));
		await expect(refuseWipedSoon(t.db, centre.id, device, now + 1)).resolves.toBeUndefined();
		await expect(
			refuseWipedSoon(t.db, centre.id, device, now + WIPE_CHECK_MS)
		).rejects.toMatchObject({ status: 410 });
	});

	it('shares one read begun after a commit between the devices that ask after it', async () => {
		const duty = centre.users.duty;
		const a = newDeviceId();
		const b = newDeviceId();
		const since = (await pull(t.db, duty, { cursor: 0 })).cursor;
		const send = (deviceId: string, hour: number, id = 1) =>
			push(t.db, duty, {
				protocol: PROTOCOL_VERSION,
				deviceId,
				mutations: [mutation(id, 'volume.add', volumeArgs(1, hour))]
			});
		const pa = await send(a, 10);
		const pb = await send(b, 11);
		// b's commit came after a's, so a read begun after it holds both.
		const commit = commitOf(pb);
		expect(commit).toBeDefined();
		expect(commitOf(pa)).not.toBe(commit);
		const [ra, rb] = await Promise.all([
			pull(t.db, duty, { cursor: since, deviceId: a }, { fresh: true, after: commit }),
			pull(t.db, duty, { cursor: since, deviceId: b }, { fresh: true, after: commit })
		]);
		// One read: the same rows, each device with its own verdicts.
		expect(ra.changes).toBe(rb.changes);
		const hours = ra.changes
			.filter((c) => c.entity === 'volume')
			.map((c) => (c.data as { hour: number }).hour);
		expect(hours).toEqual(expect.arrayContaining([10, 11]));
		expect(ra.lastMutationId).toBe(1);
		expect(rb.lastMutationId).toBe(1);
		// A later group's push reads again and sees its own change.
		const pc = await send(a, 12, 2);
		expect(commitOf(pc)).not.toBe(commit);
		const rc = await pull(
			t.db,
			duty,
			{ cursor: since, deviceId: a },
			{ fresh: true, after: commitOf(pc) }
		);
		expect(rc.changes).not.toBe(ra.changes);
		expect(rc.cursor).toBeGreaterThan(ra.cursor);
	});
});
