/**
 * Daily volume roll-ups stored beside the hourly rows (the roll-up itself is domain/volume.ts
 * `dayRollup`); this file keeps them current and reads them.
 *
 * Roll-ups follow the merged view (confirmed rows with the pending overlay on top), so the review
 * counts what the screen shows, taps made offline included. Both write paths update them by
 * difference: a changed volume row takes its old contribution out of its day and puts the new one
 * in, in the transaction that changed it. A tap therefore costs one roll-up read and write, not a
 * re-read of its whole day. `rollupDates` rebuilds days from the rows, for repair and for roll-ups
 * an older build wrote.
 */
import { counterNames, type VolumeCounters, type VolumeEntry } from '$lib/schemas';
import { dayRollup, zeroCounters, type DayRollup } from '$lib/domain/volume';
import { keyed, own, put, slot } from '$lib/domain/keyed';
import Dexie, { type Transaction } from 'dexie';
import type { DailyVolumeRow, HallDatabase, OverlayRow, StoredRow } from './db';
import { mergedRows } from './overlay';

/**
 * Bump when the shape below changes; older rows are rebuilt by `refreshStale`, and by a write
 * that meets one. Version 3 added `tally`.
 */
export const ROLLUP_VERSION = 3;

/**
 * How many rows stand behind each entry of a day, so that taking a row out knows when an entry has
 * no row left and must go, as a rebuild would never have made it: a row whose counts are all zero
 * still makes its category appear. Keys are the entry's path joined by NUL (`tallyKey`); the queue
 * lengths are kept as sums (`wait`) beside their counts (`waitn`), since a peak cannot be
 * subtracted.
 */
export type Tally = Record<string, number>;

/**
 * NUL cannot occur in a name: every row passed through PostgreSQL, whose text refuses it
 * (schemas/plain.ts, `storableText`), so the joined path is unambiguous.
 */
const tallyKey = (...path: readonly (string | number)[]) => path.join('\u0000');

/** A stored roll-up: the domain's day under its centre's key. */
export type DailyVolume = DailyVolumeRow &
	DayRollup & { rv: number; tally: Tally; known: IdFilter };

/**
 * The ids of the rows a day has held, as a Bloom filter: "no" is certain, "maybe" is not. A pull
 * must take a replaced row's old counts out, so it must read the old row — unless the day has
 * never held that id, which on a first sync is every row. A volume row keeps its day for life
 * (its id names centre, date, hour, category, channel and window: volumeEntryId), so a "no" from
 * the new row's day is a "no" everywhere. Rows taken out stay in the filter; a wrong "maybe" costs
 * one read, never a wrong count.
 */
export type IdFilter = Uint32Array;

const FILTER_BITS = 4096;

/** Three bit positions for an id: FNV-1a, and the double hashing of Kirsch and Mitzenmacher. */
function bitsOf(id: string): [number, number, number] {
	let h1 = 0x811c9dc5;
	let h2 = 0x01000193;
	for (let i = 0; i < id.length; i++) {
		const c = id.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 0x01000193);
		h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
	}
	h2 |= 1;
	return [0, 1, 2].map((k) => ((h1 + k * h2) >>> 0) % FILTER_BITS) as [number, number, number];
}

function noteId(filter: IdFilter, id: string) {
	for (const bit of bitsOf(id)) filter[bit >>> 5] |= 1 << (bit & 31);
}

/** False when the day has certainly never held a row with this id. */
export function mayHold(day: Pick<DailyVolume, 'known'>, id: string): boolean {
	const filter = day.known;
	if (!(filter instanceof Uint32Array)) return true;
	return bitsOf(id).every((bit) => (filter[bit >>> 5] & (1 << (bit & 31))) !== 0);
}

/** A volume row as the merged view holds it: `pending` when an unsent mutation wrote it. */
export type VolumeRow = VolumeEntry & { pending?: boolean };

const dayKey = (centreId: string, date: string) => `${centreId}|${date}`;

function emptyDay(centreId: string, date: string): DailyVolume {
	return {
		key: dayKey(centreId, date),
		centreId,
		rv: ROLLUP_VERSION,
		date,
		totals: zeroCounters(),
		byCategory: keyed(),
		byChannel: keyed(),
		cells: keyed(),
		hours: keyed(),
		windows: keyed(),
		refusalReasons: keyed(),
		waitingPeak: keyed(),
		pending: false,
		tally: keyed(),
		known: new Uint32Array(FILTER_BITS / 32)
	};
}

/** Adds (sign 1) or takes out (sign -1) the counters `c`. */
function addSigned(a: VolumeCounters, c: Partial<VolumeCounters> | undefined, sign: number) {
	if (!c) return;
	for (const name of counterNames) a[name] += sign * (c[name] ?? 0);
}

/** Moves the count under `key` by `by` and returns it; a count at zero is dropped. */
function count(tally: Tally, key: readonly (string | number)[], by: number): number {
	const k = tallyKey(...key);
	const next = (own(tally, k) ?? 0) + by;
	if (next === 0) delete tally[k];
	else put(tally, k, next);
	return next;
}

/**
 * Adds the counters `c` under `key` of `map` (sign 1) or takes them out (sign -1), creating the
 * entry on its first row and dropping it with its last; `rows` is that entry's row count.
 */
function moveCounters<T extends VolumeCounters>(
	map: Record<string, T>,
	key: string,
	c: Partial<VolumeCounters> | undefined,
	sign: number,
	rows: number,
	make: () => T
) {
	if (rows === 0) {
		delete map[key];
		return;
	}
	addSigned(slot(map, key, make), c, sign);
}

