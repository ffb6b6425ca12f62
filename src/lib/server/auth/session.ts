/**
 * Sessions: a random 32-byte token in an httpOnly cookie; the database keeps only its SHA-256,
 * with an expiry and a revocation time. A revocation is announced on SESSIONS_CHANNEL, so an open
 * event stream of that session closes on whichever app server holds it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { SessionUser } from '$lib/schemas';
import type { Db, Orm, OrmTx } from '../db/open';
import { centres, sessions, users } from '../db/schema';

/**
 * The session cookie. Over https it is `__Host-` prefixed and Secure: the browser then keeps it
 * from plain http and from any other host or path of the domain (a sibling subdomain cannot set
 * or shadow it). Browsers refuse a `__Host-` cookie that is not Secure, so over plain http (a
 * server on localhost in development and tests) it goes by its bare name.
 */
export function sessionCookie(url: URL): { name: string; secure: boolean } {
	return url.protocol === 'https:'
		? { name: '__Host-budayang_session', secure: true }
		: { name: 'budayang_session', secure: false };
}

/** NOTIFY channel of revoked sessions: `{"revoked":[tokenHash, …]}`. */
export const SESSIONS_CHANNEL = 'budayang_sessions';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface CentreSummary {
	id: string;
	name: string;
	slug: string;
}

/** The answer of GET /api/auth/me and of a login. */
export interface Me {
	user: SessionUser;
	centre: CentreSummary;
}

export async function createSession(
	db: Db,
	userId: string,
	{ hours, now = new Date() }: { hours: number; now?: Date }
): Promise<{ token: string; expiresAt: Date }> {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + hours * 3600_000);
	await db.orm
		.insert(sessions)
		.values({ tokenHash: hashToken(token), userId, createdAt: now, expiresAt });
	return { token, expiresAt };
}

/** The user behind a token, if the session is live and the account active. */
export async function sessionUser(
	db: Db,
	token: string,
	now: Date = new Date()
): Promise<Me | null> {
	return (await lookup(db, hashToken(token), now))?.me ?? null;
}

