import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HallDatabase, meta } from '$lib/local';
import type { SessionUser } from '$lib/schemas';
import { checkPin, createPin } from './pin';
import { savePin, storedPins } from './pin-store';

const centre = { id: 'c1', name: '示范中心', slug: 'demo' };
const person = (id: string): SessionUser => ({
	id,
	username: id,
	name: '值班',
	role: 'duty',
	centreId: 'c1'
});
const t0 = Date.UTC(2026, 10, 28, 1, 0);

let db: HallDatabase;
let n = 0;
beforeEach(async () => {
	db = new HallDatabase(`pins-${++n}`);
	await db.open();
});
afterEach(async () => {
	db.close();
	await db.delete();
});

describe('PINs kept on the device', () => {
	it('keeps one PIN per user, a new one replacing only that user’s', async () => {
		await savePin(db, await createPin('111111', person('u1'), centre, t0, 12));
		await savePin(db, await createPin('222222', person('u2'), centre, t0, 12));
		await savePin(db, await createPin('333333', person('u1'), centre, t0, 12));
		const pins = await storedPins(db);
		expect(Object.keys(pins).sort()).toEqual(['u1', 'u2']);
		expect(await checkPin(pins.u1, '333333', t0)).toEqual({ ok: true });
		expect(await checkPin(pins.u1, '111111', t0)).toEqual({ ok: false, reason: 'wrong' });
		expect(await checkPin(pins.u2, '222222', t0)).toEqual({ ok: true });
	});

	it('ignores a stored row that fails its schema', async () => {
		const good = await createPin('444444', person('u1'), centre, t0, 12);
		await meta.set(db, 'pins', { u1: good, u2: { user: 'not a user', hash: 1 } });
		expect(Object.keys(await storedPins(db))).toEqual(['u1']);
	});

	it('finds none on a fresh device', async () => {
		expect(await storedPins(db)).toEqual({});
	});
});
