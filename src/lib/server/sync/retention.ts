/**
 * Tombstones cannot be kept forever. Dropping those below a version moves the centre's horizon:
 * a device whose cursor is older may have missed a deletion, so its next pull answers `reset`.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { centres, records } from '../db/schema';

export async function purgeTombstones(db: Db, centreId: string, beforeVersion: number) {
	return db.orm.transaction(async (tx) => {
		// The horizon moves first and in the same transaction, so no pull sees the rows gone but the
		// horizon still old.
		await tx
			.update(centres)
			.set({ purgedBeforeVersion: sql`greatest(${centres.purgedBeforeVersion}, ${beforeVersion})` })
			.where(eq(centres.id, centreId));
		const gone = await tx
			.delete(records)
			.where(
				and(
					eq(records.centreId, centreId),
					eq(records.deleted, true),
					lt(records.version, beforeVersion)
				)
			)
			.returning({ id: records.id });
		return gone.length;
	});
}
