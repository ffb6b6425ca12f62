/**
 * A device belongs to its user (issue 14). The first push from a device id claims it for the user
 * who sent it; a push or pull with that id by anyone else is refused, so nobody can advance another
 * tablet's mutation counter (which would make its next change vanish as a "replay") or read its
 * results. Ids are per centre, as the devices table is. The claim is made by the push's group
 * (push.ts), under the centre's lock: the first push to name the id writes its row with its user,
 * and no later write changes the owner.
 */
import { and, eq } from 'drizzle-orm';
import type { SessionUser } from '$lib/schemas';
import type { Db } from '../db/open';
import { devices } from '../db/schema';

/** The user who owns a device id in a centre, or undefined when it was never used. */
export async function deviceOwner(
	db: Db,
	centreId: string,
	deviceId: string
): Promise<string | undefined> {
	const [row] = await db.orm
		.select({ userId: devices.userId })
		.from(devices)
		.where(and(eq(devices.centreId, centreId), eq(devices.deviceId, deviceId)));
	return row?.userId;
}

/** A pull may read a device's state only when the device is unknown or the caller's own. */
export async function mayRead(db: Db, user: SessionUser, deviceId: string): Promise<boolean> {
	const owner = await deviceOwner(db, user.centreId, deviceId);
	return owner === undefined || owner === user.id;
}
