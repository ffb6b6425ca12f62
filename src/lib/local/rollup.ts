/**
 * Daily volume roll-ups, kept beside the hourly rows so that a year's review reads one row a
 * day instead of every hourly count.
 */
import { counterNames, type VolumeEntry } from '$lib/schemas';
import type { DailyVolumeRow, HallDatabase } from './db';

export function rollupDay(centreId: string, date: string, rows: VolumeEntry[]): DailyVolumeRow {
	const day: DailyVolumeRow = {
		key: `${centreId}|${date}`,
		centreId,
		date,
		totals: {},
		byCategory: {},
		byChannel: {}
	};
	for (const row of rows) {
		const cat = (day.byCategory[row.category] ??= {});
		const chan = (day.byChannel[row.channel] ??= {});
		for (const name of counterNames) {
			const n = row.counters[name];
			day.totals[name] = (day.totals[name] ?? 0) + n;
			cat[name] = (cat[name] ?? 0) + n;
			chan[name] = (chan[name] ?? 0) + n;
		}
	}
	return day;
}

export async function rollupDates(db: HallDatabase, centreId: string, dates: string[]) {
	for (const date of dates) {
		const rows = (await db.volume
			.where('[centreId+date]')
			.equals([centreId, date])
			.toArray()) as unknown as VolumeEntry[];
		await db.dailyVolume.put(rollupDay(centreId, date, rows));
	}
}
