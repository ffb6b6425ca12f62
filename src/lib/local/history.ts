/**
 * The background half of a first sync (docs/sync-protocol.md, "First sync"). The priority page has
 * brought the rows the screens need now and the day roll-ups of every other date; the rows of
 * those other dates (up to the centre's version then, `upTo`) follow here page by page. Where the
 * history stands is kept in meta with each page, so a reload goes on from the last page applied.
 *
 * A history row never replaces a row the device already holds: whatever it holds of a history row
 * came with a pull after `upTo` (the row changed since), so it is newer. Pulls note the rows they
 * bring while a history is under way (`HELD`), so a page asks that short list, not the tables.
 * Nor does a history row bring back a row a pull has deleted: the server reads each history page
 * from the current rows with a version up to `upTo`, and a row deleted after `upTo` has a later
 * version, so it is not among them; the engine reads and applies pulls and history pages one after
 * another, so a page read before a deletion is applied before it.
 */
import Dexie from 'dexie';
import {
	historyPosition,
	type EntityName,
	type HistoryPosition,
	type HistoryResponse,
	type WireRollup
} from '$lib/schemas';
import { entityTables, type HallDatabase, type StoredRow } from './db';
import * as meta from './meta';
import type { Actor } from './outbox';
import { readableUntil } from './readable';
import { sealPage } from './sealing';
import { rollupDates } from './rollup';
import { guardQuota } from './storage';

const POSITION = 'history';
/** Dates whose roll-up a pull moved while their older rows had not come yet; `*` for every date. */
const DIRTY = 'historyDirty';
/** The rows (`entity|id`) pulls brought while the history was under way: newer than its own. */
const HELD = 'historyHeld';
/** Everything a history keeps in meta: dropped when it ends, or when a reset starts another. */
export const HISTORY_META = [POSITION, DIRTY, HELD];

const heldKey = (entity: string, id: string) => `${entity}|${id}`;

/** Where the history stands, or undefined when none is under way. */
export async function position(db: HallDatabase): Promise<HistoryPosition | undefined> {
	const parsed = historyPosition.safeParse(await meta.get(db, POSITION));
	return parsed.success ? parsed.data : undefined;
}

/**
 * Within the priority page's transaction: the server's roll-ups of the other days, and where the
 * history begins. A day the device already rolled up (a tap still pending on it) keeps its own and
 * is rebuilt from its rows when the history ends.
 */
export async function startHistory(
	db: HallDatabase,
	rollups: readonly WireRollup[],
	start: HistoryPosition
): Promise<void> {
	const held = await db.dailyVolume.bulkGet(rollups.map((r) => r.key));
	const fresh = rollups.filter((_, i) => held[i] === undefined);
	const kept = rollups.filter((_, i) => held[i] !== undefined).map((r) => r.date);
	// A lean day (protocol 3) is stored as it came: the first write that meets it rolls it up
	// again from its rows, tally and id filter included (rollup.ts, `applyChanges`).
	await db.dailyVolume.bulkPut(
		fresh.map((r) => (r.known ? { ...r, known: Uint32Array.from(r.known) } : r))
	);
	if (start.received >= start.total) return;
	await meta.set(db, POSITION, start);
	await meta.set(db, HELD, []);
	if (kept.length > 0) await meta.set(db, DIRTY, kept);
}

/**
 * Within a pull's transaction while a history is under way: the rows the pull brought, which no
 * history page may replace, and the days outside the priority window whose volume rows it changed.
 * Those days' roll-ups moved by difference against rows that may not have come yet, so they are
 * rebuilt from the rows once the history has brought them all.
 */
export async function notePull(
	db: HallDatabase,
	puts: ReadonlyMap<EntityName, readonly StoredRow[]>,
	volume: ReadonlyMap<string, StoredRow | null>
): Promise<void> {
	if (puts.size === 0 && volume.size === 0) return;
	const at = await position(db);
	if (!at) return;
	const pulled = [...puts].flatMap(([entity, rows]) => rows.map((r) => heldKey(entity, r.id)));
	const dates = new Set<string>();
	for (const row of volume.values()) {
		// A deletion carries no row, so no date: every day is rebuilt.
		if (row === null) dates.add('*');
		else if (typeof row.date === 'string' && (row.date < at.from || row.date > at.to)) {
			dates.add(row.date);
		}
	}
	const [held, dirty] = await Promise.all([
		meta.get<string[]>(db, HELD),
		meta.get<string[]>(db, DIRTY)
	]);
	await Promise.all([
		// A history begun by an older build has no list: its pages look at the tables instead.
		held && pulled.length > 0 && meta.set(db, HELD, [...new Set([...held, ...pulled])]),
		dates.size > 0 && meta.set(db, DIRTY, [...new Set([...(dirty ?? []), ...dates])])
	]);
}

