/**
 * Where the key that seals personal data on this device comes from (docs/security.md, "Personal
 * data at rest"). Online, from the server's share for this user on this device (GET
 * /api/device-key), held in memory only. Offline, from a copy of that share wrapped under a key
 * derived from the user's PIN: its expiry is the AES-GCM additional data, so a changed expiry
 * fails to decrypt, and past it the copy is thrown away. Only an online login (the share again)
 * writes a new expiry. Wrong PINs are counted; the fifth deletes the copy and the sealed values.
 */
import { z } from 'zod';
import { meta, sealing, type HallDatabase } from '$lib/local';
import { PIN_ITERATIONS } from './pin';

/** Wrong PINs in a row before the wrapped share and the sealed values are deleted. */
export const PIN_MAX_FAILURES = 5;

const sealedBox = z.object({ iv: z.string(), ct: z.string() });

export const wrappedShare = z.object({
	userId: z.string(),
	/** PBKDF2 salt of the PIN's wrapping key; not the salt of the PIN's check (pin.ts). */
	salt: z.string(),
	/** The server's share, under the PIN's key, with `userId|expiresAt` as additional data. */
	share: sealedBox,
	/** Until when (ms since 1970) the copy may open; bound into `share`, so it cannot be moved. */
	expiresAt: z.number(),
	/** The PIN's key under the share, so that an online login can renew the expiry without the PIN. */
	pinKey: sealedBox
});
export type WrappedShare = z.infer<typeof wrappedShare>;

const enc = new TextEncoder();
const b64 = (bytes: ArrayBuffer | Uint8Array) => {
	let text = '';
	for (const b of new Uint8Array(bytes)) text += String.fromCharCode(b);
	return btoa(text);
};
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function pinKeyBits(pin: string, salt: Uint8Array): Promise<Uint8Array> {
	const base = await crypto.subtle.importKey('raw', enc.encode(pin), 'PBKDF2', false, [
		'deriveBits'
	]);
	const bits = await crypto.subtle.deriveBits(
		{ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations: PIN_ITERATIONS },
		base,
		256
	);
	return new Uint8Array(bits);
}

const aesKey = (raw: Uint8Array) =>
	crypto.subtle.importKey('raw', raw as BufferSource, 'AES-GCM', false, ['encrypt', 'decrypt']);

/** The key the share wraps the PIN's key with: from the share, for this use only. */
async function shareWrapKey(share: string): Promise<CryptoKey> {
	const base = await crypto.subtle.importKey('raw', unb64(share), 'HKDF', false, ['deriveKey']);
	return crypto.subtle.deriveKey(
		{
			name: 'HKDF',
			hash: 'SHA-256',
			salt: new Uint8Array(32),
			info: enc.encode('budayang pin key wrap v1')
		},
		base,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt']
	);
}

async function boxUp(key: CryptoKey, plain: Uint8Array, aad?: string) {
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const ct = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, ...(aad !== undefined && { additionalData: enc.encode(aad) }) },
		key,
		plain as BufferSource
	);
	return { iv: b64(iv), ct: b64(ct) };
}

async function unbox(key: CryptoKey, box: z.infer<typeof sealedBox>, aad?: string) {
	const plain = await crypto.subtle.decrypt(
		{
			name: 'AES-GCM',
			iv: unb64(box.iv),
			...(aad !== undefined && { additionalData: enc.encode(aad) })
		},
		key,
		unb64(box.ct)
	);
	return new Uint8Array(plain);
}

const boundTo = (userId: string, expiresAt: number) => `${userId}|${expiresAt}`;

async function wrapWith(
	pinBits: Uint8Array,
	salt: string,
	share: string,
	userId: string,
	expiresAt: number
): Promise<WrappedShare> {
	return {
		userId,
		salt,
		share: await boxUp(await aesKey(pinBits), unb64(share), boundTo(userId, expiresAt)),
		expiresAt,
		pinKey: await boxUp(await shareWrapKey(share), pinBits)
	};
}

/** A copy of `share` that `pin` opens until `expiresAt`. */
export async function wrapShare(
	pin: string,
	share: string,
	userId: string,
	expiresAt: number
): Promise<WrappedShare> {
	const salt = crypto.getRandomValues(new Uint8Array(16));
	return wrapWith(await pinKeyBits(pin, salt), b64(salt), share, userId, expiresAt);
}

