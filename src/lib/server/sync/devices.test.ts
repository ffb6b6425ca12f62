import { beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { SessionUser } from '$lib/schemas';
import { GET as pullGet } from '../../../routes/api/sync/pull/+server';
import { POST as pushPost } from '../../../routes/api/sync/push/+server';
import { centreVersions, devices, mutationResults, records } from '../db/schema';
import { drivers } from '../testing/databases';
import { appOf, fakeEvent, jsonBody } from '../testing/events';
import { mutation, newDeviceId, pushMutations, volumeArgs } from '../testing/fixtures';
import { useTestCentre, useTestDb } from '../testing/suite';
import { notePull, PULL_NOTE_EVERY_MS } from './devices';
import { pull } from './pull';

vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

describe.each(drivers)('a device belongs to its user on %s', (driver) => {
	const t = useTestDb(driver);
	const centre = useTestCentre(t, 'dev-a');
	let owner: SessionUser;
	let other: SessionUser;

	beforeAll(() => {
		owner = centre.users.duty;
		other = centre.users.manager;
	});

	const send = (user: SessionUser, deviceId: string, ids: number[], hour = 10) => {
		const mutations = ids.map((id) => mutation(id, 'volume.add', volumeArgs(1, hour)));
		return pushMutations(t.db, user, mutations, deviceId);
	};

	/** Everything a refused request could have changed. */
	async function state(deviceId: string) {
		const [centreRow] = await t.db.orm
			.select()
			.from(centreVersions)
			.where(eq(centreVersions.centreId, centre.id));
		const device = await t.db.orm
			.select()
			.from(devices)
			.where(and(eq(devices.centreId, centre.id), eq(devices.deviceId, deviceId)));
		const results = await t.db.orm
			.select()
			.from(mutationResults)
			.where(eq(mutationResults.deviceId, deviceId));
		const rows = await t.db.orm.select().from(records).where(eq(records.centreId, centre.id));
		return {
			version: centreRow.version,
			device: device.map((d) => [d.userId, d.lastMutationId]),
			results: results.length,
			rows: rows.length
		};
	}

	it('notes a push as a sync, and pulls at most once a minute', async () => {
		const deviceId = newDeviceId();
		const syncedAt = async () =>
			(
				await t.db.orm
					.select({ at: devices.lastSyncAt })
					.from(devices)
					.where(and(eq(devices.centreId, centre.id), eq(devices.deviceId, deviceId)))
			)[0]?.at?.getTime();
		await send(owner, deviceId, [1]);
		const pushed = await syncedAt();
		expect(pushed).toBeGreaterThan(Date.now() - 60_000);
		// The first pull this process sees is written; the next ones within the minute are not.
		const t0 = new Date(pushed! + 1_000);
		await notePull(t.db, owner, deviceId, t0);
		expect(await syncedAt()).toBe(t0.getTime());
		await notePull(t.db, owner, deviceId, new Date(t0.getTime() + PULL_NOTE_EVERY_MS - 1));
		expect(await syncedAt()).toBe(t0.getTime());
		const later = new Date(t0.getTime() + PULL_NOTE_EVERY_MS);
		await notePull(t.db, owner, deviceId, later);
		expect(await syncedAt()).toBe(later.getTime());
	});

	it("refuses another user's push with 403 and changes nothing", async () => {
		const device = newDeviceId();
		expect((await send(owner, device, [1, 2])).results).toHaveLength(2);
		const before = await state(device);
		// Pushing id 3 would make the owner's own mutation 3 look like a replay and vanish.
		await expect(send(other, device, [3])).rejects.toMatchObject({ status: 403 });
		expect(await state(device)).toEqual(before);
		// The owner's next change still applies.
		expect((await send(owner, device, [3])).results).toEqual([{ id: 3, status: 'applied' }]);
	});

	it("refuses another user's pull of the device's results", async () => {
		const device = newDeviceId();
		await pushMutations(t.db, owner, [mutation(1, 'no.such.mutation', {})], device);
		await expect(pull(t.db, other, { cursor: 0, deviceId: device })).rejects.toMatchObject({
			status: 403
		});
		const own = await pull(t.db, owner, { cursor: 0, deviceId: device }, { pageSize: 1 });
		expect(own.results.map((r) => r.code)).toEqual(['UNKNOWN_MUTATION']);
		// A pull without a device, or with one nobody used, reads no device's results.
		expect((await pull(t.db, other, { cursor: 0, deviceId: newDeviceId() })).results).toEqual([]);
	});

	it('lets one of two users racing for a new device id win, and only one', async () => {
		const device = newDeviceId();
		const outcomes = await Promise.allSettled([
			send(owner, device, [1], 11),
			send(other, device, [1], 11)
		]);
		expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
		expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(1);
		const [row] = await t.db.orm.select().from(devices).where(eq(devices.deviceId, device));
		expect(row.lastMutationId).toBe(1);
	});

	it('answers 403 over HTTP, in Chinese first', async () => {
		const device = newDeviceId();
		await send(owner, device, [1]);
		const app = appOf(t.db);
		const pushed = await pushPost(
			fakeEvent(app, {
				method: 'POST',
				user: other,
				...jsonBody({
					protocol: 1,
					deviceId: device,
					mutations: [mutation(2, 'volume.add', volumeArgs(1))]
				})
			}).event
		);
		expect(pushed.status).toBe(403);
		expect(await pushed.json()).toMatchObject({ error: '没有权限' });
		const pulled = await pullGet(
			fakeEvent(app, {
				user: other,
				url: `http://localhost/api/sync/pull?cursor=0&deviceId=${device}`
			}).event
		);
		expect(pulled.status).toBe(403);
	});

	it("refuses a viewer's push outright and writes nothing", async () => {
		const device = newDeviceId();
		const viewer = centre.users.viewer;
		const before = await state(device);
		await expect(send(viewer, device, [1])).rejects.toMatchObject({ status: 403 });
		expect(await state(device)).toEqual(before);
		expect(before.device).toEqual([]);
	});
});
