import { describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { SessionUser } from '$lib/schemas';
import { GET as keyGet } from '../../../routes/api/device-key/+server';
import { POST as logoutPost } from '../../../routes/api/auth/logout/+server';
import { createSession } from '../auth/session';
import { changeAccount, wipeDevice } from '../auth/people';
import { devices } from '../db/schema';
import { drivers } from '../testing/databases';
import { appOf, fakeEvent, jsonBody } from '../testing/events';
import {} from '../testing/fixtures';
import { useTestCentre, useTestDb } from '../testing/suite';

vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

describe.each(drivers)('the server share of a device key on %s', (driver) => {
	const t = useTestDb(driver);
	const centre = useTestCentre(t, 'dkey');

	const ask = async (user: SessionUser | null, deviceId: string) => {
		const res = await keyGet(
			fakeEvent(appOf(t.db), {
				user,
				url: `http://localhost/api/device-key?deviceId=${encodeURIComponent(deviceId)}`
			}).event
		);
		return { status: res.status, body: await res.json(), cache: res.headers.get('cache-control') };
	};

	const stored = async (deviceId: string) => {
		const [row] = await t.db.orm
			.select({ key: devices.personalKey, userId: devices.userId })
			.from(devices)
			.where(and(eq(devices.centreId, centre.id), eq(devices.deviceId, deviceId)));
		return row;
	};

	it('gives the same 32 random bytes to the device’s own user, and nobody else', async () => {
		const device = crypto.randomUUID();
		const duty = centre.users.duty;
		const first = await ask(duty, device);
		expect(first.status).toBe(200);
		expect(first.cache).toBe('no-store');
		expect(Buffer.from(first.body.key, 'base64')).toHaveLength(32);
		expect((await ask(duty, device)).body.key).toBe(first.body.key);
		expect(await stored(device)).toEqual({ key: first.body.key, userId: duty.id });
		// Another user of the centre may not have it, nor anyone without a session.
		const other = await ask(centre.users.manager, device);
		expect(other.status).toBe(403);
		expect(JSON.stringify(other.body)).not.toContain(first.body.key);
		expect((await ask(null, device)).status).toBe(401);
		// Another device of the same user has its own share.
		expect((await ask(duty, crypto.randomUUID())).body.key).not.toBe(first.body.key);
	});

	it('refuses a device id the app would not make, with a 400', async () => {
		expect((await ask(centre.users.duty, 'not-a-device')).status).toBe(400);
	});

	it('deletes the share at a sign-out that names the device', async () => {
		const device = crypto.randomUUID();
		const clerk = centre.users.clerk;
		const before = (await ask(clerk, device)).body.key;
		const { token } = await createSession(t.db, clerk.id, { hours: 1 });
		const res = await logoutPost(
			fakeEvent(appOf(t.db), {
				method: 'POST',
				user: clerk,
				cookies: { budayang_session: token },
				...jsonBody({ deviceId: device })
			}).event
		);
		expect(res.status).toBe(200);
		expect((await stored(device)).key).toBeNull();
		// A later login gets a new share: what was sealed under the old one stays unreadable.
		const after = (await ask(clerk, device)).body.key;
		expect(after).not.toBe(before);
	});

	it('deletes the share at a remote wipe, and the wiped device gets 410', async () => {
		const device = crypto.randomUUID();
		const duty = centre.users.duty;
		await ask(duty, device);
		const wiped = await wipeDevice(t.db, centre.users.admin, duty.id, device);
		expect(wiped.ok).toBe(true);
		expect((await stored(device)).key).toBeNull();
		const res = await ask(duty, device);
		expect(res.status).toBe(410);
		expect((await stored(device)).key).toBeNull();
	});

	it('deletes the shares of all the user’s devices when the role changes', async () => {
		const viewer = centre.users.viewer;
		const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
		await ask(viewer, a);
		await ask(viewer, b);
		const changed = await changeAccount(t.db, centre.users.admin, viewer.id, { role: 'duty' });
		expect(changed.ok).toBe(true);
		expect((await stored(a)).key).toBeNull();
		expect((await stored(b)).key).toBeNull();
	});
});
