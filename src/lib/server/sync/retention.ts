/**
 * Tombstones cannot be kept forever. Dropping those below a version moves the centre's horizon:
 * a device whose cursor is older may have missed a deletion, so its next pull answers `reset`.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { centreVersions, records } from '../db/schema';

export async function purgeTombstones(db: Db, centreId: string, beforeVersion: number) {
	return db.orm.transaction(async (tx) => {
		// The horizon moves first and in the same transaction, so no pull sees the rows gone but the
		// horizon still old. Updating the centre's clock row also takes the centre's write lock.
		await tx
			.update(centreVersions)
			.set({
				purgedBeforeVersion: sql`greatest(${centreVersions.purgedBeforeVersion}, ${beforeVersion})`
			})
			.where(eq(centreVersions.centreId, centreId));
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
