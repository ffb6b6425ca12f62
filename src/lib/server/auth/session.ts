/**
 * Sessions: a random 32-byte token in an httpOnly cookie; the database keeps only its SHA-256,
 * with an expiry and a revocation time.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { SessionUser } from '$lib/schemas';
import type { Db } from '../db/open';
import { centres, sessions, users } from '../db/schema';

export const SESSION_COOKIE = 'budayang_session';

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
	const [row] = await db.orm
		.select({
			id: users.id,
			username: users.username,
			name: users.name,
			role: users.role,
			centreId: users.centreId,
			departmentId: users.departmentId,
			centreName: centres.name,
			centreSlug: centres.slug
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.innerJoin(centres, eq(centres.id, users.centreId))
		.where(
			and(
				eq(sessions.tokenHash, hashToken(token)),
				isNull(sessions.revokedAt),
				gt(sessions.expiresAt, now),
				eq(users.active, true)
			)
		);
	if (!row) return null;
	return {
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
}

/**
 * A clerk keeps one department's ledger; without a department there is nothing they may see,
 * so such an account is refused at login and by every endpoint (docs/roles.md).
 */
export const lacksDepartment = (user: { role: string; departmentId?: string | null }) =>
	user.role === 'clerk' && !user.departmentId;

export async function revokeSession(db: Db, token: string, now: Date = new Date()): Promise<void> {
	await db.orm
		.update(sessions)
		.set({ revokedAt: now })
		.where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt)));
}

/** Ends every session of a user, e.g. when the account is disabled or its password changed. */
export async function revokeUserSessions(
	db: Db,
	userId: string,
	now: Date = new Date()
): Promise<void> {
	await db.orm
		.update(sessions)
		.set({ revokedAt: now })
		.where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}
