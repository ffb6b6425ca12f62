/**
 * The local write path: a named mutation is checked, applied to the overlay and appended to the
 * outbox in ONE Dexie transaction, so the screen and the queue can never disagree — a tab closed
 * mid-write leaves either both or neither.
 */
import type { MutationResult, Role } from '$lib/schemas';
import { checkArgs, mutatorNamed, type MutationContext, type Rejection } from '$lib/model';
import { entityTables, type HallDatabase, type OutboxEntry } from './db';
import * as meta from './meta';
import { overlayTx } from './overlay';
import { rollupMutation } from './rollup';
import { guardQuota } from './storage';

export interface Actor {
	centreId: string;
	userId: string;
	role: Role;
	departmentId?: string;
	deviceId: string;
}

export class LocalRejection extends Error {
	constructor(readonly rejection: Rejection) {
		super(rejection.messageKey);
		this.name = 'LocalRejection';
	}
}

export class UnknownMutationError extends Error {}

const context = (actor: Actor, now: string): MutationContext => ({
	...actor,
	now,
	authoritative: false
});

/**
 * Applies a mutation optimistically and queues it. A rejection the device can already see
 * (bad input, not permitted) throws LocalRejection and queues nothing; a SLOT_FULL that the
 * device sees is still queued, because only the server's order of arrival decides.
 */
export async function mutate(
	db: HallDatabase,
	actor: Actor,
	name: string,
	rawArgs: unknown,
	now: string
): Promise<number> {
	const mutator = mutatorNamed(name);
	if (!mutator) throw new UnknownMutationError(name);
	if (!mutator.roles.includes(actor.role)) {
		throw new LocalRejection({ code: 'FORBIDDEN', messageKey: 'error_forbidden' });
	}
	const parsed = checkArgs(mutator, rawArgs);
	if (!parsed.ok) throw new LocalRejection(parsed.rejection);
	return guardQuota(() =>
		db.transaction(
			'rw',
			[
				db.outbox,
				db.meta,
				db.overlay,
				db.dailyVolume,
				...entityTables.map((t) => db.entityTable(t))
			],
			async () => {
				const mutationId = ((await meta.get<number>(db, 'lastQueuedId')) ?? 0) + 1;
				const outcome = await mutator.apply(
					overlayTx(db, actor.centreId, mutationId),
					parsed.args,
					context(actor, now)
				);
				if (outcome && !outcome.reject.keep) throw new LocalRejection(outcome.reject);
				await meta.set(db, 'lastQueuedId', mutationId);
				const entry: OutboxEntry = {
					mutationId,
					name,
					args: parsed.args,
					createdAt: now,
					centreId: actor.centreId,
					userId: actor.userId
				};
				await db.outbox.add(entry);
				// The review reads roll-ups only: keep them in step with taps made offline.
				await rollupMutation(db, actor.centreId, mutationId);
				return mutationId;
			}
		)
	);
}

export async function pending(db: HallDatabase, limit = 100): Promise<OutboxEntry[]> {
	return db.outbox.orderBy('mutationId').limit(limit).toArray();
}

/**
 * Rebuilds the overlay from the outbox on top of freshly confirmed rows. Called inside the pull's
 * transaction, after the server's changes are in and settled entries are gone. A mutation that no
 * longer applies is recorded as a local rejection, keeping its data for the user.
 */
export async function rebase(db: HallDatabase, actor: Actor): Promise<void> {
	await db.overlay.clear();
	const entries = await db.outbox.orderBy('mutationId').toArray();
	for (const entry of entries) {
		const mutator = mutatorNamed(entry.name);
		const parsed = mutator && checkArgs(mutator, entry.args);
		if (!mutator || !parsed?.ok) continue;
		const entryActor = { ...actor, centreId: entry.centreId, userId: entry.userId };
		await mutator.apply(
			overlayTx(db, entry.centreId, entry.mutationId),
			parsed.args,
			context(entryActor, entry.createdAt)
		);
	}
}

export async function unsettled(db: HallDatabase): Promise<MutationResult[]> {
	const all = await db.results.where('status').equals('rejected').toArray();
	return all.filter((r) => !r.settledAt);
}
