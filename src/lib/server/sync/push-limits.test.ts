import { beforeAll, describe, expect, it, vi } from 'vitest';
import { count, eq } from 'drizzle-orm';
import type { SessionUser } from '$lib/schemas';
import { POST as pushPost } from '../../../routes/api/sync/push/+server';
import type { App } from '../db';
import { devices, mutationResults } from '../db/schema';
import { drivers } from '../testing/databases';
import { appOf, fakeEvent, jsonBody } from '../testing/events';
import { mutation, newDeviceId, volumeArgs } from '../testing/fixtures';
import { useTestCentre, useTestDb } from '../testing/suite';

vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

describe.each(drivers)('push rate limits over HTTP on %s', (driver) => {
	const t = useTestDb(driver);
	const centre = useTestCentre(t, 'limit-a');
	let app: App;

	beforeAll(() => {
		app = appOf(t.db, {
			device: { perMinute: 6, burst: 2 },
			user: { perMinute: 6, burst: 3 }
		});
	});

	const pushAs = (user: SessionUser, deviceId: string, id: number) =>
		pushPost(
			fakeEvent(app, {
				method: 'POST',
				user,
				...jsonBody({
					protocol: 1,
					deviceId,
					mutations: [mutation(id, 'volume.add', volumeArgs(1))]
				})
			}).event
		);

	it('answers 429 with Retry-After and a message once a device or a user is over its limit', async () => {
		const duty = centre.users.duty;
		const [d1, d2, d3] = [newDeviceId(), newDeviceId(), newDeviceId()];
		expect((await pushAs(duty, d1, 1)).status).toBe(200);
		expect((await pushAs(duty, d1, 2)).status).toBe(200);
		const limited = await pushAs(duty, d1, 3);
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		const body = await limited.json();
		expect(body.error).toMatch(/同步请求过于频繁/);
		expect(body.detail).toMatch(/too many pushes/);
		// Nothing of the refused push was applied: the device stays at 2 and keeps mutation 3.
		const [row] = await t.db.orm.select().from(devices).where(eq(devices.deviceId, d1));
		expect(row.lastMutationId).toBe(2);
		// The user's own bucket (3) is shared by their devices.
		expect((await pushAs(duty, d2, 1)).status).toBe(200);
		expect((await pushAs(duty, d3, 1)).status).toBe(429);
		// Another user is not slowed by this one.
		expect((await pushAs(centre.users.manager, newDeviceId(), 1)).status).toBe(200);
	});

	it("refuses a viewer's push with 403 before reading its body", async () => {
		const [before] = await t.db.orm.select({ n: count() }).from(mutationResults);
		const res = await pushPost(
			fakeEvent(app, {
				method: 'POST',
				user: centre.users.viewer,
				body: 'not even JSON',
				headers: { 'content-type': 'application/json' }
			}).event
		);
		expect(res.status).toBe(403);
		expect((await res.json()).error).toBe('没有权限');
		const [after] = await t.db.orm.select({ n: count() }).from(mutationResults);
		expect(after.n).toBe(before.n);
	});
});
