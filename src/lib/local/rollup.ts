/**
 * Daily volume roll-ups, kept beside the hourly rows so that a year's review reads one row a
 * day instead of every hourly count. A roll-up carries everything the review charts and the
 * window advice need — by category and channel, by window, by category and hour, refusal reasons,
 * the longest queue — so no chart ever goes back to the hourly rows.
 *
 * Roll-ups are maintained on both write paths: a pull rolls up the dates it touched, and a local
 * mutation rolls up the dates its overlay rows fall on. Both read confirmed rows with the pending
 * overlay on top, so the review counts what the screen shows, taps made offline included.
 */
import { counterNames, type VolumeCounters, type VolumeEntry } from '$lib/schemas';
import { addTo, keyed, own, put, slot } from '$lib/domain/keyed';
import type { DailyVolumeRow, HallDatabase } from './db';
import { mergedRows } from './overlay';

/** Bump when the shape below changes; older rows are rebuilt by `refreshStale`. */
export const ROLLUP_VERSION = 2;

export interface DailyVolume extends DailyVolumeRow {
	rv: number;
	/** category → channel → counters. */
	cells: Record<string, Record<string, VolumeCounters>>;
	/** Window channel only: category → hour → counters (platform totals carry no hour). */
	hours: Record<string, Record<number, VolumeCounters>>;
	/** Window channel rows that name a window: windowId → counters. */
	windows: Record<string, VolumeCounters & { category: string }>;
	/** 一次告知 reasons: category → reason → refusals. */
	refusalReasons: Record<string, Record<string, number>>;
	/** Longest queue seen in any hour (snapshots summed over the windows of that hour). */
	waitingPeak: Record<string, number>;
	/** Some counts on this day are not yet confirmed by the server. */
	pending: boolean;
}

const zero = (): VolumeCounters => ({
	accepted: 0,
	completed: 0,
	consulted: 0,
	oneVisit: 0,
	refused: 0
});

function add(into: Partial<VolumeCounters>, c: VolumeCounters) {
	for (const name of counterNames) into[name] = (into[name] ?? 0) + c[name];
}

export function rollupDay(
	centreId: string,
	date: string,
	rows: readonly (VolumeEntry & { pending?: boolean })[]
): DailyVolume {
	const day: DailyVolume = {
		key: `${centreId}|${date}`,
		centreId,
		date,
		rv: ROLLUP_VERSION,
		totals: {},
		byCategory: keyed(),
		byChannel: {},
		cells: keyed(),
		hours: keyed(),
		windows: keyed(),
		refusalReasons: keyed(),
		waitingPeak: keyed(),
		pending: false
	};
	const waiting = new Map<string, number>();
	for (const row of rows) {
		const c = row.counters;
		add(day.totals, c);
		add(
			slot(day.byCategory, row.category, () => ({})),
			c
		);
		add((day.byChannel[row.channel] ??= {}), c);
		add(slot(slot(day.cells, row.category, keyed<VolumeCounters>), row.channel, zero), c);
		if (row.channel === 'window') {
			add((slot(day.hours, row.category, keyed<VolumeCounters>)[row.hour] ??= zero()), c);
			if (row.windowId) {
				add(
					slot(day.windows, row.windowId, () => ({ ...zero(), category: row.category })),
					c
				);
			}
			if (row.waiting !== undefined) {
				const k = `${row.category}|${row.hour}`;
				waiting.set(k, (waiting.get(k) ?? 0) + row.waiting);
			}
		}
		for (const [reason, n] of Object.entries(row.refusalReasons)) {
			addTo(slot(day.refusalReasons, row.category, keyed<number>), reason, n);
		}
		if (row.pending) day.pending = true;
	}
	for (const [k, n] of waiting) {
		const category = k.slice(0, k.lastIndexOf('|'));
		put(day.waitingPeak, category, Math.max(own(day.waitingPeak, category) ?? 0, n));
	}
	return day;
}

/** Rebuilds the roll-ups of the dates from confirmed rows with the pending overlay on top. */
export async function rollupDates(db: HallDatabase, centreId: string, dates: Iterable<string>) {
	for (const date of new Set(dates)) {
		const rows = (await mergedRows(db, 'volume', centreId, date)) as unknown as VolumeEntry[];
		if (rows.length === 0) await db.dailyVolume.delete(`${centreId}|${date}`);
		else await db.dailyVolume.put(rollupDay(centreId, date, rows));
	}
}

/** Dates on which the device has volume counts the server has not confirmed yet. */
export async function pendingDates(db: HallDatabase, centreId: string): Promise<string[]> {
	const rows = await db.overlay.where('[entity+centreId]').equals(['volume', centreId]).toArray();
	return [...new Set(rows.flatMap((r) => (r.date ? [r.date] : [])))];
}

/**
 * The write path's hook: after mutation `mutationId` ran against the overlay, roll up the dates
 * of the volume rows it touched. Runs inside the mutation's transaction, so the roll-up and the
 * outbox entry commit together.
 */
export async function rollupMutation(db: HallDatabase, centreId: string, mutationId: number) {
	const rows = await db.overlay.where('[entity+centreId]').equals(['volume', centreId]).toArray();
	const dates = rows.filter((r) => r.mutationIds.includes(mutationId)).flatMap((r) => r.date ?? []);
	if (dates.length) await rollupDates(db, centreId, dates);
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
