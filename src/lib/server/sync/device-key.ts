/**
 * The server's share of the key that seals personal data on a device (docs/security.md, "Personal
 * data at rest"). Each device of a user gets 32 random bytes, handed only to that user on that
 * device. The device keeps them in memory, and offline only wrapped under its PIN, so a tablet
 * taken away with neither a session nor the PIN holds nothing readable. Clearing the share (at
 * sign-out, a remote wipe, a change of role or department) makes whatever the device sealed with
 * it unreadable; the device then drops those values and pulls them again.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { SessionUser } from '$lib/schemas';
import type { Db } from '../db/open';
import { devices } from '../db/schema';
import { forbidden } from '../http';
import { deviceOwner, noteSync, refuseWiped } from './devices';

/**
 * The share of `deviceId` for `user`, made on first request. A device first seen here is claimed
 * for the user, as a sync would; one owned by someone else is refused with 403, a wiped one 410.
 */
export async function deviceKey(db: Db, user: SessionUser, deviceId: string): Promise<string> {
	await refuseWiped(db, user.centreId, deviceId);
	const owner = await deviceOwner(db, user.centreId, deviceId);
	if (owner !== undefined && owner !== user.id) throw forbidden('not your device');
	if (owner === undefined) await noteSync(db, user, deviceId, 'push');
	const mine = and(
		eq(devices.centreId, user.centreId),
		eq(devices.deviceId, deviceId),
		eq(devices.userId, user.id)
	);
	// Only a row without a share gets one: two tabs asking at once receive the same share.
	await db.orm
		.update(devices)
		.set({ personalKey: randomBytes(32).toString('base64') })
		.where(and(mine, isNull(devices.personalKey)));
	const [row] = await db.orm.select({ key: devices.personalKey }).from(devices).where(mine);
	if (!row?.key) throw forbidden('not your device');
	return row.key;
}

/** At sign-out: the share of this user's device goes, so what it sealed cannot be read again. */
export async function forgetDeviceKey(db: Db, user: SessionUser, deviceId: string): Promise<void> {
	await db.orm
		.update(devices)
		.set({ personalKey: null })
		.where(
			and(
				eq(devices.centreId, user.centreId),
				eq(devices.deviceId, deviceId),
				eq(devices.userId, user.id)
			)
		);
}
