/**
 * Applies one page of a pull in a single Dexie transaction: confirmed rows, the cursor, the
 * server's verdicts on our mutations, and the rebuilt overlay commit together or not at all.
 */
import {
	entities,
	parseEntityRow,
	type EntityName,
	type MutationResult,
	type PullResponse
} from '$lib/schemas';
import { entityTables, type HallDatabase, type StoredRow } from './db';
import * as meta from './meta';
import { rebase, type Actor } from './outbox';
import { forgetErased } from './retention';
import { pendingDates, rollupDates } from './rollup';
import { guardQuota } from './storage';

export interface PullApplied {
	applied: number;
	invalid: number;
	rejected: number;
}

export async function applyPull(
	db: HallDatabase,
	actor: Actor,
	page: PullResponse,
	now: string
): Promise<PullApplied> {
	const puts = new Map<EntityName, StoredRow[]>();
	const dels = new Map<EntityName, string[]>();
	let invalid = 0;
	const volumeDates = new Set<string>();
	for (const change of page.changes) {
		const entity = change.entity as EntityName;
		if (!(entity in entities)) {
			invalid += 1;
			continue;
		}
		if (change.op === 'del') {
			const ids = dels.get(entity);
			if (ids) ids.push(change.id);
			else dels.set(entity, [change.id]);
			continue;
		}
		try {
			const row = parseEntityRow(entity, change.data) as StoredRow;
			const list = puts.get(entity);
			if (list) list.push(row);
			else puts.set(entity, [row]);
			if (entity === 'volume' && row.date) volumeDates.add(row.date as string);
		} catch {
			// A row this version of the app cannot read is skipped, not allowed to break the pull.
			invalid += 1;
		}
	}
	const tables = [
		db.outbox,
		db.results,
		db.meta,
		db.overlay,
		db.dailyVolume,
		...entityTables.map((t) => db.entityTable(t))
	];
	let rejected = 0;
	await guardQuota(() =>
		db.transaction('rw', tables, async () => {
			if (page.reset) {
				for (const t of entityTables) await db.entityTable(t).clear();
				await db.dailyVolume.clear();
			}
			for (const [entity, rows] of puts) await db.entityTable(entity).bulkPut(rows);
			for (const [entity, ids] of dels) await db.entityTable(entity).bulkDelete(ids);
			const erased = new Set(
				(puts.get('appointment') ?? []).filter((a) => a.applicant === null).map((a) => a.id)
			);
			for (const r of page.results) {
				if (r.id > page.lastMutationId) continue;
				if (r.status !== 'rejected') continue;
				const known = await db.results.get(r.id);
				if (known) continue;
				const entry = await db.outbox.get(r.id);
				const result: MutationResult = {
					v: 1,
					mutationId: r.id,
					deviceId: actor.deviceId,
					name: entry?.name ?? '',
					args: entry?.args,
					status: 'rejected',
					code: r.code,
					messageKey: r.message,
					params: r.params,
					detail: r.detail,
					at: now
				};
				await db.results.put(result);
				rejected += 1;
			}
			// Settle what the server has decided: drop those entries; every rejection stays visible
			// in `results` with the data the user entered, until retention erases it (retention.ts).
			await db.outbox.where('mutationId').belowOrEqual(page.lastMutationId).delete();
			const settings = (await db.centre.get(actor.centreId))?.settings as
				{ retentionDays?: number } | undefined;
			await forgetErased(db, erased, now, settings?.retentionDays);
			const queued = (await meta.get<number>(db, 'lastQueuedId')) ?? 0;
			if (page.lastMutationId > queued) await meta.set(db, 'lastQueuedId', page.lastMutationId);
			await meta.set(db, 'cursor', page.cursor);
			// With the rows it describes: a reset for a new scope cleared the tables above.
			if (page.scope) await meta.set(db, 'scope', page.scope);
			// Roll up after the rebase, over confirmed rows plus what is still pending, including
			// dates whose pending counts were just settled or rejected.
			const touched = [...volumeDates, ...(await pendingDates(db, actor.centreId))];
			await rebase(db, actor);
			if (touched.length) await rollupDates(db, actor.centreId, touched);
		})
	);
	return { applied: page.changes.length - invalid, invalid, rejected };
}
