/** Small device-wide facts: who this device is, how far it has pulled, who is logged in. */
import { z } from 'zod';
import { PROTOCOL_VERSION, SCHEMA_VERSION, sessionUser, type SessionUser } from '$lib/schemas';
import type { HallDatabase } from './db';

export async function get<T>(db: HallDatabase, key: string): Promise<T | undefined> {
	return (await db.meta.get(key))?.value as T | undefined;
}

export async function set(db: HallDatabase, key: string, value: unknown): Promise<void> {
	await db.meta.put({ key, value });
}

/** A stable id for this browser profile; the server orders its mutations by it. */
export async function deviceId(db: HallDatabase, makeId: () => string): Promise<string> {
	return db.transaction('rw', db.meta, async () => {
		const known = await get<string>(db, 'deviceId');
		if (known) return known;
		const fresh = makeId();
		await set(db, 'deviceId', fresh);
		return fresh;
	});
}

/**
 * The device id for `userId` on this browser profile. The server gives a device id to the first
 * user who pushes with it (docs/security.md), so when another user signs in here the device takes
 * a fresh id — but only when nothing of the previous user is waiting (no unsent mutation, no
 * unsettled rejection), since those can only be sent or settled under the old id. Otherwise the
 * old id stays and the new user's sync is refused until the previous user has synced.
 */
export async function deviceFor(
	db: HallDatabase,
	userId: string,
	makeId: () => string
): Promise<string> {
	return db.transaction('rw', db.meta, db.outbox, db.results, async () => {
		const current = await deviceId(db, makeId);
		const owner = await get<string>(db, 'deviceOwner');
		if (owner === undefined || owner === userId) {
			if (owner === undefined) await set(db, 'deviceOwner', userId);
			return current;
		}
		const waiting = await db.outbox.count();
		const unsettled = (await db.results.where('status').equals('rejected').toArray()).filter(
			(r) => !r.settledAt
		).length;
		if (waiting > 0 || unsettled > 0) return current;
		// Settled results were the previous user's device's; the new id starts its own count.
		await db.results.clear();
		const fresh = makeId();
		await set(db, 'deviceId', fresh);
		await set(db, 'lastQueuedId', 0);
		await set(db, 'confirmedId', 0);
		await set(db, 'deviceOwner', userId);
		return fresh;
	});
}

/**
 * The highest mutation id the server has said it decided for this device. Sent with each push: a
 * server restored from a backup has forgotten the ids it confirmed after the backup, which the
 * device no longer holds, and without this it would wait for them forever (docs/operations.md,
 * "What a restore means for the tablets").
 */
export async function confirmed(db: HallDatabase): Promise<number> {
	return (await get<number>(db, 'confirmedId')) ?? 0;
}

export async function cursor(db: HallDatabase): Promise<number> {
	return (await get<number>(db, 'cursor')) ?? 0;
}

/**
 * The role scope the confirmed rows were filtered for (docs/roles.md), sent with each pull. A
 * device that pulled before scopes existed says so, and the server has it start again.
 */
export async function scope(db: HallDatabase): Promise<string> {
	return (await get<string>(db, 'scope')) ?? 'unscoped';
}

export async function user(db: HallDatabase): Promise<SessionUser | undefined> {
	const raw = await get(db, 'user');
	const parsed = sessionUser.safeParse(raw);
	return parsed.success ? parsed.data : undefined;
}

/**
 * Why this build stopped syncing (docs/sync-protocol.md, "Versions and handshake"), and which
 * build it was: a newer one tries again from where the cursor stopped.
 */
export const needsUpdateRecord = z.object({
	reason: z.enum(['client_too_old', 'unreadable_row']),
	protocol: z.number().int(),
	schema: z.number().int(),
	/** For client_too_old: the server's minimum protocol, when it said. */
	minProtocol: z.number().int().optional(),
	/** For unreadable_row: the first row this build could not read. */
	row: z
		.object({ entity: z.string(), id: z.string(), version: z.number().int(), error: z.string() })
		.optional(),
	at: z.string()
});
export type NeedsUpdate = z.infer<typeof needsUpdateRecord>;

export async function setNeedsUpdate(
	db: HallDatabase,
	record: Omit<NeedsUpdate, 'protocol' | 'schema'>
): Promise<void> {
	await set(db, 'needsUpdate', { ...record, protocol: PROTOCOL_VERSION, schema: SCHEMA_VERSION });
}

/** The stop recorded by this very build; one recorded by an older build no longer holds. */
export async function needsUpdate(db: HallDatabase): Promise<NeedsUpdate | undefined> {
	const parsed = needsUpdateRecord.safeParse(await get(db, 'needsUpdate'));
	if (!parsed.success) return undefined;
	const same = parsed.data.protocol === PROTOCOL_VERSION && parsed.data.schema === SCHEMA_VERSION;
	return same ? parsed.data : undefined;
}

export async function clearNeedsUpdate(db: HallDatabase): Promise<void> {
	await db.meta.delete('needsUpdate');
}