/**
 * After an online login: the same PIN, a new expiry. Undefined when `share` is not the one the
 * copy was made with (the server made a new one): the old copy then opens nothing worth having.
 */
export async function renewShare(
	wrapped: WrappedShare,
	share: string,
	expiresAt: number
): Promise<WrappedShare | undefined> {
	try {
		const pinBits = await unbox(await shareWrapKey(share), wrapped.pinKey);
		return await wrapWith(pinBits, wrapped.salt, share, wrapped.userId, expiresAt);
	} catch {
		return undefined;
	}
}

export type UnwrapResult = { ok: true; share: string } | { ok: false; reason: 'wrong' | 'expired' };

/**
 * The share, when `pin` is right and the window is open. A wrong PIN and an altered expiry look
 * the same: AES-GCM refuses both.
 */
export async function unwrapShare(
	wrapped: WrappedShare,
	pin: string,
	now: number
): Promise<UnwrapResult> {
	if (now > wrapped.expiresAt) return { ok: false, reason: 'expired' };
	try {
		const key = await aesKey(await pinKeyBits(pin, unb64(wrapped.salt)));
		const share = await unbox(key, wrapped.share, boundTo(wrapped.userId, wrapped.expiresAt));
		return { ok: true, share: b64(share) };
	} catch {
		return { ok: false, reason: 'wrong' };
	}
}

/** The wrapped shares kept on this device, by user id; a row that fails its schema is ignored. */
export async function wrappedShares(db: HallDatabase): Promise<Record<string, WrappedShare>> {
	const raw = (await meta.get<Record<string, unknown>>(db, 'wrappedShares')) ?? {};
	const out: Record<string, WrappedShare> = {};
	for (const [id, value] of Object.entries(raw)) {
		const parsed = wrappedShare.safeParse(value);
		if (parsed.success) out[id] = parsed.data;
	}
	return out;
}

export async function saveWrappedShare(db: HallDatabase, wrapped: WrappedShare): Promise<void> {
	await meta.set(db, 'wrappedShares', { ...(await wrappedShares(db)), [wrapped.userId]: wrapped });
}

export async function deleteWrappedShare(db: HallDatabase, userId: string): Promise<void> {
	const { [userId]: _gone, ...rest } = await wrappedShares(db);
	await meta.set(db, 'wrappedShares', rest);
}

/** The server's share for this user on `deviceId`; undefined offline or when refused. */
export async function fetchShare(deviceId: string): Promise<string | undefined> {
	try {
		const res = await fetch(`/api/device-key?deviceId=${encodeURIComponent(deviceId)}`);
		if (!res.ok) return undefined;
		const body = z.object({ key: z.string().min(40) }).safeParse(await res.json());
		return body.success ? body.data.key : undefined;
	} catch {
		return undefined;
	}
}

/** Holds the key of `share` for `db` (sealing.ts). */
export async function holdShare(db: HallDatabase, share: string): Promise<void> {
	const { key, kid } = await sealing.keyFromShare(share);
	await sealing.holdKey(db, key, kid);
}

/**
 * Counts a wrong PIN. At PIN_MAX_FAILURES the copy of the share and the PIN go, and every sealed
 * value is deleted from the device: the user needs the server (an online login) again. Returns
 * whether that happened.
 */
export async function countWrongPin(db: HallDatabase, userId: string): Promise<boolean> {
	const counts = (await meta.get<Record<string, number>>(db, 'pinFailures')) ?? {};
	const failures = (counts[userId] ?? 0) + 1;
	if (failures < PIN_MAX_FAILURES) {
		await meta.set(db, 'pinFailures', { ...counts, [userId]: failures });
		return false;
	}
	await wipeOffline(db, userId);
	return true;
}

export async function clearWrongPins(db: HallDatabase, userId: string): Promise<void> {
	const { [userId]: _gone, ...rest } =
		(await meta.get<Record<string, number>>(db, 'pinFailures')) ?? {};
	await meta.set(db, 'pinFailures', rest);
}

/** The copy of the share, the PIN and the sealed values of the device go; pending work stays. */
export async function wipeOffline(db: HallDatabase, userId: string): Promise<void> {
	await deleteWrappedShare(db, userId);
	const { [userId]: _pin, ...pins } = (await meta.get<Record<string, unknown>>(db, 'pins')) ?? {};
	await meta.set(db, 'pins', pins);
	await clearWrongPins(db, userId);
	sealing.forgetKey(db);
	await sealing.dropSealed(db);
}
