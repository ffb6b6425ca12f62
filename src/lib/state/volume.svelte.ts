/** Reads the volume screens need besides the day itself. */
import { rollup, type HallDatabase } from '$lib/local';

/** Which of the dates already hold volume on this device (an import adds to what is there). */
export async function datesWithVolume(
	db: HallDatabase,
	centreId: string,
	dates: readonly string[]
): Promise<string[]> {
	if (dates.length === 0) return [];
	const sorted = [...dates].sort();
	const rows = await rollup.between(db, centreId, sorted[0], sorted.at(-1)!);
	return rows
		.filter((r) => dates.includes(r.date) && (r.totals.accepted ?? 0) > 0)
		.map((r) => r.date);
}
