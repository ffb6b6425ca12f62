/**
 * Applies one page of a pull in a single Dexie transaction: confirmed rows, the cursor, the
 * server's verdicts on our mutations, and the rebuilt overlay commit together or not at all.
 */
import {
	type EntityName,
	type HistoryPosition,
	type MutationResult,
	type PullResponse,
	type WireRollup
} from '$lib/schemas';
import Dexie from 'dexie';
import { entityTables, type HallDatabase, type OverlayRow, type StoredRow } from './db';
import * as meta from './meta';
import { rebase, type Actor } from './outbox';
import { HISTORY_META, notePull, startHistory } from './history';
import { readableUntil } from './readable';
import { forgetErased } from './retention';
import {
	applyChanges,
	mayHold,
	rebuildDays,
	type DailyVolume,
	type DayReads,
	type RowChange
} from './rollup';
import { guardQuota } from './storage';
import { sealPage } from './sealing';

export interface PullApplied {
	applied: number;
	rejected: number;
	/**
	 * The version of the first row this build could not read, when there was one. The rows from
	 * that version on were not applied and the cursor stayed before it, so nothing is lost: the
	 * next build that can read it pulls it again (docs/sync-protocol.md, "Versions and handshake").
	 */
	stoppedAt?: number;
}

/**
 * A first sync's priority page comes with the roll-ups of the days it leaves to the history and
 * where that history starts (docs/sync-protocol.md, "First sync").
 */
export interface FirstPage {
	rollups: WireRollup[];
	history: HistoryPosition;
}

export async function applyPull(
	db: HallDatabase,
	actor: Actor,
	page: PullResponse,
	now: string,
	first?: FirstPage
): Promise<PullApplied> {
	const puts = new Map<EntityName, StoredRow[]>();
	const dels = new Map<EntityName, string[]>();
	/** The page's volume rows by id, the last change of each; null for a delete. */
	const volume = new Map<string, StoredRow | null>();
	const readable = readableUntil(page);
	const stop = readable.unreadable;
	const rows = stop ? page.changes.filter((c) => c.version < stop.version) : page.changes;
	for (const change of rows) {
		const entity = change.entity as EntityName;
		if (change.op === 'del') {
			const ids = dels.get(entity);
			if (ids) ids.push(change.id);
			else dels.set(entity, [change.id]);
			if (entity === 'volume') volume.set(change.id, null);
			continue;
		}
		const row = readable.parsed.get(change) as StoredRow;
		const list = puts.get(entity);
		if (list) list.push(row);
		else puts.set(entity, [row]);
		if (entity === 'volume') volume.set(row.id, row);
	}
	await sealPage(db, puts);
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
			const was: Before = page.reset
				? { rows: new Map(), days: new Map() }
				: await volumeBefore(db, volume);
			if (page.reset) {
				for (const t of entityTables) await db.entityTable(t).clear();
				await db.dailyVolume.clear();
				// A history under way was for the rows just dropped; a first page starts its own.
				await db.meta.bulkDelete(HISTORY_META);
			} else {
				// While a history is under way: the rows it may not replace, and the days whose rows
				// may be missing, rebuilt at its end.
				await notePull(db, puts, volume);
			}
			// Requests of one transaction run in the order they were made, so they need not wait
			// for each other: a round trip per step, not per table.
			const [, last, confirmed] = await Promise.all([
				Promise.all([...puts].map(([entity, rows]) => db.entityTable(entity).bulkPut(rows))),
				meta.get<number>(db, 'lastQueuedId'),
				meta.confirmed(db)
			]);
			await Promise.all([...dels].map(([entity, ids]) => db.entityTable(entity).bulkDelete(ids)));
			const queued = last ?? 0;
			if (page.lastMutationId > queued) await meta.set(db, 'lastQueuedId', page.lastMutationId);
			// Never lowered: a restored server answers with an older last id (meta.confirmed).
			if (page.lastMutationId > confirmed) await meta.set(db, 'confirmedId', page.lastMutationId);
			if (stop) {
				// Whole versions before the bad row only: a version is one mutation's changes, never
				// split. The verdicts and the settling of the outbox wait too, since the rows our
				// settled mutations wrote may lie past the stop; the server sends them again.
				// A first sync's priority rows are not every row up to a version: start it again.
				const before =
					rows.length && !first
						? Math.max(...rows.map((c) => c.version))
						: page.reset
							? 0
							: await meta.cursor(db);
				await meta.set(db, 'cursor', before);
				if (page.scope) await meta.set(db, 'scope', page.scope);
				await meta.setNeedsUpdate(db, { reason: 'unreadable_row', row: stop, at: now });
				await rebase(db, actor);
				await rollUp(db, was, volume);
				return;
			}
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
			const [, centre] = await Promise.all([
				db.outbox.where('mutationId').belowOrEqual(page.lastMutationId).delete(),
				db.centre.get(actor.centreId),
				meta.set(db, 'cursor', page.cursor),
				// With the rows it describes: a reset for a new scope cleared the tables above.
				page.scope && meta.set(db, 'scope', page.scope)
			]);
			const settings = centre?.settings as { retentionDays?: number } | undefined;
			await forgetErased(db, erased, now, settings?.retentionDays);
			// Roll up after the rebase, against what is still pending, so counts the server has just
			// settled or rejected move from the pending side to the confirmed one or go.
			await rebase(db, actor);
			await rollUp(db, was, volume);
			if (first) await startHistory(db, first.rollups, first.history);
		})
	);
	return { applied: rows.length, rejected, ...(stop && { stoppedAt: stop.version }) };
}

