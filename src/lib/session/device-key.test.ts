import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPull, HallDatabase, meta, repo, sealing, SealingKeyMissing } from '$lib/local';
import type { Actor } from '$lib/local';
import type { PullResponse } from '$lib/schemas';
import {
	countWrongPin,
	holdShare,
	PIN_MAX_FAILURES,
	renewShare,
	saveWrappedShare,
	unwrapShare,
	wrapShare,
	wrappedShares
} from './device-key';
import { createPin } from './pin';
import { savePin, storedPins } from './pin-store';

const actor: Actor = { centreId: 'c1', userId: 'u1', role: 'manager', deviceId: 'dev-1' };
const now = '2027-01-10T10:00:00+08:00';
const t0 = Date.UTC(2027, 0, 10, 2, 0);
const hour = 3600_000;
const applicant = {
	kind: 'person',
	name: '封存测试人',
	phone: '13922224444',
	idNumber: '990101199001011234'
};
const share = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));

const appointment = {
	id: 'a1',
	centreId: 'c1',
	v: 1,
	slotId: 's1',
	departmentId: 'd1',
	serviceItemId: 'i1',
	date: '2027-01-10',
	start: '09:00',
	applicant,
	channel: 'phone',
	status: 'booked',
	notes: '需带户口本原件',
	missingItems: [],
	history: [],
	createdAt: '2027-01-09T09:00:00+08:00'
};
const staff = {
	id: 'st1',
	centreId: 'c1',
	v: 1,
	departmentId: 'd1',
	name: '王值班',
	title: '窗口',
	phone: '13811112222',
	onCall: false,
	realEstateReview: false,
	active: true
};

const page = (cursor = 5): PullResponse => ({
	cursor,
	changes: [
		{ version: cursor, entity: 'appointment', id: 'a1', op: 'put', data: appointment },
		{ version: cursor, entity: 'staff', id: 'st1', op: 'put', data: staff }
	],
	hasMore: false,
	lastMutationId: 0,
	results: []
});

/** Everything IndexedDB holds, as text: what a stolen tablet gives. */
async function rawText(db: HallDatabase): Promise<string> {
	const parts: unknown[] = [];
	for (const table of db.tables) parts.push(await table.toArray());
	return JSON.stringify(parts);
}

let db: HallDatabase;
let n = 0;
beforeEach(async () => {
	db = new HallDatabase(`sealed-${++n}`);
	await db.open();
});
afterEach(async () => {
	db.close();
	await db.delete();
});

describe('personal fields sealed at rest', () => {
	it('stores no personal value in the clear and opens them for the screens', async () => {
		await holdShare(db, share());
		await applyPull(db, actor, page(), now);
		const raw = await rawText(db);
		for (const plain of [applicant.name, applicant.phone, applicant.idNumber, staff.phone]) {
			expect(raw).not.toContain(plain);
		}
		expect(raw).not.toContain(appointment.notes);
		const stored = await db.appointment.get('a1');
		expect(sealing.isSealed(stored?.applicant)).toBe(true);
		// Names of staff are not sealed: the board needs them without a key.
		expect(raw).toContain(staff.name);
		const { rows } = await repo.onDate(db, 'appointment', 'c1', '2027-01-10');
		expect(rows[0].applicant).toEqual(applicant);
		expect(rows[0].notes).toBe(appointment.notes);
		const people = await repo.all(db, 'staff', 'c1');
		expect(people.rows[0].phone).toBe(staff.phone);
	});

	it('shows locked values without the key, and refuses to store a page in the clear', async () => {
		await holdShare(db, share());
		await applyPull(db, actor, page(), now);
		sealing.forgetKey(db);
		const { rows, invalid } = await repo.onDate(db, 'appointment', 'c1', '2027-01-10');
		expect(invalid).toBe(0);
		expect(rows[0].applicant).toEqual({
			kind: 'person',
			name: sealing.LOCKED,
			phone: sealing.LOCKED
		});
		expect((await repo.all(db, 'staff', 'c1')).rows[0].phone).toBeUndefined();
		await expect(applyPull(db, actor, page(6), now)).rejects.toBeInstanceOf(SealingKeyMissing);
		expect(await meta.cursor(db)).toBe(5);
	});

	it('drops values sealed under another key and has the next pull start again', async () => {
		await holdShare(db, share());
		await applyPull(db, actor, page(), now);
		await meta.set(db, 'scope', 'p2:manager:-');
		await holdShare(db, share());
		const stored = await db.appointment.get('a1');
		expect(stored?.applicant).toBeNull();
		expect((await db.staff.get('st1'))?.phone).toBeUndefined();
		expect(await meta.scope(db)).not.toBe('p2:manager:-');
	});

	it('fails to open a value whose ciphertext was altered', async () => {
		const { key } = await sealing.keyFromShare(share());
		const sealed = await sealing.seal(key, applicant);
		expect(await sealing.open(key, sealed)).toEqual(applicant);
		// One character of the ciphertext itself, past the IV (not a padding bit of the base64).
		const at = sealed.indexOf('.') + 3;
		const flipped = sealed.slice(0, at) + (sealed[at] === 'A' ? 'B' : 'A') + sealed.slice(at + 1);
		await expect(sealing.open(key, flipped)).rejects.toThrow();
		const other = await sealing.keyFromShare(share());
		await expect(sealing.open(other.key, sealed)).rejects.toThrow();
	});
});

