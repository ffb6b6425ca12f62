import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultCentreSettings, type MutationResult, type PullResponse } from '$lib/schemas';
import { HallDatabase } from './db';
import type { Actor } from './outbox';
import { applyPull } from './pull';
import { holdTestKey } from './testing/key';

const actor: Actor = { centreId: 'c1', userId: 'u1', role: 'clerk', deviceId: 'dev-1' };
const now = '2027-01-10T10:00:00+08:00';
const applicant = { kind: 'person', name: '设备留存人', phone: '13622223333' };

const appointment = (id: string, over: Record<string, unknown> = {}) => ({
	id,
	centreId: 'c1',
	v: 1,
	slotId: 's1',
	departmentId: 'd1',
	serviceItemId: 'i1',
	date: '2026-06-06',
	start: '09:00',
	applicant,
	channel: 'phone',
	status: 'unconfirmed',
	notes: '',
	missingItems: [],
	history: [],
	createdAt: '2026-06-01T09:00:00+08:00',
	...over
});

const rejected = (mutationId: number, args: unknown, at: string, detail?: unknown) =>
	({
		v: 1,
		mutationId,
		deviceId: 'dev-1',
		name: 'appointment.book',
		args,
		status: 'rejected',
		code: 'SLOT_FULL',
		messageKey: 'error_slot_full',
		...(detail !== undefined && { detail }),
		at
	}) satisfies MutationResult;

const page = (partial: Partial<PullResponse>): PullResponse => ({
	cursor: 1,
	changes: [],
	hasMore: false,
	lastMutationId: 3,
	results: [],
	...partial
});

let db: HallDatabase;
let n = 0;
beforeEach(async () => {
	db = new HallDatabase(`retention-${++n}`);
	await db.open();
	await holdTestKey(db);
	await db.centre.put({
		id: 'c1',
		centreId: 'c1',
		v: 1,
		name: '测试中心',
		slug: 'c1',
		address: '',
		timeZone: 'Asia/Shanghai',
		settings: defaultCentreSettings
	});
	const recent = '2027-01-09T10:00:00+08:00';
	await db.results.bulkPut([
		rejected(1, { id: 'a-erased', applicant }, recent, { appointmentId: 'a-erased' }),
		rejected(2, { id: 'a-kept', applicant }, recent),
		// Refused before any server row existed, and kept past the 180 days.
		rejected(3, { id: 'a-never', applicant }, '2026-06-01T09:00:00+08:00')
	]);
	await db.outbox.add({
		mutationId: 4,
		name: 'appointment.setStatus',
		args: { id: 'a-erased', status: 'cancelled', cancelReason: '设备留存人来电' },
		createdAt: recent,
		centreId: 'c1',
		userId: 'u1'
	});
});
afterEach(async () => {
	db.close();
	await db.delete();
});

describe('retention on the device', () => {
	it('forgets the copies of an erased appointment once the erasure is pulled', async () => {
		await applyPull(
			db,
			actor,
			page({
				cursor: 9,
				changes: [
					{
						version: 9,
						entity: 'appointment',
						id: 'a-erased',
						op: 'put',
						data: appointment('a-erased', { applicant: null })
					},
					{
						version: 9,
						entity: 'appointment',
						id: 'a-kept',
						op: 'put',
						data: appointment('a-kept')
					}
				]
			}),
			now
		);
		const results = await db.results.orderBy('mutationId').toArray();
		expect(results[0].args).toEqual({ id: 'a-erased', applicant: '[personal]' });
		expect(results[0].detail).toEqual({ appointmentId: 'a-erased' });
		expect(results[1].args).toEqual({ id: 'a-kept', applicant });
		expect(results[2].args).toEqual({ id: 'a-never', applicant: '[personal]' });
		const [pending] = await db.outbox.toArray();
		expect(pending.args).toEqual({
			id: 'a-erased',
			status: 'cancelled',
			cancelReason: '[personal]'
		});
		// The overlay rebuilt from the outbox carries no copy either.
		const text = JSON.stringify(await db.overlay.toArray());
		expect(text).not.toContain('设备留存人');
		expect(text).not.toContain('13622223333');
	});
});
