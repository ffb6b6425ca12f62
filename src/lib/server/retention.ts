/**
 * Erasing the personal data of old appointments (centreSettings.retentionDays). The records are
 * rewritten with `applicant: null` through the same versioned change path as a mutation, so every
 * device receives the erasure in its next pull and its copy loses the data too; what the review
 * counts (day, item, channel, status, missing items) stays. Each run is one audit-log entry.
 *
 * What the domain keeps and drops is in domain/retention.ts; this file only finds and writes.
 */
import { and, eq, sql } from 'drizzle-orm';
import { appointment, centre, parseRecord, type Appointment } from '$lib/schemas';
import { hallDate } from '$lib/domain/hall-clock';
import { eraseApplicant, isPastRetention, retentionCutoff } from '$lib/domain/retention';
import type { Db } from './db/open';
import { auditLog, centres, records } from './db/schema';
import { CHANGES_CHANNEL } from './sync/events';
import { SqlMutationTx } from './sync/sql-tx';

export interface ErasureOptions {
	now: Date;
	/** Who started it: a manager through the endpoint, or a scheduler's own id. */
	userId: string;
	deviceId?: string;
	/** Records per transaction: short transactions keep pushes from waiting on the lock. */
	batchSize?: number;
}

export interface ErasureReport {
	cutoff: string;
	retentionDays: number;
	erased: number;
	versions: number[];
}

/** The audit log's name for a run; no device sends it, so it is not a mutator. */
export const ERASURE_NAME = 'appointment.erase';

export async function eraseExpiredAppointments(
	db: Db,
	centreId: string,
	{ now, userId, deviceId = 'server:retention', batchSize = 500 }: ErasureOptions
): Promise<ErasureReport> {
	const [centreRow] = await db.orm
		.select({ data: records.data })
		.from(records)
		.where(
			and(eq(records.centreId, centreId), eq(records.entity, 'centre'), eq(records.id, centreId))
		);
	if (!centreRow) throw new Error(`centre ${centreId} has no settings record`);
	const retentionDays = parseRecord(centre, centreRow.data).settings.retentionDays;
	const today = hallDate(now.toISOString());
	const cutoff = retentionCutoff(today, retentionDays);
	const report: ErasureReport = { cutoff, retentionDays, erased: 0, versions: [] };

	for (;;) {
		const batch = await db.orm.transaction(async (tx) => {
			// Locked, so a push that changes one of these rows waits and then sees it erased.
			const rows = await tx
				.select({ id: records.id, data: records.data })
				.from(records)
				.where(
					and(
						eq(records.centreId, centreId),
						eq(records.entity, 'appointment'),
						eq(records.deleted, false),
						sql`${records.data}->>'date' < ${cutoff}`,
						sql`(${records.data}->'applicant' <> 'null'::jsonb or ${records.data}->>'notes' <> '' or ${records.data}->>'cancelReason' is not null)`
					)
				)
				.orderBy(records.id)
				.limit(batchSize)
				.for('update');
			const due: Appointment[] = rows
				.map((r) => parseRecord(appointment, r.data))
				.filter((a) => isPastRetention(a, today, retentionDays));
			if (due.length === 0) return 0;

			const writes = new SqlMutationTx(tx, centreId);
			for (const a of due) await writes.put('appointment', eraseApplicant(a));
			// The same version step as a push (push.ts): the centre row is locked until commit, so
			// versions commit in order and no pull passes over the erasure.
			const [bumped] = await tx
				.update(centres)
				.set({ version: sql`${centres.version} + 1` })
				.where(eq(centres.id, centreId))
				.returning({ version: centres.version });
			const changes = await writes.flush(bumped.version);
			// The log names what was erased, never what it held: a copy of the data here would
			// outlive the erasure it records.
			await tx.insert(auditLog).values({
				centreId,
				userId,
				deviceId,
				at: now,
				mutationId: 0,
				name: ERASURE_NAME,
				status: 'applied',
				code: null,
				args: { cutoff, retentionDays, count: changes.length },
				changes: changes.map((c) => ({ entity: c.entity, id: c.id, op: c.op }))
			});
			await tx.execute(
				sql`select pg_notify(${CHANGES_CHANNEL}, ${JSON.stringify({ centreId, version: bumped.version })})`
			);
			report.versions.push(bumped.version);
			return due.length;
		});
		report.erased += batch;
		if (batch < batchSize) return report;
	}
}
