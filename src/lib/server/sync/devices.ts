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
import { HttpError } from '../http';

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

/** The refusal a wiped device meets on every push and pull; `detail` is what the client checks. */
export const deviceWiped = () =>
	new HttpError(410, {
		error: '管理员已远程清除此设备上的数据，请重新登录',
		detail: 'device-wiped'
	});

/** Throws the 410 when an admin has wiped this device of the caller's centre. */
export async function refuseWiped(db: Db, centreId: string, deviceId: string): Promise<void> {
	const [row] = await db.orm
		.select({ wipedAt: devices.wipedAt })
		.from(devices)
		.where(and(eq(devices.centreId, centreId), eq(devices.deviceId, deviceId)));
	if (row?.wipedAt) throw deviceWiped();
}

/** Device ids as the app makes them (crypto.randomUUID). */
const appDeviceId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** How often a device's pulls move its time in the admin's list, which shows minutes. */
export const PULL_NOTE_EVERY_MS = 60_000;
/** When this process last wrote each device's pull (centre, device, user), for `notePull`. */
const pullsNoted = new Map<string, number>();

/**
 * `noteSync` of a pull, written at most once a PULL_NOTE_EVERY_MS per device by this process: a
 * tablet pulls on every poke, and a write per pull cost the database a commit on most requests
 * of a busy hall. The first pull a process sees from a device is always written.
 */
export async function notePull(
	db: Db,
	user: SessionUser,
	deviceId: string,
	now: Date = new Date()
): Promise<void> {
	const key = `${user.centreId}\u0000${deviceId}\u0000${user.id}`;
	const last = pullsNoted.get(key);
	if (last !== undefined && now.getTime() - last < PULL_NOTE_EVERY_MS) return;
	await noteSync(db, user, deviceId, 'pull', now);
	// Kept from growing without end by a process that runs for months: old entries go first.
	if (pullsNoted.size >= 10_000) pullsNoted.delete(pullsNoted.keys().next().value as string);
	pullsNoted.delete(key);
	pullsNoted.set(key, now.getTime());
}

/**
 * Notes a sync from the device for the admin's list, so that a device which only reads (a
 * viewer's wall screen) can be listed and wiped too. A push claims a device first seen here for
 * its user, as the push itself does; a pull claims one only by an id the app itself would make,
 * and otherwise just moves the time of a device already known, so made-up ids in reads never fill
 * the table. A row owned by someone else is left alone.
 */
export async function noteSync(
	db: Db,
	user: SessionUser,
	deviceId: string,
	how: 'push' | 'pull',
	now: Date = new Date()
): Promise<void> {
	if (how === 'pull' && !appDeviceId.test(deviceId)) {
		await db.orm
			.update(devices)
			.set({ lastSyncAt: now })
			.where(
				and(
					eq(devices.centreId, user.centreId),
					eq(devices.deviceId, deviceId),
					eq(devices.userId, user.id)
				)
			);
		return;
	}
	await db.orm
		.insert(devices)
		.values({ centreId: user.centreId, deviceId, userId: user.id, lastSyncAt: now })
		.onConflictDoUpdate({
			target: [devices.centreId, devices.deviceId],
			set: { lastSyncAt: now },
			setWhere: eq(devices.userId, user.id)
		});
}
