/**
 * Login with a limit on failures per username and per address, so a password cannot be guessed
 * at speed. The limit is checked before the password, and a locked account answers 429 whether
 * or not the password was right.
 */
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { loginFailures, users } from '../db/schema';
import { verifyPassword } from './password';
import { createSession, lacksDepartment, sessionUser, type Me } from './session';

export interface LoginLimits {
	maxFailures: number;
	maxFailuresPerAddress: number;
	windowMinutes: number;
}

export interface LoginOptions {
	limits: LoginLimits;
	sessionHours: number;
	now?: Date;
}

export type LoginOutcome =
	| { ok: true; token: string; expiresAt: Date; me: Me }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'no-department' }
	| { ok: false; reason: 'rate-limited'; retryAfterSeconds: number };

// Checked when the username does not exist, so that an unknown name costs as long as a wrong
// password and the answer time does not tell which names exist.
const decoyHash =
	'$argon2id$v=19$m=19456,t=2,p=1$lO2dPr8P37+51hwU7zM7tw$DXbfC1r8As+oArEP4JroI3XT9m5Y8HW3HAxgW/olUew';

export async function login(
	db: Db,
	credentials: { username: string; password: string; address: string },
	{ limits, sessionHours, now = new Date() }: LoginOptions
): Promise<LoginOutcome> {
	const username = credentials.username.trim();
	const limiterKey = username.toLowerCase();
	const since = new Date(now.getTime() - limits.windowMinutes * 60_000);

	const locked = await lockedFor(db, now, since, limits.windowMinutes, [
		[eq(loginFailures.username, limiterKey), limits.maxFailures],
		[eq(loginFailures.address, credentials.address), limits.maxFailuresPerAddress]
	]);
	if (locked > 0) return { ok: false, reason: 'rate-limited', retryAfterSeconds: locked };

	const [user] = await db.orm
		.select({
			id: users.id,
			passwordHash: users.passwordHash,
			active: users.active,
			role: users.role,
			departmentId: users.departmentId
		})
		.from(users)
		.where(eq(users.username, username));
	const passwordOk = await verifyPassword(user?.passwordHash ?? decoyHash, credentials.password);
	if (!user || !user.active || !passwordOk) {
		await db.orm
			.insert(loginFailures)
			.values({ username: limiterKey, address: credentials.address, at: now });
		return { ok: false, reason: 'invalid' };
	}
	// Told only after the password is right, so it says nothing to someone guessing.
	if (lacksDepartment(user)) return { ok: false, reason: 'no-department' };

	const { token, expiresAt } = await createSession(db, user.id, { hours: sessionHours, now });
	const me = await sessionUser(db, token, now);
	if (!me) throw new Error('a session just created does not resolve');
	return { ok: true, token, expiresAt, me };
}

/** Seconds until the first of the limits that is reached lets up again; 0 when none is. */
async function lockedFor(
	db: Db,
	now: Date,
	since: Date,
	windowMinutes: number,
	checks: [ReturnType<typeof eq>, number][]
): Promise<number> {
	let wait = 0;
	for (const [condition, max] of checks) {
		const [row] = await db.orm
			.select({
				failures: sql<number>`count(*)::int`.mapWith(Number),
				oldest: sql<Date | null>`min(${loginFailures.at})`.mapWith(loginFailures.at)
			})
			.from(loginFailures)
			.where(and(condition, gt(loginFailures.at, since)));
		if (row.failures >= max && row.oldest) {
			const freeAt = row.oldest.getTime() + windowMinutes * 60_000;
			wait = Math.max(wait, Math.ceil((freeAt - now.getTime()) / 1000), 1);
		}
	}
	return wait;
}
