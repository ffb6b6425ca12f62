import { describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { accountList, PROTOCOL_VERSION, resetAnswer, type SessionUser } from '$lib/schemas';
import { GET as listGet, POST as createPost } from '../../../routes/api/admin/users/+server';
import { PATCH as changePatch } from '../../../routes/api/admin/users/[id]/+server';
import { POST as resetPost } from '../../../routes/api/admin/users/[id]/password/+server';
import { POST as wipePost } from '../../../routes/api/admin/users/[id]/devices/[deviceId]/wipe/+server';
import { GET as pullGet } from '../../../routes/api/sync/pull/+server';
import { POST as pushPost } from '../../../routes/api/sync/push/+server';
import { auditLog, users } from '../db/schema';
import { drivers } from '../testing/databases';
import { appOf, fakeEvent, jsonBody } from '../testing/events';
import { newDeviceId } from '../testing/fixtures';
import { useTestCentre, useTestDb } from '../testing/suite';
import { cheapHashCost, hashPassword, verifyPassword } from './password';
import { createSession, sessionUser } from './session';

vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

describe.each(drivers)('people and access on %s', (driver) => {
	const t = useTestDb(driver);
	const centre = useTestCentre(t, 'people-a');
	const other = useTestCentre(t, 'people-b');

	type Handler = (event: never) => Response | Promise<Response>;
	const call = (
		handler: Handler,
		user: SessionUser | null,
		{
			method = 'POST',
			body,
			params = {},
			url
		}: { method?: string; body?: unknown; params?: Record<string, string>; url?: string } = {}
	) => {
		const { event } = fakeEvent(appOf(t.db), {
			method,
			user,
			url,
			...(body !== undefined && jsonBody(body))
		});
		(event as { params: Record<string, string> }).params = params;
		return Promise.resolve(handler(event));
	};
	const admin = () => centre.users.admin;
	const clerkInput = (username: string) => ({
		username,
		name: '新窗口人员',
		role: 'clerk',
		departmentId: `${centre.id}-dept`,
		password: 'first-pass-123'
	});

	it('answers only an admin', async () => {
		for (const role of ['manager', 'duty', 'clerk', 'viewer'] as const) {
			const user = centre.users[role];
			expect((await call(listGet, user, { method: 'GET' })).status).toBe(403);
			expect((await call(createPost, user, { body: clerkInput(`x-${role}`) })).status).toBe(403);
			expect(
				(await call(resetPost, user, { body: {}, params: { id: centre.users.clerk.id } })).status
			).toBe(403);
		}
		expect((await call(listGet, null, { method: 'GET' })).status).toBe(401);
	});

	it('creates an account, lists it, and audits the change without personal data', async () => {
		const created = await call(createPost, admin(), { body: clerkInput('wang.clerk') });
		expect(created.status).toBe(201);
		const { id } = (await created.json()) as { id: string };
		const listed = accountList.parse(
			await (await call(listGet, admin(), { method: 'GET' })).json()
		);
		const mine = listed.users.find((u) => u.id === id);
		expect(mine).toMatchObject({ username: 'wang.clerk', role: 'clerk', active: true });
		// Only the admin's own centre is listed.
		expect(listed.users.every((u) => !u.username.startsWith('people-b'))).toBe(true);
		const [row] = await t.db.orm
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.centreId, centre.id), eq(auditLog.name, 'user.create')));
		expect(JSON.stringify(row)).not.toMatch(/wang|新窗口|first-pass/);
		// The same username again, a clerk without department, a foreign department: refused in words.
		const again = await call(createPost, admin(), { body: clerkInput('wang.clerk') });
		expect(again.status).toBe(409);
		expect(((await again.json()) as { error: string }).error).toBe('该用户名已被使用');
		const { departmentId: _, ...noDept } = clerkInput('li.clerk');
		expect((await call(createPost, admin(), { body: noDept })).status).toBe(400);
		const foreign = { ...clerkInput('zhao.clerk'), departmentId: `${other.id}-dept` };
		expect((await call(createPost, admin(), { body: foreign })).status).toBe(400);
		expect((await call(createPost, admin(), { body: { username: 'x' } })).status).toBe(400);
	});

	it('changes role and department, deactivates (ending sessions) and reactivates', async () => {
		const created = await call(createPost, admin(), { body: clerkInput('chen.clerk') });
		const { id } = (await created.json()) as { id: string };
		const { token } = await createSession(t.db, id, { hours: 12 });
		expect(await sessionUser(t.db, token)).not.toBeNull();
		const toDuty = await call(changePatch, admin(), {
			method: 'PATCH',
			body: { role: 'duty', departmentId: null },
			params: { id }
		});
		expect(toDuty.status).toBe(200);
		const session2 = await createSession(t.db, id, { hours: 12 });
		const off = await call(changePatch, admin(), {
			method: 'PATCH',
			body: { active: false },
			params: { id }
		});
		expect(off.status).toBe(200);
		expect(await sessionUser(t.db, session2.token)).toBeNull();
		const [row] = await t.db.orm.select().from(users).where(eq(users.id, id));
		expect(row).toMatchObject({ role: 'duty', departmentId: null, active: false });
		const on = await call(changePatch, admin(), {
			method: 'PATCH',
			body: { active: true },
			params: { id }
		});
		expect(on.status).toBe(200);
		// An admin may not demote or deactivate themselves; another centre's account is not found.
		const self = await call(changePatch, admin(), {
			method: 'PATCH',
			body: { active: false },
			params: { id: admin().id }
		});
		expect(self.status).toBe(400);
		const foreign = await call(changePatch, admin(), {
			method: 'PATCH',
			body: { role: 'viewer' },
			params: { id: other.users.clerk.id }
		});
		expect(foreign.status).toBe(404);
		const names = (
			await t.db.orm
				.select({ name: auditLog.name })
				.from(auditLog)
				.where(eq(auditLog.centreId, centre.id))
		).map((r) => r.name);
		expect(names).toEqual(
			expect.arrayContaining(['user.change', 'user.deactivate', 'user.reactivate'])
		);
	});

	it('a password reset revokes every session of the account', async () => {
		const clerk = centre.users.clerk;
		await t.db.orm
			.update(users)
			.set({ passwordHash: await hashPassword('old-pass-1234', cheapHashCost) })
			.where(eq(users.id, clerk.id));
		const a = await createSession(t.db, clerk.id, { hours: 12 });
		const b = await createSession(t.db, clerk.id, { hours: 12 });
		const res = await call(resetPost, admin(), { body: {}, params: { id: clerk.id } });
		expect(res.status).toBe(200);
		const answer = resetAnswer.parse(await res.json());
		expect(answer.endedSessions).toBe(2);
		expect(answer.temporaryPassword).toMatch(/^[A-Za-z2-9]{12}$/);
		expect(await sessionUser(t.db, a.token)).toBeNull();
		expect(await sessionUser(t.db, b.token)).toBeNull();
		const [row] = await t.db.orm.select().from(users).where(eq(users.id, clerk.id));
		expect(await verifyPassword(row!.passwordHash, answer.temporaryPassword!)).toBe(true);
		// The admin may set one instead; too short is refused.
		const set = await call(resetPost, admin(), {
			body: { password: 'chosen-pass-987' },
			params: { id: clerk.id }
		});
		expect(resetAnswer.parse(await set.json()).temporaryPassword).toBeUndefined();
		const short = await call(resetPost, admin(), {
			body: { password: 'short' },
			params: { id: clerk.id }
		});
		expect(short.status).toBe(400);
		const [audit] = await t.db.orm
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.centreId, centre.id), eq(auditLog.name, 'user.reset-password')));
		expect(JSON.stringify(audit)).not.toContain(answer.temporaryPassword!);
	});

	it('lists a device with its last sync, and a wiped device is refused on push and pull', async () => {
		const duty = centre.users.duty;
		// An id as the app makes it: a pull registers only those (devices.ts).
		const deviceId = crypto.randomUUID();
		const pull = () =>
			call(pullGet, duty, {
				method: 'GET',
				url: `http://localhost/api/sync/pull?cursor=0&deviceId=${deviceId}&protocol=${PROTOCOL_VERSION}`
			});
		const push = () =>
			call(pushPost, duty, {
				body: { protocol: PROTOCOL_VERSION, deviceId, mutations: [] },
				url: `http://localhost/api/sync/push?protocol=${PROTOCOL_VERSION}`
			});
		expect((await pull()).status).toBe(200);
		const listed = accountList.parse(
			await (await call(listGet, admin(), { method: 'GET' })).json()
		);
		const device = listed.users
			.find((u) => u.id === duty.id)!
			.devices.find((d) => d.deviceId === deviceId);
		expect(device?.lastSyncAt).not.toBeNull();
		expect(device?.wipedAt).toBeNull();
		// Someone else's device is not the duty's to wipe.
		const wrong = await call(wipePost, admin(), {
			params: { id: centre.users.viewer.id, deviceId }
		});
		expect(wrong.status).toBe(404);
		const wiped = await call(wipePost, admin(), { params: { id: duty.id, deviceId } });
		expect(wiped.status).toBe(200);
		for (const res of [await pull(), await push()]) {
			expect(res.status).toBe(410);
			const body = (await res.json()) as { error: string; detail: string };
			expect(body.detail).toBe('device-wiped');
			expect(body.error).toContain('远程清除');
		}
		// A fresh device of the same user syncs on.
		const fresh = await call(pushPost, duty, {
			body: { protocol: PROTOCOL_VERSION, deviceId: newDeviceId(), mutations: [] },
			url: `http://localhost/api/sync/push?protocol=${PROTOCOL_VERSION}`
		});
		expect(fresh.status).toBe(200);
	});
});
