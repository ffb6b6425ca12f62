/**
 * The audit log: what an entry may hold (ids, mutation names, field names, non-personal values;
 * schemas/personal.ts says what is personal), and reading it newest first, one centre at a time
 * (managers and admins only).
 */
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { changedFields, redactPersonal } from '$lib/schemas/personal';
import type { Db, OrmTx } from './db/open';
import { auditLog, refusedMutations, users } from './db/schema';

/**
 * The most a stored argument or result detail may take, in bytes of JSON. A push body may be a
 * megabyte; kept whole in every entry, a loop of such pushes would fill the disk.
 */
export const MAX_STORED_JSON_BYTES = 4096;

/** The value itself when small enough, else a note of its size and its top-level keys. */
export function capped(value: unknown, maxBytes = MAX_STORED_JSON_BYTES): unknown {
	if (value === undefined) return null;
	const bytes = Buffer.byteLength(JSON.stringify(value) ?? 'null');
	if (bytes <= maxBytes) return value;
	const keys =
		value !== null && typeof value === 'object' && !Array.isArray(value)
			? Object.keys(value).slice(0, 40)
			: [];
	return { truncated: true, bytes, keys };
}

/** A mutation's arguments as the log keeps them: personal values redacted, size capped. */
export const auditArgs = (args: unknown): unknown => capped(redactPersonal(args ?? null));

/** Which fields of which rows a mutation changed; never the values. */
export const auditChanges = (
	changes: readonly { entity: string; id: string; op: string; before: unknown; after: unknown }[]
) =>
	changes.map((c) => ({
		entity: c.entity,
		id: c.id,
		op: c.op,
		fields: changedFields(c.before, c.after)
	}));

/** What a refused mutation is counted under. */
export interface RefusedKey {
	centreId: string;
	name: string;
	code: 'UNKNOWN_MUTATION' | 'FORBIDDEN';
}

/**
 * Counts mutations refused before they ran (unknown name, or a role it does not allow) instead of
 * logging them with their arguments: one row per centre, name and code, however often they are
 * sent. A group's refusals are summed first, so one statement counts them all.
 */
export async function countRefused(
	tx: OrmTx,
	refused: readonly { key: RefusedKey; userId: string; at: Date }[]
): Promise<void> {
	const rows = new Map<string, typeof refusedMutations.$inferInsert>();
	for (const { key, userId, at } of refused) {
		const k = `${key.centreId}\u0000${key.name}\u0000${key.code}`;
		const row = rows.get(k);
		if (!row) {
			rows.set(k, { ...key, count: 1, firstAt: at, lastAt: at, lastUserId: userId });
			continue;
		}
		row.count = (row.count ?? 0) + 1;
		row.lastUserId = userId;
		if (at > (row.lastAt as Date)) row.lastAt = at;
		if (at < (row.firstAt as Date)) row.firstAt = at;
	}
	if (rows.size === 0) return;
	await tx
		.insert(refusedMutations)
		.values([...rows.values()])
		.onConflictDoUpdate({
			target: [refusedMutations.centreId, refusedMutations.name, refusedMutations.code],
			set: {
				count: sql`${refusedMutations.count} + excluded.count`,
				lastAt: sql`greatest(${refusedMutations.lastAt}, excluded.last_at)`,
				lastUserId: sql`excluded.last_user_id`
			}
		});
}

export interface RefusedCount {
	name: string;
	code: string;
	count: number;
	lastAt: string;
	lastUserId: string;
}

export async function listRefused(db: Db, centreId: string): Promise<RefusedCount[]> {
	const rows = await db.orm
		.select()
		.from(refusedMutations)
		.where(eq(refusedMutations.centreId, centreId))
		.orderBy(desc(refusedMutations.lastAt));
	return rows.map((r) => ({
		name: r.name,
		code: r.code,
		count: r.count,
		lastAt: r.lastAt.toISOString(),
		lastUserId: r.lastUserId
	}));
}

export interface AuditEntry {
	id: number;
	at: string;
	userId: string;
	userName: string | null;
	deviceId: string;
	mutationId: number;
	name: string;
	status: 'applied' | 'rejected';
	code: string | null;
	args: unknown;
	changes: unknown;
}

export interface AuditPage {
	entries: AuditEntry[];
	/** Pass as `before` for the next, older page; null when this was the oldest. */
	nextBefore: number | null;
}

export async function listAudit(
	db: Db,
	centreId: string,
	{ limit, before }: { limit: number; before?: number }
): Promise<AuditPage> {
	const rows = await db.orm
		.select({
			id: auditLog.id,
			at: auditLog.at,
			userId: auditLog.userId,
			userName: users.name,
			deviceId: auditLog.deviceId,
			mutationId: auditLog.mutationId,
			name: auditLog.name,
			status: auditLog.status,
			code: auditLog.code,
			args: auditLog.args,
			changes: auditLog.changes
		})
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.userId))
		.where(and(eq(auditLog.centreId, centreId), before ? lt(auditLog.id, before) : undefined))
		.orderBy(desc(auditLog.id))
		.limit(limit + 1);
	const entries = rows.slice(0, limit).map((r) => ({ ...r, at: r.at.toISOString() }));
	return { entries, nextBefore: rows.length > limit ? entries[entries.length - 1].id : null };
}
