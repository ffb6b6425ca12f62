/**
 * Offline unlock: a user who logged in on this tablet may set a PIN, so that after logging out
 * (or when the session ends) they can open the app again with no network for a limited time.
 * Only a PBKDF2 hash is stored, with a per-PIN salt; the PIN never leaves the device.
 */
import { z } from 'zod';
import { sessionUser, type SessionUser } from '$lib/schemas';

export const PIN_ITERATIONS = 210_000;

export const pinSchema = z.string().regex(/^\d{6}$/, 'PIN must be 6 digits');

export const storedPin = z.object({
	user: sessionUser,
	centre: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
	salt: z.string(),
	hash: z.string(),
	/** When the user last proved who they are to the server on this device. */
	verifiedAt: z.number(),
	validHours: z.number().int().positive()
});
export type StoredPin = z.infer<typeof storedPin>;

const b64 = (bytes: ArrayBuffer | Uint8Array) =>
	btoa(String.fromCharCode(...new Uint8Array(bytes)));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(pin: string, salt: Uint8Array): Promise<string> {
	const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
		'deriveBits'
	]);
	const bits = await crypto.subtle.deriveBits(
		{ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations: PIN_ITERATIONS },
		key,
		256
	);
	return b64(bits);
}

export async function createPin(
	pin: string,
	user: SessionUser,
	centre: StoredPin['centre'],
	now: number,
	validHours: number
): Promise<StoredPin> {
	const salt = crypto.getRandomValues(new Uint8Array(16));
	return {
		user,
		centre,
		salt: b64(salt),
		hash: await derive(pinSchema.parse(pin), salt),
		verifiedAt: now,
		validHours
	};
}

export type UnlockResult = { ok: true } | { ok: false; reason: 'wrong' | 'expired' };

/** Compares in constant time over the hash strings, and refuses once the window has passed. */
export async function checkPin(stored: StoredPin, pin: string, now: number): Promise<UnlockResult> {
	if (now - stored.verifiedAt > stored.validHours * 3600_000)
		return { ok: false, reason: 'expired' };
	const hash = await derive(pin, unb64(stored.salt));
	let diff = hash.length ^ stored.hash.length;
	for (let i = 0; i < Math.min(hash.length, stored.hash.length); i++) {
		diff |= hash.charCodeAt(i) ^ stored.hash.charCodeAt(i);
	}
	return diff === 0 ? { ok: true } : { ok: false, reason: 'wrong' };
}
