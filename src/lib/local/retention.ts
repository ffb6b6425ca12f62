/**
 * Retention on the device (issue 14). A pull brings the erased appointments themselves; this
 * removes the copies the device made on its own: the arguments and details of its stored
 * rejections, and unsent outbox entries, that name an erased appointment — and any rejection kept
 * longer than the centre's retention period, which may carry an applicant no server row ever held
 * (a booking refused before it existed). Run inside the pull's transaction, before the overlay is
 * rebuilt from the outbox, so the rebuilt overlay has no copy either.
 */
import { redactPersonal } from '$lib/schemas/personal';
import { hallDate } from '$lib/domain/hall-clock';
import { retentionCutoff } from '$lib/domain/retention';
import type { HallDatabase } from './db';

const appointmentIdOf = (value: unknown): string | undefined => {
	if (value === null || typeof value !== 'object') return undefined;
	const v = value as { id?: unknown; appointmentId?: unknown };
	const id = v.appointmentId ?? v.id;
	return typeof id === 'string' ? id : undefined;
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * `erased`: ids of appointments this pull brought back without their applicant. `now` is the
 * pull's instant; `retentionDays` the centre's setting (none known: only `erased` counts).
 */
export async function forgetErased(
	db: HallDatabase,
	erased: ReadonlySet<string>,
	now: string,
	retentionDays: number | undefined
): Promise<number> {
	const cutoff =
		retentionDays === undefined ? undefined : retentionCutoff(hallDate(now), retentionDays);
	const names = (value: unknown) => {
		const id = appointmentIdOf(value);
		return id !== undefined && erased.has(id);
	};
	let scrubbed = 0;
	for (const result of await db.results.toArray()) {
		const expired = cutoff !== undefined && hallDate(result.at) < cutoff;
		if (!expired && !names(result.args) && !names(result.detail)) continue;
		const args = redactPersonal(result.args);
		const detail = redactPersonal(result.detail);
		if (same(args, result.args) && same(detail, result.detail)) continue;
		await db.results.put({ ...result, args, ...(result.detail !== undefined && { detail }) });
		scrubbed += 1;
	}
	if (erased.size === 0) return scrubbed;
	for (const entry of await db.outbox.toArray()) {
		if (!names(entry.args)) continue;
		const args = redactPersonal(entry.args);
		if (same(args, entry.args)) continue;
		// Sent as it was, it would only write the erased data back onto the server's row.
		await db.outbox.put({ ...entry, args });
		scrubbed += 1;
	}
	return scrubbed;
}
