/**
 * Personal data at rest (docs/security.md): the personal fields of the rows a pull stores — an
 * applicant, an appointment's notes and cancel reason, a staff member's phone — are sealed with
 * AES-GCM before they reach IndexedDB, and opened again when a screen reads them. The key lives in
 * this page's memory only (see src/lib/session/device-key.ts for where it comes from).
 *
 * WebCrypto is never awaited inside a Dexie transaction (the transaction would commit under it):
 * rows are sealed before the pull opens its transaction and opened after the repository has read.
 */
import type { EntityName } from '$lib/schemas';
import type { HallDatabase, StoredRow } from './db';
import * as meta from './meta';

/** A sealed value: `enc1:` + base64 IV + `.` + base64 ciphertext of the JSON value. */
export const SEALED_PREFIX = 'enc1:';

/** What a screen shows for a personal field while the key is not in memory. */
export const LOCKED = '🔒';

/** The personal fields sealed at rest, per entity. */
export const sealedFields: Partial<Record<EntityName, readonly string[]>> = {
	appointment: ['applicant', 'notes', 'cancelReason'],
	staff: ['phone']
};

interface Held {
	key: CryptoKey;
	kid: string;
	/** Opened values by their sealed text: a review reads thousands of rows at every change. */
	opened: Map<string, unknown>;
}

const held = new WeakMap<HallDatabase, Held>();

const b64 = (bytes: ArrayBuffer | Uint8Array) => {
	let text = '';
	for (const b of new Uint8Array(bytes)) text += String.fromCharCode(b);
	return btoa(text);
};
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export const isSealed = (value: unknown): value is string =>
	typeof value === 'string' && value.startsWith(SEALED_PREFIX);

/**
 * The AES-GCM key and its id from the server's 32-byte share (base64). HKDF names the use, so the
 * share is never itself a key of anything else; the id is a digest of the share, safe to store.
 */
export async function keyFromShare(share: string): Promise<{ key: CryptoKey; kid: string }> {
	const raw = unb64(share);
	const base = await crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveKey']);
	const key = await crypto.subtle.deriveKey(
		{
			name: 'HKDF',
			hash: 'SHA-256',
			salt: new Uint8Array(32),
			info: new TextEncoder().encode('budayang personal data at rest v1')
		},
		base,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt']
	);
	const digest = await crypto.subtle.digest('SHA-256', raw);
	return { key, kid: b64(digest.slice(0, 12)) };
}

export async function seal(key: CryptoKey, value: unknown): Promise<string> {
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const plain = new TextEncoder().encode(JSON.stringify(value));
	const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain);
	return `${SEALED_PREFIX}${b64(iv)}.${b64(ct)}`;
}

/** The value inside a sealed text; throws when the key is another one or the text was altered. */
export async function open(key: CryptoKey, sealed: string): Promise<unknown> {
	const [iv, ct] = sealed.slice(SEALED_PREFIX.length).split('.');
	const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(iv) }, key, unb64(ct));
	return JSON.parse(new TextDecoder().decode(plain));
}

/** The key this page holds for `db`, if any. */
export const keyOf = (db: HallDatabase): CryptoKey | undefined => held.get(db)?.key;

/**
 * Holds `key` for `db`. When the rows were sealed under another key (the server made a new share
 * after a wipe or a change of role), what they hold can never be opened: those values are dropped
 * and the next pull starts again from nothing, so the rows come back sealed under this key.
 */
export async function holdKey(db: HallDatabase, key: CryptoKey, kid: string): Promise<void> {
	const before = await meta.get<string>(db, 'sealKid');
	if (before !== undefined && before !== kid) await dropSealed(db);
	await meta.set(db, 'sealKid', kid);
	held.set(db, { key, kid, opened: new Map() });
}

/** Forgets the key: sealed values read as locked until it is held again. */
export function forgetKey(db: HallDatabase): void {
	held.delete(db);
}

/**
 * Removes every sealed value from the confirmed rows (applicants become absent, phones go) and
 * has the next pull start again, which sends them back under the key then held. Pending work in
 * the outbox stays. One transaction, no WebCrypto inside.
 */
