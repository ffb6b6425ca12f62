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
import { auditLog, records } from './db/schema';
import { writeCentre } from './sync/centre-version';

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
			let erased = 0;
			// The centre is locked before the rows are read (writeCentre), as a group of pushes locks
			// it: a push that changes one of these rows waits, then sees it erased.
			const { version, changes } = await writeCentre(tx, centreId, async (writes) => {
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
					.limit(batchSize);
				const due: Appointment[] = rows
					.map((r) => parseRecord(appointment, r.data))
					.filter((a) => isPastRetention(a, today, retentionDays));
				for (const a of due) await writes.put('appointment', eraseApplicant(a));
				erased = due.length;
			});
			if (version === undefined) return erased;
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
			report.versions.push(version);
			return erased;
		});
		report.erased += batch;
		if (batch < batchSize) return report;
	}
}