describe('the share wrapped under the PIN', () => {
	it('opens with the PIN inside its window and not after it', async () => {
		const s = share();
		const wrapped = await wrapShare('246810', s, 'u1', t0 + 12 * hour);
		expect(JSON.stringify(wrapped)).not.toContain(s);
		expect(await unwrapShare(wrapped, '246810', t0 + hour)).toEqual({ ok: true, share: s });
		expect(await unwrapShare(wrapped, '111111', t0 + hour)).toEqual({ ok: false, reason: 'wrong' });
		expect(await unwrapShare(wrapped, '246810', t0 + 13 * hour)).toEqual({
			ok: false,
			reason: 'expired'
		});
	});

	it('binds the expiry to the ciphertext: a moved expiry opens nothing', async () => {
		const wrapped = await wrapShare('246810', share(), 'u1', t0 + hour);
		const moved = { ...wrapped, expiresAt: t0 + 1000 * hour };
		expect(await unwrapShare(moved, '246810', t0 + 2 * hour)).toEqual({
			ok: false,
			reason: 'wrong'
		});
		const otherUser = { ...wrapped, userId: 'u2' };
		expect((await unwrapShare(otherUser, '246810', t0)).ok).toBe(false);
	});

	it('is renewed by the share itself after an online login, and not by another share', async () => {
		const s = share();
		const wrapped = await wrapShare('246810', s, 'u1', t0 + hour);
		const renewed = await renewShare(wrapped, s, t0 + 30 * hour);
		expect(renewed?.expiresAt).toBe(t0 + 30 * hour);
		expect(await unwrapShare(renewed!, '246810', t0 + 20 * hour)).toEqual({ ok: true, share: s });
		expect(await renewShare(wrapped, share(), t0 + 30 * hour)).toBeUndefined();
	});

	it(`deletes the copy, the PIN and the sealed values at the ${PIN_MAX_FAILURES}th wrong PIN`, async () => {
		const s = share();
		await holdShare(db, s);
		await applyPull(db, actor, page(), now);
		const user = {
			id: 'u1',
			username: 'm',
			name: '经理',
			role: 'manager' as const,
			centreId: 'c1'
		};
		await savePin(db, await createPin('246810', user, { id: 'c1', name: 'c', slug: 'c' }, t0, 12));
		await saveWrappedShare(db, await wrapShare('246810', s, 'u1', t0 + 12 * hour));
		for (let i = 1; i < PIN_MAX_FAILURES; i++) expect(await countWrongPin(db, 'u1')).toBe(false);
		expect(await wrappedShares(db)).toHaveProperty('u1');
		expect(await countWrongPin(db, 'u1')).toBe(true);
		expect(await wrappedShares(db)).toEqual({});
		expect(await storedPins(db)).toEqual({});
		expect(sealing.keyOf(db)).toBeUndefined();
		const raw = await rawText(db);
		expect(raw).not.toContain(sealing.SEALED_PREFIX);
		expect((await db.appointment.get('a1'))?.applicant).toBeNull();
	});
});
