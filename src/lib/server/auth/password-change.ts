/**
 * Password changes. A new password ends every other session of the account at once, event
 * streams included, so whoever learnt the old password is out everywhere. A user changing their
 * own keeps the session they did it from; an admin's reset (`setPassword` without `keep`) ends all.
 */
import { and, eq } from 'drizzle-orm';
import { accountPassword } from '$lib/schemas';
import type { Db } from '../db/open';
import { loginFailures, users } from '../db/schema';
import { lockedFor, type LoginLimits } from './login';
import { defaultHashCost, hashPassword, verifyPassword, type HashCost } from './password';
import { forgetUserSessions, revokeUserSessionsIn } from './session';

/** As scripts/create-admin.ts asks: at least 10 characters (schemas/people.ts). */
export const newPassword = accountPassword;

export interface PasswordOptions {
	now?: Date;
	cost?: HashCost;
}

/**
 * Sets a user's password and ends their sessions but `keep` (a token), in one transaction: a
 * crash cannot leave the new password in place with the old sessions still live. Returns how
 * many sessions ended. For an admin screen's reset, and for the user's own change below.
 */
export async function setPassword(
	db: Db,
	userId: string,
	password: string,
	{ keep, now = new Date(), cost = defaultHashCost }: PasswordOptions & { keep?: string } = {}
): Promise<number> {
	const passwordHash = await hashPassword(newPassword.parse(password), cost);
	const ended = await db.orm.transaction(async (tx) => {
		const updated = await tx
			.update(users)
			.set({ passwordHash })
			.where(eq(users.id, userId))
			.returning({ id: users.id });
		if (updated.length === 0) throw new Error(`user ${userId} does not exist`);
		return revokeUserSessionsIn(tx, userId, { now, except: keep });
	});
	// A request that looked the sessions up while the transaction ran may have remembered them.
	forgetUserSessions(userId);
	return ended;
}

export type ChangeOutcome =
	| { ok: true; endedSessions: number }
	| { ok: false; reason: 'wrong-password' }
	| { ok: false; reason: 'rate-limited'; retryAfterSeconds: number };

/**
 * A user's change of their own password, proven with the current one. Wrong current passwords
 * count as failed logins of the account, so a stolen session cannot guess its way to the password.
 */
export async function changeOwnPassword(
	db: Db,
	who: { userId: string; username: string; address: string; token: string },
	{ current, next }: { current: string; next: string },
	{ limits, now = new Date(), cost }: PasswordOptions & { limits: LoginLimits }
): Promise<ChangeOutcome> {
	const limiterKey = who.username.toLowerCase();
	const since = new Date(now.getTime() - limits.windowMinutes * 60_000);
	// The same limits as a login from this address (login.ts): by username and address together.
	const locked = await lockedFor(db, now, limits.windowMinutes, [
		[
			and(eq(loginFailures.username, limiterKey), eq(loginFailures.address, who.address)),
			since,
			limits.maxFailures
		],
		[eq(loginFailures.address, who.address), since, limits.maxFailuresPerAddress]
	]);
	if (locked > 0) return { ok: false, reason: 'rate-limited', retryAfterSeconds: locked };
	const [user] = await db.orm
		.select({ passwordHash: users.passwordHash })
		.from(users)
		.where(eq(users.id, who.userId));
	if (!user || !(await verifyPassword(user.passwordHash, current))) {
		await db.orm
			.insert(loginFailures)
			.values({ username: limiterKey, address: who.address, at: now });
		return { ok: false, reason: 'wrong-password' };
	}
	const endedSessions = await setPassword(db, who.userId, next, { keep: who.token, now, cost });
	return { ok: true, endedSessions };
}