/** Drops `map[key]` once nothing is left under it. */
function dropEmpty(map: Record<string, object>, key: string) {
	const inner = own(map, key);
	if (inner && Object.keys(inner).length === 0) delete map[key];
}

/**
 * The category a window's counts are filed under. A window serves one category in practice; when
 * rows of one day name two, the first by name stands, whatever order the rows came in, so a day
 * updated row by row and a day rebuilt agree.
 */
function windowCategory(tally: Tally, windowId: string): string | undefined {
	const prefix = tallyKey('wincat', windowId, '');
	let first: string | undefined;
	for (const k of Object.keys(tally)) {
		if (!k.startsWith(prefix)) continue;
		const category = k.slice(prefix.length);
		if (first === undefined || category < first) first = category;
	}
	return first;
}

/** The longest summed queue of `category` over the hours that reported one. */
function waitingPeak(day: DailyVolume, category: string) {
	let peak: number | undefined;
	for (let hour = 0; hour < 24; hour++) {
		if (own(day.tally, tallyKey('waitn', category, hour)) === undefined) continue;
		const sum = own(day.tally, tallyKey('wait', category, hour)) ?? 0;
		peak = Math.max(peak ?? 0, sum);
	}
	if (peak === undefined) delete day.waitingPeak[category];
	else put(day.waitingPeak, category, peak);
}

/**
 * Puts one row's counts into its day (sign 1) or takes them out (sign -1), mirroring
 * `dayRollup` entry by entry. Taking out a row that was put in leaves the day as it was before.
 */
export function applyRow(day: DailyVolume, row: VolumeRow, sign: 1 | -1): void {
	const c = row.counters;
	const { category, channel, hour } = row;
	const t = day.tally;
	count(t, ['rows'], sign);
	if (sign === 1) noteId(day.known, row.id);
	if (row.pending) day.pending = count(t, ['pending'], sign) > 0;
	addSigned(day.totals, c, sign);
	moveCounters(day.byCategory, category, c, sign, count(t, ['cat', category], sign), zeroCounters);
	moveCounters(day.byChannel, channel, c, sign, count(t, ['ch', channel], sign), zeroCounters);
	const cellRows = count(t, ['cell', category, channel], sign);
	moveCounters(
		slot(day.cells, category, keyed<VolumeCounters>),
		channel,
		c,
		sign,
		cellRows,
		zeroCounters
	);
	dropEmpty(day.cells, category);
	if (channel === 'window') {
		const hourRows = count(t, ['hour', category, hour], sign);
		const hours = slot(day.hours, category, keyed<VolumeCounters>) as Record<
			string,
			VolumeCounters
		>;
		moveCounters(hours, String(hour), c, sign, hourRows, zeroCounters);
		dropEmpty(day.hours, category);
		if (row.windowId) {
			const w = row.windowId;
			const served = count(t, ['wincat', w, category], sign);
			const rows = count(t, ['win', w], sign);
			moveCounters(day.windows, w, c, sign, rows, () => ({ ...zeroCounters(), category }));
			const filed = own(day.windows, w);
			if (filed && sign === 1 && category < filed.category) filed.category = category;
			// Only the category's last row leaving can change the name; then look at the others.
			if (filed && served === 0 && category === filed.category) {
				filed.category = windowCategory(t, w) ?? category;
			}
		}
		if (row.waiting !== undefined) {
			const sum = count(t, ['wait', category, hour], sign * row.waiting);
			count(t, ['waitn', category, hour], sign);
			// A queue only grows as rows come in; a row going out may have held the peak.
			if (sign === 1)
				put(day.waitingPeak, category, Math.max(own(day.waitingPeak, category) ?? 0, sum));
			else waitingPeak(day, category);
		}
	}
	for (const [reason, n] of Object.entries(row.refusalReasons ?? {})) {
		const reasons = slot(day.refusalReasons, category, keyed<number>);
		if (count(t, ['rr', category, reason], sign) === 0) delete reasons[reason];
		else put(reasons, reason, (own(reasons, reason) ?? 0) + sign * n);
		dropEmpty(day.refusalReasons, category);
	}
}

/** A day rolled up from its rows: what every update by difference must equal. */
export function rollupDay(centreId: string, date: string, rows: readonly VolumeRow[]): DailyVolume {
	const day = emptyDay(centreId, date);
	for (const row of rows) applyRow(day, row, 1);
	return day;
}

/** The domain's roll-up of the rows, windows filed as `windowCategory` files them. */
export function domainRollup(date: string, rows: readonly VolumeRow[]): DayRollup {
	const day = dayRollup(date, rows);
	const tally = rollupDay('', date, rows).tally;
	for (const w of Object.keys(day.windows)) {
		day.windows[w].category = windowCategory(tally, w) ?? day.windows[w].category;
	}
	return day;
}

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

/** Roll-ups of a centre between two dates, inclusive, in date order. */
export async function between(
	db: HallDatabase,
	centreId: string,
	from: string,
	to: string
): Promise<DailyVolume[]> {
	const rows = await db.dailyVolume
		.where('[centreId+date]')
		.between([centreId, from], [centreId, to], true, true)
		.toArray();
	return rows as DailyVolume[];
}

/** The last date before `date` with a roll-up of the centre, however long ago; none on a new centre. */
export async function lastBefore(
	db: HallDatabase,
	centreId: string,
	date: string
): Promise<string | undefined> {
	const row = await db.dailyVolume
		.where('[centreId+date]')
		.between([centreId, ''], [centreId, date], true, false)
		.last();
	return (row as DailyVolume | undefined)?.date;
}