/** The overlay's volume rows, of every centre, by id. */
async function pendingVolume(db: HallDatabase): Promise<Map<string, OverlayRow>> {
	const rows = await db.overlay
		.where('[entity+id]')
		.between(['volume', Dexie.minKey], ['volume', Dexie.maxKey])
		.toArray();
	return new Map(rows.map((r) => [r.id, r]));
}

const shown = (pending: OverlayRow) =>
	pending.data ? { ...pending.data, pending: true } : undefined;

/** The volume rows the screens showed before the page, and the stored days already read. */
interface Before {
	rows: Map<string, StoredRow | undefined>;
	days: DayReads;
}

/**
 * Before the page is written: the volume rows the screens show for every id the pull may change —
 * the pulled ids and the pending ones, which the rebase rebuilds. A pulled row's old confirmed row
 * is read only when its day may hold that id (rollup.ts, `mayHold`); a first sync reads none.
 */
async function volumeBefore(
	db: HallDatabase,
	pulled: ReadonlyMap<string, StoredRow | null>
): Promise<Before> {
	const dayOf = (row: StoredRow | null | undefined) =>
		typeof row?.centreId === 'string' && typeof row.date === 'string'
			? `${row.centreId}|${row.date}`
			: undefined;
	const keys = [...new Set([...pulled.values()].flatMap((r) => dayOf(r) ?? []))];
	const [pending, stored] = await Promise.all([pendingVolume(db), db.dailyVolume.bulkGet(keys)]);
	const rows = new Map<string, StoredRow | undefined>();
	for (const [id, p] of pending) rows.set(id, shown(p));
	const days: DayReads = new Map(keys.map((k, i) => [k, stored[i]]));
	const toRead: string[] = [];
	for (const [id, row] of pulled) {
		if (pending.has(id)) continue;
		const key = dayOf(row);
		const day = key === undefined ? undefined : (days.get(key) as DailyVolume | undefined);
		if (key !== undefined && (day === undefined || !mayHold(day, id))) rows.set(id, undefined);
		else toRead.push(id);
	}
	const confirmed = await db.volume.bulkGet(toRead);
	toRead.forEach((id, i) => rows.set(id, confirmed[i]));
	return { rows, days };
}

/** The page's changes to the volume rows, into the roll-ups; after the rebase. */
async function rollUp(
	db: HallDatabase,
	before: Before,
	pulled: ReadonlyMap<string, StoredRow | null>
) {
	const changes = await volumeChanges(db, before.rows, pulled);
	await rebuildDays(db, await applyChanges(db, changes, before.days));
}

/**
 * After the page is written and the overlay rebuilt: each affected row as it was and as it is
 * now. A row neither pulled nor pending on one side is the confirmed row, which this page left
 * alone (or a reset cleared, when `before` is empty).
 */
async function volumeChanges(
	db: HallDatabase,
	before: ReadonlyMap<string, StoredRow | undefined>,
	pulled: ReadonlyMap<string, StoredRow | null>
): Promise<RowChange[]> {
	const pending = await pendingVolume(db);
	const ids = new Set([...before.keys(), ...pulled.keys(), ...pending.keys()]);
	const untouched = [...ids].filter(
		(id) => !pulled.has(id) && !(before.has(id) && pending.has(id))
	);
	const rows = await db.volume.bulkGet(untouched);
	const confirmed = new Map(untouched.map((id, i) => [id, rows[i]]));
	const changes: RowChange[] = [];
	for (const id of ids) {
		const was = before.has(id) ? before.get(id) : pulled.has(id) ? undefined : confirmed.get(id);
		const p = pending.get(id);
		const is = p ? shown(p) : pulled.has(id) ? (pulled.get(id) ?? undefined) : confirmed.get(id);
		if (was !== undefined || is !== undefined) changes.push({ before: was, after: is });
	}
	return changes;
}