export interface HistoryApplied {
	/** Where the history stands now; undefined once it has ended. */
	position?: HistoryPosition;
	/** The version of the first row this build could not read, as for a pull. */
	stoppedAt?: number;
}

/** Applies one page of history in one transaction, with the position it leads to. */
export async function applyHistory(
	db: HallDatabase,
	actor: Actor,
	page: HistoryResponse,
	from: HistoryPosition,
	now: string
): Promise<HistoryApplied> {
	const readable = readableUntil(page);
	const stop = readable.unreadable;
	const rows = page.changes.filter(
		(c) => c.op === 'put' && (!stop || c.version < stop.version) && readable.parsed.has(c)
	);
	const puts = new Map<EntityName, StoredRow[]>();
	for (const change of rows) {
		const row = readable.parsed.get(change) as StoredRow;
		const list = puts.get(change.entity as EntityName);
		if (list) list.push(row);
		else puts.set(change.entity as EntityName, [row]);
	}
	await sealPage(db, puts);
	const tables = [
		db.meta,
		db.overlay,
		db.dailyVolume,
		...entityTables.map((t) => db.entityTable(t))
	];
	return guardQuota(() =>
		db.transaction('rw', tables, async () => {
			// Another tab, or a reset, moved the history on since this page was asked for.
			const [at, pulled] = await Promise.all([position(db), meta.get<string[]>(db, HELD)]);
			if (!at || at.upTo !== from.upTo || at.after !== from.after) return { position: at };
			const held = pulled && new Set(pulled);
			await Promise.all(
				[...puts].map(async ([entity, list]) => {
					const table = db.entityTable(entity);
					if (held) {
						await table.bulkPut(list.filter((r) => !held.has(heldKey(entity, r.id))));
						return;
					}
					const stored = await table.bulkGet(list.map((r) => r.id));
					await table.bulkPut(list.filter((_, i) => stored[i] === undefined));
				})
			);
			const received = Math.min(at.total, at.received + rows.length);
			if (stop) {
				const after = rows.length ? Math.max(...rows.map((c) => c.version)) : at.after;
				const next = { ...at, after, received };
				await meta.set(db, POSITION, next);
				await meta.setNeedsUpdate(db, { reason: 'unreadable_row', row: stop, at: now });
				return { position: next, stoppedAt: stop.version };
			}
			if (page.hasMore) {
				const next = { ...at, after: page.after, received };
				await meta.set(db, POSITION, next);
				return { position: next };
			}
			await finish(db, actor.centreId);
			return {};
		})
	);
}

/** The history has ended: the days a pull moved meanwhile are rebuilt from their rows. */
async function finish(db: HallDatabase, centreId: string) {
	const dirty = (await meta.get<string[]>(db, DIRTY)) ?? [];
	await db.meta.bulkDelete(HISTORY_META);
	if (dirty.length === 0) return;
	let dates = dirty;
	if (dirty.includes('*')) {
		const range = [
			[centreId, Dexie.minKey],
			[centreId, Dexie.maxKey]
		] as const;
		const [rows, days] = await Promise.all([
			db.volume
				.where('[centreId+date]')
				.between(...range)
				.uniqueKeys(),
			db.dailyVolume
				.where('[centreId+date]')
				.between(...range)
				.uniqueKeys()
		]);
		dates = [...rows, ...days].map((k) => String((k as unknown as [string, string])[1]));
	}
	await rollupDates(db, centreId, dates);
}

/** Drops a history under way: the device starts again from nothing (a scope changed). */
export async function abandon(db: HallDatabase): Promise<void> {
	await db.transaction('rw', db.meta, async () => {
		await db.meta.bulkDelete([POSITION, DIRTY]);
		await meta.set(db, 'cursor', 0);
	});
}
