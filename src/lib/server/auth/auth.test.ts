import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { POST as loginPost } from '../../../routes/api/auth/login/+server';
import { POST as logoutPost } from '../../../routes/api/auth/logout/+server';
import { GET as meGet } from '../../../routes/api/auth/me/+server';
import { users } from '../db/schema';
import { drivers, openTestDb, type TestDb } from '../testing/databases';
import { appOf, fakeEvent, jsonBody } from '../testing/events';
import { createTestCentre, type TestCentre } from '../testing/fixtures';
import { cheapHashCost, hashPassword, verifyPassword } from './password';
import { lockSeconds, login, type LoginOptions } from './login';
import {
	createSession,
	revokeSession,
	revokeUserSessions,
	SESSION_COOKIE,
	sessionUser
} from './session';

// Opening PGlite and a fresh PostgreSQL database is slow on a busy 2-core machine.
vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

const PASSWORD = 'right-pass-123';
const limits = { maxFailures: 3, maxFailuresPerAddress: 6, windowMinutes: 15 };

describe.each(drivers)('auth on %s', (driver) => {
	let t: TestDb;
	let centre: TestCentre;
	const t0 = new Date('2026-06-06T01:00:00Z');
	const options = (now = t0): LoginOptions => ({ limits, sessionHours: 12, now });

	beforeAll(async () => {
		t = await openTestDb(driver);
		centre = await createTestCentre(t.db, 'auth-a');
		const hash = await hashPassword(PASSWORD, cheapHashCost);
		await t.db.orm.update(users).set({ passwordHash: hash });
	});
	afterAll(() => t?.dispose());

	const as = (username: string, password = PASSWORD, address = '10.0.0.1') => ({
		username,
		password,
		address
	});

	it('hashes with argon2id and verifies', async () => {
		const hash = await hashPassword('x', cheapHashCost);
		expect(hash).toMatch(/^\$argon2id\$/);
		expect(await verifyPassword(hash, 'x')).toBe(true);
		expect(await verifyPassword(hash, 'y')).toBe(false);
		expect(await verifyPassword('garbage', 'y')).toBe(false);
	});

	it('logs in, and the session resolves to the user and centre', async () => {
		const outcome = await login(t.db, as('auth-a-clerk'), options());
		if (!outcome.ok) throw new Error('login failed');
		expect(outcome.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(outcome.me.user).toEqual(centre.users.clerk);
		expect(outcome.me.centre).toEqual({ id: 'auth-a', name: '测试中心 auth-a', slug: 'auth-a' });
		expect(await sessionUser(t.db, outcome.token, t0)).toEqual(outcome.me);
	});

	it('expires sessions and lets them be revoked', async () => {
		const user = centre.users.duty;
		const a = await createSession(t.db, user.id, { hours: 12, now: t0 });
		const b = await createSession(t.db, user.id, { hours: 12, now: t0 });
		const c = await createSession(t.db, user.id, { hours: 12, now: t0 });
		expect(await sessionUser(t.db, a.token, new Date(t0.getTime() + 11 * 3600_000))).not.toBeNull();
		expect(await sessionUser(t.db, a.token, new Date(t0.getTime() + 12 * 3600_000))).toBeNull();
		await revokeSession(t.db, b.token, t0);
		expect(await sessionUser(t.db, b.token, t0)).toBeNull();
		expect(await sessionUser(t.db, c.token, t0)).not.toBeNull();
		await revokeUserSessions(t.db, user.id, t0);
		expect(await sessionUser(t.db, c.token, t0)).toBeNull();
		expect(await sessionUser(t.db, 'not-a-token', t0)).toBeNull();
	});

	it('refuses a disabled account', async () => {
		const user = centre.users.viewer;
		const s = await createSession(t.db, user.id, { hours: 12, now: t0 });
		await t.db.orm.update(users).set({ active: false }).where(eq(users.id, user.id));
		expect(await sessionUser(t.db, s.token, t0)).toBeNull();
		expect(await login(t.db, as('auth-a-viewer'), options())).toEqual({
			ok: false,
			reason: 'invalid'
		});
		await t.db.orm.update(users).set({ active: true }).where(eq(users.id, user.id));
	});

	it('limits failures per username and address, even for the right password', async () => {
		const name = 'auth-a-manager';
		for (let i = 0; i < limits.maxFailures; i++) {
			expect(await login(t.db, as(name, 'wrong', '10.1.0.1'), options())).toEqual({
				ok: false,
				reason: 'invalid'
			});
		}
		const locked = await login(t.db, as(name.toUpperCase(), PASSWORD, '10.1.0.1'), options());
		expect(locked).toEqual({ ok: false, reason: 'rate-limited', retryAfterSeconds: 30 });
		// Failures from one address lock nobody out at another: the owner still gets in.
		expect((await login(t.db, as(name, PASSWORD, '10.9.9.9'), options())).ok).toBe(true);
	});

	it('doubles the wait with every failure past the limit, up to the window', async () => {
		const name = 'auth-a-duty';
		const address = '10.5.5.5';
		let now = t0.getTime();
		const at = () => options(new Date(now));
		for (let i = 0; i < limits.maxFailures; i++) await login(t.db, as(name, 'x', address), at());
		const waits: number[] = [];
		for (let i = 0; i < 6; i++) {
			const outcome = await login(t.db, as(name, 'x', address), at());
			if (outcome.ok || outcome.reason !== 'rate-limited') throw new Error('not locked');
			waits.push(outcome.retryAfterSeconds);
			// Wait it out, then fail once more.
			now += outcome.retryAfterSeconds * 1000;
			expect(await login(t.db, as(name, 'x', address), at())).toEqual({
				ok: false,
				reason: 'invalid'
			});
		}
		expect(waits).toEqual([30, 60, 120, 240, 480, 900]);
		// After the wait, the right password still works, and clears this pair's failures.
		const last = await login(t.db, as(name, 'x', address), at());
		if (last.ok || last.reason !== 'rate-limited') throw new Error('not locked');
		now += last.retryAfterSeconds * 1000;
		expect((await login(t.db, as(name, PASSWORD, address), at())).ok).toBe(true);
		expect(await login(t.db, as(name, 'x', address), at())).toEqual({
			ok: false,
			reason: 'invalid'
		});
	});

	it('limits failures per address across usernames', async () => {
		for (let i = 0; i < limits.maxFailuresPerAddress; i++) {
			await login(t.db, as(`nobody-${i}`, 'wrong', '10.2.2.2'), options());
		}
		const locked = await login(t.db, as('auth-a-admin', PASSWORD, '10.2.2.2'), options());
		expect(locked).toMatchObject({ ok: false, reason: 'rate-limited' });
		expect((await login(t.db, as('auth-a-admin', PASSWORD, '10.3.3.3'), options())).ok).toBe(true);
	});

	it('computes the growing wait', () => {
		expect(lockSeconds(2, 3, 15)).toBe(0);
		expect(lockSeconds(3, 3, 15)).toBe(30);
		expect(lockSeconds(5, 3, 15)).toBe(120);
		expect(lockSeconds(500, 3, 15)).toBe(900);
	});

	it('answers login, me and logout over HTTP with a safe cookie', async () => {
		const app = appOf(t.db);
		const bad = await loginPost(
			fakeEvent(app, { method: 'POST', body: '{"username":', headers: {} }).event
		);
		expect(bad.status).toBe(400);
		expect(await bad.json()).toMatchObject({ error: '请求格式不正确' });

		const wrong = await loginPost(
			fakeEvent(app, {
				method: 'POST',
				address: '10.4.4.4',
				...jsonBody({ username: 'auth-a-duty', password: 'nope' })
			}).event
		);
		expect(wrong.status).toBe(401);

		const ok = fakeEvent(app, {
			method: 'POST',
			url: 'https://hall.example/api/auth/login',
			...jsonBody({ username: 'auth-a-duty', password: PASSWORD })
		});
		const res = await loginPost(ok.event);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({
			user: centre.users.duty,
			centre: { id: 'auth-a', name: '测试中心 auth-a', slug: 'auth-a' }
		});
		const cookie = ok.jar.get(SESSION_COOKIE);
		expect(cookie?.options).toMatchObject({
			httpOnly: true,
			sameSite: 'lax',
			secure: true,
			path: '/'
		});
		const token = cookie!.value;
		const me = await sessionUser(t.db, token);
		expect(me?.user.username).toBe('auth-a-duty');

		const meOk = await meGet(fakeEvent(app, { user: me!.user }).event);
		expect((await meOk.json()).user).toEqual(centre.users.duty);
		expect((await meGet(fakeEvent(app).event)).status).toBe(401);

		const out = fakeEvent(app, { method: 'POST', cookies: { [SESSION_COOKIE]: token } });
		expect((await logoutPost(out.event)).status).toBe(200);
		expect(out.jar.get(SESSION_COOKIE)).toBeNull();
		expect(await sessionUser(t.db, token)).toBeNull();
	});

	it('answers 429 with Retry-After over HTTP', async () => {
		const app = appOf(t.db);
		const attempt = () =>
			loginPost(
				fakeEvent(app, {
					method: 'POST',
					address: '10.5.5.5',
					...jsonBody({ username: 'auth-a-clerk', password: 'wrong' })
				}).event
			);
		// The endpoint uses the configured default of 5 failures per username.
		for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(401);
		const limited = await attempt();
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
	});
});
