/**
 * Daily volume roll-ups stored beside the hourly rows (the roll-up itself is domain/volume.ts
 * `dayRollup`); this file keeps them current and reads them.
 *
 * Roll-ups are maintained on both write paths: a pull rolls up the dates it touched, and a local
 * mutation rolls up the dates its overlay rows fall on. Both read confirmed rows with the pending
 * overlay on top, so the review counts what the screen shows, taps made offline included.
 */
import type { VolumeEntry } from '$lib/schemas';
import { dayRollup, type DayRollup } from '$lib/domain/volume';
import type { DailyVolumeRow, HallDatabase } from './db';
import { mergedRows } from './overlay';

/** Bump when the shape below changes; older rows are rebuilt by `refreshStale`. */
export const ROLLUP_VERSION = 2;

/** A stored roll-up: the domain's day under its centre's key. */
export type DailyVolume = DailyVolumeRow & DayRollup & { rv: number };

export function rollupDay(
	centreId: string,
	date: string,
	rows: readonly (VolumeEntry & { pending?: boolean })[]
): DailyVolume {
	return { key: `${centreId}|${date}`, centreId, rv: ROLLUP_VERSION, ...dayRollup(date, rows) };
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
