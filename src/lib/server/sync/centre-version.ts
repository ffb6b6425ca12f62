/**
 * A centre's clock and write lock (the `centre_versions` row). Every transaction that writes a
 * centre's records takes the lock first and moves the clock once at the end, so versions commit
 * in the order they are given and a pull never passes over a change that commits late. The lock is
 * in the database, not in this process: app servers sharing one PostgreSQL take turns on it.
 */
import { eq, sql } from 'drizzle-orm';
import type { Orm, OrmTx } from '../db/open';
import { centreVersions } from '../db/schema';
import { CHANGES_CHANNEL } from './events';
import { GroupRecords, type Flushed, type RecordLayer } from './sql-tx';

/**
 * Locks the centre until commit and answers its version. The upsert makes a row for a centre made
 * before it had one, and locks an existing row as FOR UPDATE would.
 */
export async function lockCentre(tx: OrmTx, centreId: string): Promise<number> {
	const [row] = await tx
		.insert(centreVersions)
		.values({ centreId })
		.onConflictDoUpdate({
			target: centreVersions.centreId,
			set: { version: sql`${centreVersions.version}` }
		})
		.returning({ version: centreVersions.version });
	return row.version;
}

/**
 * Moves the locked centre's clock to `version` and pokes its clients, in one statement: the
 * NOTIFY is delivered when the transaction commits, once however many versions it took.
 */
export async function advanceCentre(tx: OrmTx, centreId: string, version: number): Promise<void> {
	await tx.execute(sql`
		with moved as (
			update ${centreVersions} set version = ${version}
			where ${centreVersions.centreId} = ${centreId}
			returning ${centreVersions.version}
		)
		select pg_notify(${CHANGES_CHANNEL}, json_build_object('centreId', ${centreId}::text, 'version', moved.version)::text)
		from moved`);
}

/** The centre's version and tombstone horizon as committed now; undefined for no such centre. */
export async function centreClock(
	orm: Orm | OrmTx,
	centreId: string
): Promise<{ version: number; purgedBefore: number } | undefined> {
	const [row] = await orm
		.select({
			version: centreVersions.version,
			purgedBefore: centreVersions.purgedBeforeVersion
		})
		.from(centreVersions)
		.where(eq(centreVersions.centreId, centreId));
	return row;
}

/**
 * A change to a centre outside a push (an erasure, a test's tombstone): the centre locked, then
 * `change` reads what it needs and writes through its layer, and everything it changed takes one
 * version. Answers that version (none when nothing changed) and the rows before and after.
 */
export async function writeCentre(
	tx: OrmTx,
	centreId: string,
	change: (layer: RecordLayer) => Promise<void>
): Promise<Flushed> {
	const start = await lockCentre(tx, centreId);
	const group = new GroupRecords(tx, centreId);
	const layer = group.layer();
	await change(layer);
	group.keep(layer);
	const flushed = (await group.flush(start + 1)).get(layer) ?? { changes: [] };
	if (flushed.version !== undefined) await advanceCentre(tx, centreId, flushed.version);
	return flushed;
}
