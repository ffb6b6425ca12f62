/**
 * A tablet's database filled with the demo centre, for the state classes' tests. The records go
 * in through the same pull apply a real sync uses, so the state classes read what they would
 * read on a tablet, roll-ups included.
 */
import 'fake-indexeddb/auto';
import { applyPull, HallDatabase, type Actor } from '$lib/local';
import { holdTestKey } from '$lib/local/testing/key';
import { generateDemo, type Demo } from '$lib/demo';
import type { Role } from '$lib/schemas';

/** The demo's history ends the day before; a Monday, so the weekend before has plans. */
export const TODAY = '2026-06-08';
export const NOW = '2026-06-08T10:00:00+08:00';

let demo: Demo | undefined;
/** Two months of history keep the load short and still give the forecasts their weeks. */
export const demoData = () => (demo ??= generateDemo({ seed: 7, today: TODAY, months: 2 }));

export const centreId = () => demoData().centre.id;

export function actorFor(role: Role = 'manager', deviceId = 'state-test-device'): Actor {
	return { centreId: centreId(), userId: `user-${role}`, role, deviceId };
}

let next = 0;
/** A fresh database with the whole demo in it; close it with `dispose`. */
export async function demoDatabase(role: Role = 'manager') {
	const db = new HallDatabase(`state-${process.pid}-${++next}`);
	await db.open();
	await holdTestKey(db);
	const records = demoData().records;
	await applyPull(
		db,
		actorFor(role),
		{
			cursor: records.length,
			changes: records.map((r, i) => ({
				version: i + 1,
				entity: r.entity,
				id: (r.data as { id: string }).id,
				op: 'put' as const,
				data: r.data
			})),
			hasMore: false,
			lastMutationId: 0,
			results: []
		},
		NOW
	);
	return {
		db,
		async dispose() {
			db.close();
			await db.delete();
		}
	};
}

/** An empty database, for what a device shows before its first sync. */
export async function emptyDatabase() {
	const db = new HallDatabase(`state-${process.pid}-${++next}`);
	await db.open();
	return {
		db,
		async dispose() {
			db.close();
			await db.delete();
		}
	};
}
