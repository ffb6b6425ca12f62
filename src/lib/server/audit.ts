/** Reading the audit log, newest first, one centre at a time (managers and admins only). */
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from './db/open';
import { auditLog, users } from './db/schema';

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
