/**
 * Reveal as a server request (docs/roles.md): devices hold phones, ID numbers and credit codes
 * masked, so the full value exists only here. Each request is allowed per role, written to the
 * audit log with the record's id and the field's name (never the value), and answers one field.
 */
import { and, eq } from 'drizzle-orm';
import type { RevealRequest, SessionUser } from '$lib/schemas';
import { mayReveal } from '$lib/domain/disclosure';
import type { Db } from './db/open';
import { auditLog, records } from './db/schema';
import { HttpError } from './http';

export type RevealOutcome = { ok: true; value: string } | { ok: false; status: 403 | 404 };

export async function reveal(
	db: Db,
	user: SessionUser,
	request: RevealRequest,
	now: Date = new Date()
): Promise<RevealOutcome> {
	const [row] = await db.orm
		.select({ data: records.data })
		.from(records)
		.where(
			and(
				eq(records.centreId, user.centreId),
				eq(records.entity, request.entity),
				eq(records.id, request.id),
				eq(records.deleted, false)
			)
		);
	const data = (row?.data ?? null) as Record<string, unknown> | null;
	const value = data ? fieldOf(request, data) : undefined;
	const allowed = !!data && mayReveal(user, request.entity, data, request.field);
	// A refusal is logged too: repeated attempts at numbers one may not see are worth an audit.
	await db.orm.insert(auditLog).values({
		centreId: user.centreId,
		userId: user.id,
		deviceId: request.deviceId ?? 'web',
		at: now,
		mutationId: 0,
		name: `${request.entity}.reveal`,
		status: allowed && value ? 'applied' : 'rejected',
		code: !data || (allowed && !value) ? 'NOT_FOUND' : allowed ? null : 'FORBIDDEN',
		args: { id: request.id, field: request.field },
		changes: [{ entity: request.entity, id: request.id, op: 'reveal', field: request.field }]
	});
	if (!allowed) return { ok: false, status: data ? 403 : 404 };
	if (!value) return { ok: false, status: 404 };
	return { ok: true, value };
}

function fieldOf(request: RevealRequest, data: Record<string, unknown>): string | undefined {
	const holder =
		request.entity === 'appointment' ? (data.applicant as Record<string, unknown> | null) : data;
	const value = holder?.[request.field];
	return typeof value === 'string' && value ? value : undefined;
}

/** The refusal as the endpoint answers it, Chinese first like every API error. */
export const revealRefused = (status: 403 | 404) =>
	status === 403
		? new HttpError(403, { error: '没有查看该信息的权限', detail: 'reveal not permitted' })
		: new HttpError(404, { error: '记录不存在或没有该项信息', detail: 'nothing to reveal' });
