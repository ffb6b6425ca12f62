/**
 * A day's volume roll-up built row by row, the same on the tablet (local/rollup.ts keeps it in
 * IndexedDB) and on the server (a first sync sends the roll-ups of the days whose rows come
 * later, server/sync/first-sync.ts). Pure.
 */
import { counterNames, type VolumeCounters, type VolumeEntry } from '$lib/schemas';
import { dayRollup, zeroCounters, type DayRollup } from './volume';
import { keyed, own, put, slot } from './keyed';

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
export const tallyKey = (...path: readonly (string | number)[]) => path.join('\u0000');

/** A stored roll-up: the domain's day under its centre's key (`centreId|date`). */
export type DailyVolume = { key: string; centreId: string; date: string } & DayRollup & {
		rv: number;
		tally: Tally;
		known: IdFilter;
	};

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

export const dayKey = (centreId: string, date: string) => `${centreId}|${date}`;

export function emptyDay(centreId: string, date: string): DailyVolume {
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
