/**
 * The local write path: a named mutation is checked, applied to the overlay and appended to the
 * outbox in ONE Dexie transaction, so the screen and the queue can never disagree — a tab closed
 * mid-write leaves either both or neither. The transaction covers only the stores the mutator
 * declared (Mutator.stores) besides the queue's own.
 */
import { PUSH_MUTATIONS_MAX, type MutationResult, type Role } from '$lib/schemas';
import type { Table } from 'dexie';
import {
	applyDeclared,
	checkArgs,
	mutatorNamed,
	type MutationContext,
	type Mutator,
	type Rejection
} from '$lib/model';
import type { HallDatabase, OutboxEntry } from './db';
import * as meta from './meta';
import { overlayTx } from './overlay';
import { applyChanges, rebuildDays } from './rollup';
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
		db.transaction('rw', storesOf(db, mutator), async () => {
			// Read with the mutator's own first reads: one round trip for all of them.
			const last = db.meta.get('lastQueuedId');
			const tx = overlayTx(db, actor.centreId);
			const date = (parsed.args as { date?: unknown }).date;
			if (mutator.stores.includes('volume') && typeof date === 'string') {
				tx.readDay(actor.centreId, date);
			}
			const outcome = await applyDeclared(mutator, tx, parsed.args, context(actor, now));
			if (outcome && !outcome.reject.keep) throw new LocalRejection(outcome.reject);
			const mutationId = (((await last)?.value as number | undefined) ?? 0) + 1;
			const entry: OutboxEntry = {
				mutationId,
				name,
				args: parsed.args,
				createdAt: now,
				centreId: actor.centreId,
				userId: actor.userId
			};
			// The review reads roll-ups only: keep them in step with taps made offline.
			const [, , , stale] = await Promise.all([
				tx.flush(mutationId),
				meta.set(db, 'lastQueuedId', mutationId),
				db.outbox.add(entry),
				applyChanges(db, tx.volumeChanges, tx.days)
			]);
			await rebuildDays(db, stale);
			return mutationId;
		})
	);
}

/**
 * The stores a mutation's transaction covers: those its mutator declared, the queue and the
 * overlay, and the roll-ups when it may count volume. A durable tap needs a transaction of its own;
 * a narrow one does not wait behind a pull writing other tables.
 */
function storesOf(db: HallDatabase, mutator: Mutator): Table[] {
	const stores: Table[] = [db.outbox, db.meta, db.overlay];
	if (mutator.stores.includes('volume')) stores.push(db.dailyVolume);
	for (const entity of mutator.stores) stores.push(db.entityTable(entity));
	return stores;
}

export async function pending(db: HallDatabase, limit = 100): Promise<OutboxEntry[]> {
	return db.outbox.orderBy('mutationId').limit(limit).toArray();
}

/**
 * About the most a push carries of its mutations' arguments: well under the server's default
 * body limit (MAX_BODY_BYTES, 1 MiB), whatever the mutations are.
 */
export const PUSH_BYTES = 256 * 1024;

/**
 * The next push: the queue's first entries, up to the most a push may carry and about PUSH_BYTES
 * of arguments; at least one, however large. A device back from hours offline sends its taps in
 * a few pushes, not one per hundred.
 */
export async function nextPush(db: HallDatabase): Promise<OutboxEntry[]> {
	const entries = await pending(db, PUSH_MUTATIONS_MAX);
	let bytes = 0;
	for (const [i, entry] of entries.entries()) {
		bytes += JSON.stringify(entry.args ?? null).length;
		if (i > 0 && bytes > PUSH_BYTES) return entries.slice(0, i);
	}
	return entries;
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
		const tx = overlayTx(db, entry.centreId);
		await applyDeclared(mutator, tx, parsed.args, context(entryActor, entry.createdAt));
		await tx.flush(entry.mutationId);
	}
}

export async function unsettled(db: HallDatabase): Promise<MutationResult[]> {
	const all = await db.results.where('status').equals('rejected').toArray();
	return all.filter((r) => !r.settledAt);
}
