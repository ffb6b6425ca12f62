/**
 * Login with limits on failures, so a password cannot be guessed at speed — and so that nobody can
 * lock a colleague out from another address (issue 14). Failures are counted per username AND
 * address together, and per address across usernames; a username alone is never locked, since
 * anyone can type it. Past the limit each further failure doubles the wait, from
 * LOCK_BASE_SECONDS up to the window. The limit is checked before the password, and a locked pair
 * answers 429 whether or not the password was right.
 */
import { and, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open';
import { loginFailures, users } from '../db/schema';
import { verifyPassword } from './password';
import { createSession, lacksDepartment, sessionUser, type Me } from './session';

export interface LoginLimits {
	/** Failures of one username from one address before the wait starts. */
	maxFailures: number;
	/** Failures from one address, any usernames, before the wait starts. */
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

/** The first wait once a limit is reached; each further failure doubles it. */
export const LOCK_BASE_SECONDS = 30;

/**
 * How long a pair's failures are remembered. Longer than the window, or the doubling would undo
 * itself: waits that add up past the window would drop the failures that made them long. The
 * right password clears them sooner.
 */
export const PAIR_MEMORY_HOURS = 24;

/** Seconds to wait after the latest of `failures` failures; 0 below the limit. */
export function lockSeconds(failures: number, max: number, windowMinutes: number): number {
	if (failures < max) return 0;
	return Math.min(windowMinutes * 60, LOCK_BASE_SECONDS * 2 ** Math.min(failures - max, 20));
}

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
	const pairSince = new Date(now.getTime() - PAIR_MEMORY_HOURS * 3600_000);
	const pair = and(
		eq(loginFailures.username, limiterKey),
		eq(loginFailures.address, credentials.address)
	);

	// A hall behind one router shares an address: its count forgets after the window.
	const locked = await lockedFor(db, now, limits.windowMinutes, [
		[pair, pairSince, limits.maxFailures],
		[eq(loginFailures.address, credentials.address), since, limits.maxFailuresPerAddress]
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
	// The right password from this address: its own slips are forgiven, the address count is not.
	await db.orm.delete(loginFailures).where(pair);

	const { token, expiresAt } = await createSession(db, user.id, { hours: sessionHours, now });
	const me = await sessionUser(db, token, now);
	if (!me) throw new Error('a session just created does not resolve');
	return { ok: true, token, expiresAt, me };
}

/** Seconds until the longest of the waits that apply runs out; 0 when none does. Also guards the
 * current password of a password change (password-change.ts). */
export async function lockedFor(
	db: Db,
	now: Date,
	windowMinutes: number,
	checks: [SQL | undefined, Date, number][]
): Promise<number> {
	let wait = 0;
	for (const [condition, since, max] of checks) {
		const [row] = await db.orm
			.select({
				failures: sql<number>`count(*)::int`.mapWith(Number),
				latest: sql<Date | null>`max(${loginFailures.at})`.mapWith(loginFailures.at)
			})
			.from(loginFailures)
			.where(and(condition, gt(loginFailures.at, since)));
		const seconds = lockSeconds(row.failures, max, windowMinutes);
		if (seconds > 0 && row.latest) {
			const freeAt = row.latest.getTime() + seconds * 1000;
			const left = Math.ceil((freeAt - now.getTime()) / 1000);
			if (left > 0) wait = Math.max(wait, left);
		}
	}
	return wait;
}
