/**
 * Daily volume roll-ups stored beside the hourly rows (the roll-up itself is domain/volume.ts
 * `dayRollup`, built row by row in domain/day-rollup.ts); this file keeps them current and reads
 * them.
 *
 * Roll-ups follow the merged view (confirmed rows with the pending overlay on top), so the review
 * counts what the screen shows, taps made offline included. Both write paths update them by
 * difference: a changed volume row takes its old contribution out of its day and puts the new one
 * in, in the transaction that changed it. A tap therefore costs one roll-up read and write, not a
 * re-read of its whole day. `rollupDates` rebuilds days from the rows, for repair and for roll-ups
 * an older build wrote.
 */
import {
	applyRow,
	dayKey,
	emptyDay,
	ROLLUP_VERSION,
	rollupDay,
	tallyKey,
	type DailyVolume as Day,
	type VolumeRow
} from '$lib/domain/day-rollup';
import { addDays } from '$lib/domain/calendar';
import { own } from '$lib/domain/keyed';
import Dexie, { type Transaction } from 'dexie';
import type { DailyVolumeRow, HallDatabase, OverlayRow, StoredRow } from './db';
import { mergedRows } from './overlay';

export {
	applyRow,
	domainRollup,
	mayHold,
	ROLLUP_VERSION,
	rollupDay,
	type VolumeRow
} from '$lib/domain/day-rollup';

/** A stored roll-up: the domain's day as the tablet's table holds it. */
export type DailyVolume = DailyVolumeRow & Day;

/** Stored roll-ups already read, or being read, by day key. */
export type DayReads = Map<
	string,
	DailyVolumeRow | undefined | Promise<DailyVolumeRow | undefined>
>;

/** One volume row of the merged view before and after a write; absent: no row there. */
export interface RowChange {
	before?: StoredRow;
	after?: StoredRow;
}

const isVolume = (row: StoredRow | undefined): row is StoredRow & VolumeRow =>
	typeof row?.centreId === 'string' && typeof row.date === 'string';

/**
 * Applies changes of the merged view to the stored days: each row's old contribution out, the new
 * one in. A day stored by an older build carries no tally to subtract from: those are returned, for
 * `rebuildDays` once the overlay and the confirmed rows are all written.
 */
export async function applyChanges(
	db: HallDatabase,
	changes: Iterable<RowChange>,
	reading: DayReads = new Map()
): Promise<{ centreId: string; date: string }[]> {
	const byDay = new Map<string, { centreId: string; date: string; moves: [VolumeRow, 1 | -1][] }>();
	const move = (row: StoredRow | undefined, sign: 1 | -1) => {
		if (!isVolume(row)) return;
		const key = dayKey(row.centreId, row.date);
		let day = byDay.get(key);
		if (!day) byDay.set(key, (day = { centreId: row.centreId, date: row.date, moves: [] }));
		day.moves.push([row, sign]);
	};
	for (const { before, after } of changes) {
		move(before, -1);
		move(after, 1);
	}
	if (byDay.size === 0) return [];
	const keys = [...byDay.keys()];
	const unread = keys.filter((k) => !reading.has(k));
	const read = unread.length ? db.dailyVolume.bulkGet(unread) : [];
	const [fetched, already] = await Promise.all([
		read,
		Promise.all(keys.map((k) => reading.get(k)))
	]);
	const found = new Map(unread.map((k, i) => [k, fetched[i]]));
	const stored = keys.map((k, i) => (reading.has(k) ? already[i] : found.get(k))) as (
		DailyVolume | undefined
	)[];
	const puts: DailyVolume[] = [];
	const gone: string[] = [];
	const stale: { centreId: string; date: string }[] = [];
	keys.forEach((key, i) => {
		const { centreId, date, moves } = byDay.get(key)!;
		const known = stored[i];
		if (known && (known.rv !== ROLLUP_VERSION || !known.tally || !known.known)) {
			stale.push({ centreId, date });
			return;
		}
		const day = known ?? emptyDay(centreId, date);
		for (const [row, sign] of moves) applyRow(day, row, sign);
		if ((own(day.tally, tallyKey('rows')) ?? 0) === 0) gone.push(key);
		else puts.push(day);
	});
	await Promise.all([
		puts.length && db.dailyVolume.bulkPut(puts),
		gone.length && db.dailyVolume.bulkDelete(gone)
	]);
	return stale;
}

