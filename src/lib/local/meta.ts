/** Small device-wide facts: who this device is, how far it has pulled, who is logged in. */
import { sessionUser, type SessionUser } from '$lib/schemas';
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