async function lookup(
	db: Db,
	tokenHash: string,
	now: Date
): Promise<{ me: Me; expiresAt: Date } | null> {
	const [row] = await db.orm
		.select({
			id: users.id,
			username: users.username,
			name: users.name,
			role: users.role,
			centreId: users.centreId,
			departmentId: users.departmentId,
			centreName: centres.name,
			centreSlug: centres.slug,
			expiresAt: sessions.expiresAt
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.innerJoin(centres, eq(centres.id, users.centreId))
		.where(
			and(
				eq(sessions.tokenHash, tokenHash),
				isNull(sessions.revokedAt),
				gt(sessions.expiresAt, now),
				eq(users.active, true)
			)
		);
	if (!row) return null;
	const me: Me = {
		user: {
			id: row.id,
			username: row.username,
			name: row.name,
			role: row.role,
			centreId: row.centreId,
			...(row.departmentId && { departmentId: row.departmentId })
		},
		centre: { id: row.centreId, name: row.centreName, slug: row.centreSlug }
	};
	return { me, expiresAt: row.expiresAt };
}

/**
 * How long this app server believes a session it looked up without asking the database again
 * (docs/security.md, "Sessions"). A revocation made by this process takes effect at once; one
 * made by another app server within this bound, or at once when this one LISTENs to
 * SESSIONS_CHANNEL (an event stream is open here).
 */
export const SESSION_CACHE_MS = 5_000;
/** Enough for every tablet of a large hall; past it the oldest is dropped. */
const MAX_CACHED = 10_000;

const cachedSessions = new Map<string, { me: Me; until: number }>();
/** Moved by every revocation, so a lookup that read before it does not cache what it read. */
let revocations = 0;

/** `sessionUser` for every request: remembered for SESSION_CACHE_MS. */
export async function cachedSessionUser(
	db: Db,
	token: string,
	now: Date = new Date()
): Promise<Me | null> {
	const tokenHash = hashToken(token);
	const hit = cachedSessions.get(tokenHash);
	if (hit && hit.until > now.getTime()) return hit.me;
	cachedSessions.delete(tokenHash);
	const before = revocations;
	const found = await lookup(db, tokenHash, now);
	if (!found) return null;
	if (before === revocations) {
		if (cachedSessions.size >= MAX_CACHED) {
			const oldest = cachedSessions.keys().next().value;
			if (oldest !== undefined) cachedSessions.delete(oldest);
		}
		const until = Math.min(now.getTime() + SESSION_CACHE_MS, found.expiresAt.getTime());
		cachedSessions.set(tokenHash, { me: found.me, until });
	}
	return found.me;
}

/** Forgets sessions by token hash: revoked here, or announced revoked by another app server. */
export function forgetSessions(tokenHashes: readonly string[]): void {
	revocations += 1;
	for (const hash of tokenHashes) cachedSessions.delete(hash);
}

/** Forgets every session of a user, after a transaction that revoked them has committed. */
export function forgetUserSessions(userId: string): void {
	revocations += 1;
	for (const [hash, { me }] of cachedSessions) {
		if (me.user.id === userId) cachedSessions.delete(hash);
	}
}

/**
 * A clerk keeps one department's ledger; without a department there is nothing they may see,
 * so such an account is refused at login and by every endpoint (docs/roles.md).
 */
export const lacksDepartment = (user: { role: string; departmentId?: string | null }) =>
	user.role === 'clerk' && !user.departmentId;

/** The live session behind a token: what an event stream needs to know when to close. */
export async function liveSession(
	db: Db,
	token: string,
	now: Date = new Date()
): Promise<{ tokenHash: string; userId: string; expiresAt: Date } | null> {
	const tokenHash = hashToken(token);
	const [row] = await db.orm
		.select({ userId: sessions.userId, expiresAt: sessions.expiresAt })
		.from(sessions)
		.where(
			and(
				eq(sessions.tokenHash, tokenHash),
				isNull(sessions.revokedAt),
				gt(sessions.expiresAt, now)
			)
		);
	return row ? { tokenHash, ...row } : null;
}

// A NOTIFY payload holds at most 8000 bytes; 100 hashes of 64 characters stay well below.
const HASHES_PER_NOTIFY = 100;

/** Marks sessions revoked and announces them; in a transaction, the announcement goes at commit. */
async function revokeWhere(orm: Orm | OrmTx, where: ReturnType<typeof and>, now: Date) {
	const revoked = await orm
		.update(sessions)
		.set({ revokedAt: now })
		.where(and(where, isNull(sessions.revokedAt)))
		.returning({ tokenHash: sessions.tokenHash });
	// In a transaction the rows are still live to others until it commits: the caller forgets
	// them again after the commit (password-change.ts).
	forgetSessions(revoked.map((r) => r.tokenHash));
	for (let i = 0; i < revoked.length; i += HASHES_PER_NOTIFY) {
		const payload = { revoked: revoked.slice(i, i + HASHES_PER_NOTIFY).map((r) => r.tokenHash) };
		await orm.execute(sql`select pg_notify(${SESSIONS_CHANNEL}, ${JSON.stringify(payload)})`);
	}
	return revoked.length;
}

export async function revokeSession(db: Db, token: string, now: Date = new Date()): Promise<void> {
	await revokeWhere(db.orm, eq(sessions.tokenHash, hashToken(token)), now);
}

/** Ends every session of a user, e.g. when the account is disabled or its password changed. */
export async function revokeUserSessions(
	db: Db,
	userId: string,
	now: Date = new Date()
): Promise<number> {
	return revokeUserSessionsIn(db.orm, userId, { now });
}

/**
 * The same inside a transaction (the announcement then goes out at commit); `except` keeps the
 * session, by its token, of the person who made the change. Returns how many ended.
 */
export async function revokeUserSessionsIn(
	orm: Orm | OrmTx,
	userId: string,
	{ now = new Date(), except }: { now?: Date; except?: string } = {}
): Promise<number> {
	const others = except ? ne(sessions.tokenHash, hashToken(except)) : undefined;
	return revokeWhere(orm, and(eq(sessions.userId, userId), others), now);
}