/** Days `applyChanges` left to a rebuild, rebuilt once the rows they hold are all written. */
export async function rebuildDays(
	db: HallDatabase,
	days: readonly { centreId: string; date: string }[]
) {
	for (const { centreId, date } of days) await rollupDates(db, centreId, [date]);
}

/**
 * Every roll-up rebuilt from the rows, inside Dexie's upgrade transaction (db.ts, version 3). Days
 * move by difference from then on, which needs a roll-up for every day that holds rows: a database
 * from version 1 had none, and version 2 rolled up a day only when a write touched it.
 */
export async function rebuildAll(tx: Transaction): Promise<void> {
	const pending = new Map<string, OverlayRow>();
	await tx
		.table<OverlayRow>('overlay')
		.where('[entity+id]')
		.between(['volume', Dexie.minKey], ['volume', Dexie.maxKey])
		.each((row) => void pending.set(row.id, row));
	const days = new Map<string, DailyVolume>();
	const add = (row: StoredRow) => {
		if (!isVolume(row)) return;
		const key = dayKey(row.centreId, row.date);
		let day = days.get(key);
		if (!day) days.set(key, (day = emptyDay(row.centreId, row.date)));
		applyRow(day, row, 1);
	};
	await tx.table<StoredRow>('volume').each((row) => {
		if (!pending.has(row.id)) add(row);
	});
	for (const p of pending.values()) if (p.data) add({ ...p.data, pending: true });
	const table = tx.table<DailyVolume>('dailyVolume');
	await table.clear();
	await table.bulkPut([...days.values()]);
}

/** Rebuilds the roll-ups of the dates from confirmed rows with the pending overlay on top. */
export async function rollupDates(db: HallDatabase, centreId: string, dates: Iterable<string>) {
	for (const date of new Set(dates)) {
		const rows = (await mergedRows(db, 'volume', centreId, date)) as unknown as VolumeRow[];
		if (rows.length === 0) await db.dailyVolume.delete(dayKey(centreId, date));
		else await db.dailyVolume.put(rollupDay(centreId, date, rows));
	}
}

/**
 * Roll-ups of the range written by an older version of the app, rebuilt once. Returns how many
 * were rebuilt. Called outside live queries, which may only read.
 */
export async function refreshStale(db: HallDatabase, centreId: string, from: string, to: string) {
	const stale = await db.dailyVolume
		.where('[centreId+date]')
		.between([centreId, from], [centreId, to], true, true)
		.filter((r) => (r as Partial<DailyVolume>).rv !== ROLLUP_VERSION)
		.primaryKeys();
	if (stale.length === 0) return 0;
	await db.transaction('rw', [db.volume, db.overlay, db.dailyVolume], () =>
		rollupDates(
			db,
			centreId,
			stale.map((k) => k.slice(k.lastIndexOf('|') + 1))
		)
	);
	return stale.length;
}

/**
 * Days read per request: a year of roll-ups read at once is one long task on the main thread
 * (each day is ~18 KB to clone), which keeps a tablet's board from answering a tap; in pieces of
 * a month or two, the browser can take a tap between them.
 */
const DAYS_PER_READ = 45;

/** Roll-ups of a centre between two dates, inclusive, in date order. */
export async function between(
	db: HallDatabase,
	centreId: string,
	from: string,
	to: string
): Promise<DailyVolume[]> {
	const out: DailyVolume[] = [];
	if (from > to) return out;
	for (let start = from; start <= to; start = addDays(start, DAYS_PER_READ)) {
		const end = [addDays(start, DAYS_PER_READ - 1), to].sort()[0];
		const rows = await db.dailyVolume
			.where('[centreId+date]')
			.between([centreId, start], [centreId, end], true, true)
			.toArray();
		out.push(...(rows as DailyVolume[]));
	}
	return out;
}

/** The last date before `date` with a roll-up of the centre, however long ago; none on a new centre. */
export async function lastBefore(
	db: HallDatabase,
	centreId: string,
	date: string
): Promise<string | undefined> {
	// Up to the day before, inclusive, rather than up to the date exclusive: the same rows, but a
	// live query then does not wake for the date's own roll-up (Dexie watches a range's bounds).
	const row = await db.dailyVolume
		.where('[centreId+date]')
		.between([centreId, ''], [centreId, addDays(date, -1)], true, true)
		.last();
	return (row as DailyVolume | undefined)?.date;
}