export async function dropSealed(db: HallDatabase): Promise<void> {
	const tables = Object.keys(sealedFields) as EntityName[];
	await db.transaction('rw', [db.meta, ...tables.map((t) => db.entityTable(t))], async () => {
		for (const entity of tables) {
			const fields = sealedFields[entity] ?? [];
			const rows = await db.entityTable(entity).toArray();
			const stripped = rows.filter((r) => fields.some((f) => isSealed(r[f]))).map(strip(entity));
			await db.entityTable(entity).bulkPut(stripped);
		}
		await meta.set(db, 'scope', 'sealed-values-dropped');
		await db.meta.delete('sealKid');
	});
}

/** A row without its sealed values, still valid for its schema (a withheld applicant is null). */
const strip =
	(entity: EntityName) =>
	(row: StoredRow): StoredRow => {
		const out: StoredRow = { ...row };
		for (const f of sealedFields[entity] ?? []) {
			if (!isSealed(out[f])) continue;
			if (f === 'applicant') out[f] = null;
			else if (f === 'notes') out[f] = '';
			else delete out[f];
		}
		return out;
	};

/**
 * Rows as a pull brings them, with their personal fields sealed under the key held for `db`;
 * undefined when it holds none. Values already sealed and null or absent ones stay as they are.
 * What is sealed is remembered opened, so the screens do not decrypt what this page just had.
 */
async function sealRows(
	db: HallDatabase,
	entity: EntityName,
	rows: StoredRow[]
): Promise<StoredRow[] | undefined> {
	const fields = sealedFields[entity];
	if (!fields) return rows;
	const at = held.get(db);
	if (!at) return undefined;
	return Promise.all(
		rows.map(async (row) => {
			const out: StoredRow = { ...row };
			for (const f of fields) {
				const value = out[f];
				if (value === undefined || value === null || value === '' || isSealed(value)) continue;
				out[f] = await seal(at.key, value);
				at.opened.set(out[f] as string, value);
			}
			return out;
		})
	);
}

/**
 * Seals a page's rows, grouped by entity, in place before its transaction opens: WebCrypto
 * awaited inside an IndexedDB transaction would end it. Throws when a personal value arrives and
 * no key is held, so the page is asked again once the device has its share.
 */
export async function sealPage(
	db: HallDatabase,
	puts: Map<EntityName, StoredRow[]>
): Promise<void> {
	for (const [entity, list] of puts) {
		if (!needsKey(entity, list)) continue;
		const sealed = await sealRows(db, entity, list);
		if (!sealed) throw new SealingKeyMissing();
		puts.set(entity, sealed);
	}
}

/** Whether a pull page holds a personal value that would have to be sealed. */
function needsKey(entity: EntityName, rows: readonly StoredRow[]): boolean {
	const fields = sealedFields[entity];
	if (!fields) return false;
	return rows.some((r) => fields.some((f) => r[f] !== undefined && r[f] !== null && r[f] !== ''));
}

/** What a sealed field reads as while locked, valid for the field's schema. */
function locked(row: StoredRow, field: string): void {
	if (field === 'applicant') row[field] = { kind: 'person', name: LOCKED, phone: LOCKED };
	else if (field === 'notes') row[field] = LOCKED;
	else delete row[field];
}

/**
 * Rows as the screens read them: sealed fields opened with the key held for `db`, or shown as
 * locked without it (or when a value cannot be opened). Rows of other entities pass unchanged.
 */
export async function openRows<R extends Record<string, unknown>>(
	db: HallDatabase,
	entity: EntityName,
	rows: R[]
): Promise<R[]> {
	const fields = sealedFields[entity];
	if (!fields || !rows.some((r) => fields.some((f) => isSealed(r[f])))) return rows;
	const at = held.get(db);
	return Promise.all(
		rows.map(async (row) => {
			if (!fields.some((f) => isSealed(row[f]))) return row;
			const out: StoredRow = { ...(row as unknown as StoredRow) };
			for (const f of fields) {
				const value = out[f];
				if (!isSealed(value)) continue;
				if (!at) {
					locked(out, f);
					continue;
				}
				if (at.opened.has(value)) {
					out[f] = at.opened.get(value);
					continue;
				}
				try {
					out[f] = await open(at.key, value);
					at.opened.set(value, out[f]);
				} catch {
					locked(out, f);
				}
			}
			return out as unknown as R;
		})
	);
}

/**
 * A page holds personal values and the device holds no key to seal them with: nothing is stored in
 * the clear, the page is not applied and its position stays, so the same page comes again later.
 */
export class SealingKeyMissing extends Error {
	constructor() {
		super('no key to seal personal data with');
		this.name = 'SealingKeyMissing';
	}
}
