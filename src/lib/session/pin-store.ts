/**
 * Where this device keeps its PINs: one meta row, by user id. Session code may read and write the
 * local database; the PIN maths in ./pin.ts stays free of it.
 */
import { meta, type HallDatabase } from '$lib/local';
import { storedPin, type StoredPin } from './pin';

/** PINs set on this device, by user id; rows that fail their schema are ignored. */
export async function storedPins(db: HallDatabase): Promise<Record<string, StoredPin>> {
	const raw = (await meta.get<Record<string, unknown>>(db, 'pins')) ?? {};
	const out: Record<string, StoredPin> = {};
	for (const [id, value] of Object.entries(raw)) {
		const parsed = storedPin.safeParse(value);
		if (parsed.success) out[id] = parsed.data;
	}
	return out;
}

/** Adds or replaces the PIN of `pin.user`, keeping the others. */
export async function savePin(db: HallDatabase, pin: StoredPin): Promise<void> {
	const pins = await storedPins(db);
	await meta.set(db, 'pins', { ...pins, [pin.user.id]: pin });
}
