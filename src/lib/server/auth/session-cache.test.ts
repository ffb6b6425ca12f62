import { describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { POST as logoutPost } from '../../../routes/api/auth/logout/+server';
import { sessions } from '../db/schema';
import { drivers } from '../testing/databases';
import { appOf, fakeEvent } from '../testing/events';
import {} from '../testing/fixtures';
import { useTestCentre, useTestDb } from '../testing/suite';
import { cheapHashCost } from './password';
import { setPassword } from './password-change';
import {
	cachedSessionUser,
	createSession,
	hashToken,
	SESSION_CACHE_MS,
	sessionCookie
} from './session';

vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

const cookie = sessionCookie(new URL('http://localhost')).name;

describe.each(drivers)('sessions remembered on %s', (driver) => {
	const t = useTestDb(driver);
	const centre = useTestCentre(t, 'session-cache');

	/** Session lookups that reach the database. */
	function reads() {
		const spy = vi.spyOn(t.db.orm, 'select');
		return { count: () => spy.mock.calls.length, restore: () => spy.mockRestore() };
	}

	it('reads a session once within the bound and again after it', async () => {
		const user = centre.users.duty;
		const { token } = await createSession(t.db, user.id, { hours: 12 });
		const now = new Date();
		const counted = reads();
		try {
			expect((await cachedSessionUser(t.db, token, now))?.user).toEqual(user);
			expect(counted.count()).toBe(1);
			const later = new Date(now.getTime() + SESSION_CACHE_MS - 1);
			expect((await cachedSessionUser(t.db, token, later))?.user).toEqual(user);
			expect(counted.count()).toBe(1);
			const past = new Date(now.getTime() + SESSION_CACHE_MS + 1);
			expect((await cachedSessionUser(t.db, token, past))?.user).toEqual(user);
			expect(counted.count()).toBe(2);
		} finally {
			counted.restore();
		}
	});

	it('forgets a session at logout at once', async () => {
		const { token } = await createSession(t.db, centre.users.manager.id, { hours: 12 });
		expect(await cachedSessionUser(t.db, token)).not.toBeNull();
		const out = fakeEvent(appOf(t.db), { method: 'POST', cookies: { [cookie]: token } });
		expect((await logoutPost(out.event)).status).toBe(200);
		expect(await cachedSessionUser(t.db, token)).toBeNull();
	});

	it("forgets a user's sessions at a password change, except the one kept", async () => {
		const user = centre.users.admin;
		const mine = await createSession(t.db, user.id, { hours: 12 });
		const other = await createSession(t.db, user.id, { hours: 12 });
		expect(await cachedSessionUser(t.db, mine.token)).not.toBeNull();
		expect(await cachedSessionUser(t.db, other.token)).not.toBeNull();
		await setPassword(t.db, user.id, 'a-new-pass-2026', { keep: mine.token, cost: cheapHashCost });
		expect(await cachedSessionUser(t.db, other.token)).toBeNull();
		expect((await cachedSessionUser(t.db, mine.token))?.user).toEqual(user);
	});

	it('believes a session revoked by another app server until the bound, no longer', async () => {
		const { token } = await createSession(t.db, centre.users.clerk.id, { hours: 12 });
		const now = new Date();
		expect(await cachedSessionUser(t.db, token, now)).not.toBeNull();
		// Another app server revoked it; this one has no stream open, so no NOTIFY reaches it.
		await t.db.orm
			.update(sessions)
			.set({ revokedAt: now })
			.where(eq(sessions.tokenHash, hashToken(token)));
		expect(await cachedSessionUser(t.db, token, new Date(now.getTime() + 1000))).not.toBeNull();
		const past = new Date(now.getTime() + SESSION_CACHE_MS + 1);
		expect(await cachedSessionUser(t.db, token, past)).toBeNull();
	});

	it('never remembers a session past its expiry', async () => {
		const now = new Date();
		const { token } = await createSession(t.db, centre.users.duty.id, {
			hours: 1 / 3600, // one second
			now
		});
		expect(await cachedSessionUser(t.db, token, now)).not.toBeNull();
		expect(await cachedSessionUser(t.db, token, new Date(now.getTime() + 1500))).toBeNull();
	});
});
