import { beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { POST as loginPost } from '../../../routes/api/auth/login/+server';
import { POST as logoutPost } from '../../../routes/api/auth/logout/+server';
import { GET as meGet } from '../../../routes/api/auth/me/+server';
import { POST as passwordPost } from '../../../routes/api/auth/password/+server';
import { GET as eventsGet } from '../../../routes/api/sync/events/+server';
import { users } from '../db/schema';
import { drivers } from '../testing/databases';
import { appOf, fakeEvent, jsonBody } from '../testing/events';
import {} from '../testing/fixtures';
import { useTestCentre, useTestDb } from '../testing/suite';
import { cheapHashCost, hashPassword, verifyPassword } from './password';
import { lockSeconds, login, type LoginOptions } from './login';
import { setPassword } from './password-change';
import {
	createSession,
	revokeSession,
	revokeUserSessions,
	sessionCookie,
	sessionUser
} from './session';

const httpCookie = sessionCookie(new URL('http://localhost')).name;
const httpsCookie = sessionCookie(new URL('https://hall.example')).name;

// Opening PGlite and a fresh PostgreSQL database is slow on a busy 2-core machine.
vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

const PASSWORD = 'right-pass-123';
const limits = { maxFailures: 3, maxFailuresPerAddress: 6, windowMinutes: 15 };

describe.each(drivers)('auth on %s', (driver) => {
	const t = useTestDb(driver);
	const centre = useTestCentre(t, 'auth-a');
	const t0 = new Date('2026-06-06T01:00:00Z');
	const options = (now = t0): LoginOptions => ({ limits, sessionHours: 12, now });

	beforeAll(async () => {
		const hash = await hashPassword(PASSWORD, cheapHashCost);
		await t.db.orm.update(users).set({ passwordHash: hash });
	});

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
		// Over https the cookie is __Host- prefixed and Secure, for this host and path only.
		expect(httpsCookie).toBe('__Host-budayang_session');
		expect(ok.jar.has(httpCookie)).toBe(false);
		const cookie = ok.jar.get(httpsCookie);
		expect(cookie?.options.domain).toBeUndefined();
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

		const out = fakeEvent(app, {
			method: 'POST',
			url: 'https://hall.example/api/auth/logout',
			cookies: { [httpsCookie]: token }
		});
		expect((await logoutPost(out.event)).status).toBe(200);
		expect(out.jar.get(httpsCookie)).toBeNull();
		expect(await sessionUser(t.db, token)).toBeNull();

		// Over plain http (localhost in development and tests) the bare name works without Secure.
		const local = fakeEvent(app, {
			method: 'POST',
			address: '10.4.4.5',
			...jsonBody({ username: 'auth-a-duty', password: PASSWORD })
		});
		expect((await loginPost(local.event)).status).toBe(200);
		expect(httpCookie).toBe('budayang_session');
		expect(local.jar.get(httpCookie)?.options).toMatchObject({ secure: false, httpOnly: true });
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

	it('changes a password: the other sessions end, this one stays, the old password stops working', async () => {
		const app = appOf(t.db);
		const user = centre.users.manager;
		const mine = await createSession(t.db, user.id, { hours: 12 });
		const other = await createSession(t.db, user.id, { hours: 12 });
		const change = (body: unknown, address = '10.6.6.6') =>
			passwordPost(
				fakeEvent(app, {
					method: 'POST',
					user,
					address,
					cookies: { [httpCookie]: mine.token },
					...jsonBody(body)
				}).event
			);
		const next = 'new-pass-4567';

		// Bad input: too short, the same as before, text PostgreSQL cannot store.
		for (const body of [
			{ currentPassword: PASSWORD, newPassword: 'short' },
			{ currentPassword: PASSWORD, newPassword: PASSWORD },
			{ currentPassword: PASSWORD, newPassword: 'x\u0000'.repeat(6) }
		]) {
			const res = await change(body);
			expect(res.status, JSON.stringify(body)).toBe(400);
			expect((await res.json()).error).toBe('请求格式不正确');
		}
		const anonymous = await passwordPost(
			fakeEvent(app, {
				method: 'POST',
				...jsonBody({ currentPassword: PASSWORD, newPassword: next })
			}).event
		);
		expect(anonymous.status).toBe(401);

		const wrong = await change({ currentPassword: 'not-it', newPassword: next });
		expect(wrong.status).toBe(403);
		expect((await wrong.json()).error).toBe('当前密码不正确');
		expect(await sessionUser(t.db, other.token)).not.toBeNull();

		const ok = await change({ currentPassword: PASSWORD, newPassword: next });
		expect(ok.status).toBe(200);
		expect(await ok.json()).toEqual({ ok: true, endedSessions: expect.any(Number) });
		expect(await sessionUser(t.db, mine.token)).not.toBeNull();
		expect(await sessionUser(t.db, other.token)).toBeNull();
		const as = (password: string) =>
			login(
				t.db,
				{ username: 'auth-a-manager', password, address: '10.7.7.7' },
				options(new Date())
			);
		expect((await as(PASSWORD)).ok).toBe(false);
		expect((await as(next)).ok).toBe(true);

		// An admin's reset ends every session: the admin's screen has none of the user's to keep.
		const before = await createSession(t.db, user.id, { hours: 12 });
		expect(
			await setPassword(t.db, user.id, PASSWORD, { cost: cheapHashCost })
		).toBeGreaterThanOrEqual(2);
		expect(await sessionUser(t.db, before.token)).toBeNull();
		expect(await sessionUser(t.db, mine.token)).toBeNull();
		expect((await as(PASSWORD)).ok).toBe(true);
		await expect(setPassword(t.db, user.id, 'short')).rejects.toThrow();
		await expect(
			setPassword(t.db, 'no-such-user', 'long-enough-1', { cost: cheapHashCost })
		).rejects.toThrow(/does not exist/);
	});

	it('limits wrong current passwords like failed logins', async () => {
		const app = appOf(t.db);
		const user = centre.users.admin;
		const { token } = await createSession(t.db, user.id, { hours: 12 });
		const attempt = () =>
			passwordPost(
				fakeEvent(app, {
					method: 'POST',
					user,
					address: '10.8.8.8',
					cookies: { [httpCookie]: token },
					...jsonBody({ currentPassword: 'guess', newPassword: 'new-pass-4567' })
				}).event
			);
		for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(403);
		const limited = await attempt();
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
	});

	describe('event streams end with their session', () => {
		async function open(hours = 12) {
			const app = appOf(t.db);
			const user = centre.users.viewer;
			const session = await createSession(t.db, user.id, { hours });
			const { event } = fakeEvent(app, {
				user,
				url: 'http://localhost/api/sync/events',
				cookies: { [httpCookie]: session.token }
			});
			const res = await eventsGet(event);
			expect(res.status).toBe(200);
			const reader = res.body!.getReader();
			const decoder = new TextDecoder();
			let text = '';
			// Resolves when the server closes the stream; the test times out if it never does.
			const ended = (async () => {
				for (;;) {
					const { value, done } = await reader.read();
					if (done) return text;
					text += decoder.decode(value);
				}
			})();
			await expect.poll(() => text).toContain('event: poke');
			return { app, session, ended, user };
		}

		it('at logout, while a stream of another session of the user stays open', async () => {
			const a = await open();
			const b = await open();
			const out = fakeEvent(a.app, { method: 'POST', cookies: { [httpCookie]: a.session.token } });
			expect((await logoutPost(out.event)).status).toBe(200);
			expect(await a.ended).toContain('event: poke');
			await expect.poll(() => a.app.hub.size).toBe(0);
			const stillOpen = await Promise.race([
				b.ended.then(() => false),
				new Promise((r) => setTimeout(() => r(true), 500))
			]);
			expect(stillOpen).toBe(true);
			await revokeSession(t.db, b.session.token);
			await b.ended;
		});

		it('when the password changes on another device, or every session is revoked', async () => {
			const a = await open();
			await setPassword(t.db, a.user.id, PASSWORD, { cost: cheapHashCost });
			await a.ended;
			const b = await open();
			expect(await revokeUserSessions(t.db, b.user.id)).toBeGreaterThanOrEqual(1);
			await b.ended;
		});

		it('when it expires', async () => {
			const started = Date.now();
			const a = await open(2 / 3600);
			await a.ended;
			expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
			await expect.poll(() => a.app.hub.size).toBe(0);
		});

		it('and a revoked session cannot open one', async () => {
			const app = appOf(t.db);
			const user = centre.users.viewer;
			const session = await createSession(t.db, user.id, { hours: 1 });
			await revokeSession(t.db, session.token);
			const res = await eventsGet(
				fakeEvent(app, { user, cookies: { [httpCookie]: session.token } }).event
			);
			expect(res.status).toBe(401);
		});
	});
});
