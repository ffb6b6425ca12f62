import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bookingFields } from '$lib/domain/known-demand';
import { PUSH_MUTATIONS_MAX, type PullResponse } from '$lib/schemas';
import { HallDatabase, type OutboxEntry } from './db';
import * as meta from './meta';
import { LocalRejection, mutate, nextPush, pending, PUSH_BYTES, type Actor } from './outbox';
import { applyPull } from './pull';
import { holdTestKey } from './testing/key';
import * as repo from './repository';
import { guardQuota, isQuotaError, StorageFullError } from './storage';

const now = '2026-11-28T09:05:00+08:00';
const actor: Actor = { centreId: 'c1', userId: 'u1', role: 'duty', deviceId: 'dev-1' };

const staffRow = {
	id: 'staff-1',
	centreId: 'c1',
	v: 1,
	name: '林晓雨',
	departmentId: 'dept-1',
	title: '科员',
	phone: '13900001111',
	onCall: false,
	realEstateReview: false,
	active: true
};
const deptRow = {
	id: 'dept-1',
	centreId: 'c1',
	v: 1,
	name: '政务服务科',
	kind: 'section',
	operations: true,
	takesAppointments: false,
	sortOrder: 1
};

function page(partial: Partial<PullResponse>): PullResponse {
	return { cursor: 1, changes: [], hasMore: false, lastMutationId: 0, results: [], ...partial };
}

/** A pulled row put at a version, with the row's own id. */
const put = (version: number, entity: string, data: { id: string }) => ({
	version,
	entity,
	id: data.id,
	op: 'put' as const,
	data
});

let db: HallDatabase;
let n = 0;
/** A tap on the board: cases accepted at the window in the 9 o'clock hour of today. */
const tap = (accepted: number, category = '税务') =>
	mutate(
		db,
		actor,
		'volume.add',
		{ date: '2026-11-28', hour: 9, category, channel: 'window', delta: { accepted } },
		now
	);
/** staff-1 checks in on time today. */
const checkIn = () =>
	mutate(
		db,
		actor,
		'attendance.record',
		{ date: '2026-11-28', staffId: 'staff-1', status: 'on-time' },
		now
	);
beforeEach(async () => {
	db = new HallDatabase(`test-${++n}`);
	await db.open();
	await holdTestKey(db);
	await applyPull(
		db,
		actor,
		page({
			cursor: 2,
			changes: [
				{ version: 1, entity: 'department', id: 'dept-1', op: 'put', data: deptRow },
				{ version: 2, entity: 'staff', id: 'staff-1', op: 'put', data: staffRow }
			]
		}),
		now
	);
});
afterEach(async () => {
	db.close();
	await db.delete();
});

describe('local write path', () => {
	it('applies a mutation to the overlay and queues it in one step', async () => {
		const id = await mutate(
			db,
			actor,
			'attendance.record',
			{ date: '2026-11-28', staffId: 'staff-1', status: 'late', minutesLate: 12 },
			now
		);
		expect(id).toBe(1);
		const queued = await pending(db);
		expect(queued.map((q) => q.name)).toEqual(['attendance.record']);
		const { rows } = await repo.onDate(db, 'attendance', 'c1', '2026-11-28');
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ staffId: 'staff-1', minutesLate: 12, pending: true });
		// Nothing reached the confirmed table: only a pull writes there.
		expect(await db.attendance.count()).toBe(0);
	});

	it("opens its transaction over the mutator's declared stores and the queue's only", async () => {
		const opened: string[][] = [];
		const open = db.transaction.bind(db) as (...a: unknown[]) => Promise<unknown>;
		const spy = vi.spyOn(db, 'transaction').mockImplementation(((...args: unknown[]) => {
			opened.push((args[1] as { name: string }[]).map((t) => t.name).sort());
			return open(...args);
		}) as never);
		await tap(1);
		await checkIn();
		spy.mockRestore();
		expect(opened).toEqual([
			['dailyVolume', 'meta', 'outbox', 'overlay', 'volume'],
			['attendance', 'meta', 'outbox', 'overlay', 'staff']
		]);
	});

	it('refuses bad input and a forbidden role without queueing anything', async () => {
		await expect(
			mutate(db, actor, 'attendance.record', { date: '28/11', staffId: 'staff-1' }, now)
		).rejects.toBeInstanceOf(LocalRejection);
		await expect(
			mutate(db, { ...actor, role: 'viewer' }, 'volume.add', {}, now)
		).rejects.toMatchObject({ rejection: { code: 'FORBIDDEN' } });
		await expect(
			mutate(
				db,
				actor,
				'attendance.record',
				{ date: '2026-11-28', staffId: 'nobody', status: 'on-time' },
				now
			)
		).rejects.toMatchObject({ rejection: { code: 'NOT_FOUND' } });
		expect(await db.outbox.count()).toBe(0);
		expect(await db.overlay.count()).toBe(0);
	});

	it('adds volume deltas on top of each other', async () => {
		await tap(1, '不动产登记');
		await tap(5, '不动产登记');
		await tap(-1, '不动产登记');
		const { rows } = await repo.onDate(db, 'volume', 'c1', '2026-11-28');
		expect(rows[0].counters.accepted).toBe(5);
	});
});

describe('next push', () => {
	const queued = (mutationId: number, args: unknown): OutboxEntry => ({
		mutationId,
		name: 'volume.add',
		args,
		createdAt: now,
		centreId: 'c1',
		userId: 'u1'
	});
	const ids = (entries: OutboxEntry[]) => entries.map((e) => e.mutationId);
	const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

	it('takes the queue in order, up to the most one push carries', async () => {
		await db.outbox.bulkAdd(upTo(PUSH_MUTATIONS_MAX + 20).map((id) => queued(id, { n: id })));
		expect(ids(await nextPush(db))).toEqual(upTo(PUSH_MUTATIONS_MAX));
	});

	it('stops at about PUSH_BYTES of arguments, and sends a larger entry on its own', async () => {
		const args = { note: 'x'.repeat(PUSH_BYTES / 4) };
		await db.outbox.bulkAdd(upTo(10).map((id) => queued(id, args)));
		const fit = Math.floor(PUSH_BYTES / JSON.stringify(args).length);
		expect(fit).toBe(3);
		expect(ids(await nextPush(db))).toEqual(upTo(fit));
		await db.outbox.clear();
		await db.outbox.bulkAdd([queued(1, { note: 'x'.repeat(PUSH_BYTES * 2) }), queued(2, { n: 2 })]);
		expect(ids(await nextPush(db))).toEqual([1]);
	});
});

describe('pull', () => {
	it('drops settled entries, keeps rejections with their data and re-applies the rest', async () => {
		await checkIn();
		await tap(2);
		await applyPull(
			db,
			actor,
			page({
				cursor: 3,
				lastMutationId: 1,
				results: [{ id: 1, status: 'rejected', code: 'FORBIDDEN', message: 'error_forbidden' }]
			}),
			now
		);
		expect((await pending(db)).map((e) => e.mutationId)).toEqual([2]);
		const rejected = await db.results.toArray();
		expect(rejected).toHaveLength(1);
		expect(rejected[0]).toMatchObject({ name: 'attendance.record', code: 'FORBIDDEN' });
		expect(rejected[0].args).toMatchObject({ staffId: 'staff-1' });
		// The overlay now holds only the unsettled volume tap.
		expect((await repo.onDate(db, 'attendance', 'c1', '2026-11-28')).rows).toHaveLength(0);
		expect((await repo.onDate(db, 'volume', 'c1', '2026-11-28')).rows[0].counters.accepted).toBe(2);
		expect(await meta.cursor(db)).toBe(3);
	});

	it('stops before a row it cannot read, keeps it to pull again, and resumes past it', async () => {
		await tap(2);
		const newer = { ...staffRow, id: 'staff-3', v: 2, nickname: '小周' };
		const stopped = page({
			cursor: 6,
			lastMutationId: 1,
			changes: [
				put(3, 'staff', { ...staffRow, id: 'staff-2' }),
				// Version 4 is one mutation's two rows: the readable first half must wait with the second.
				put(4, 'department', { ...deptRow, id: 'dept-2' }),
				{ version: 4, entity: 'staff', id: 'staff-3', op: 'put', data: newer },
				{ version: 5, entity: 'counterDesk', id: 'desk-1', op: 'put', data: { id: 'desk-1' } },
				put(6, 'staff', { ...staffRow, id: 'staff-4' })
			]
		});
		const result = await applyPull(db, actor, stopped, now);
		expect(result).toMatchObject({ applied: 1, stoppedAt: 4 });
		expect(await db.staff.get('staff-2')).toBeDefined();
		expect(await db.department.get('dept-2')).toBeUndefined();
		expect(await db.staff.get('staff-4')).toBeUndefined();
		expect(await meta.cursor(db)).toBe(3);
		// The verdicts wait with the rows: the pending tap stays queued and on screen.
		expect((await pending(db)).map((e) => e.name)).toEqual(['volume.add']);
		expect((await repo.onDate(db, 'volume', 'c1', '2026-11-28')).rows[0].counters.accepted).toBe(2);
		const stop = await meta.needsUpdate(db);
		expect(stop).toMatchObject({
			reason: 'unreadable_row',
			row: { entity: 'staff', id: 'staff-3', version: 4 }
		});

		// The same build asked again stops at the same place, without looping or losing a row.
		const again = await applyPull(
			db,
			actor,
			{ ...stopped, changes: stopped.changes.slice(1) },
			now
		);
		expect(again).toMatchObject({ applied: 0, stoppedAt: 4 });
		expect(await meta.cursor(db)).toBe(3);

		// A build that reads them (here: the server has mended the rows) goes on from the cursor.
		const mended = page({
			cursor: 6,
			lastMutationId: 1,
			changes: [
				put(4, 'department', { ...deptRow, id: 'dept-2' }),
				put(4, 'staff', { ...staffRow, id: 'staff-3' }),
				put(6, 'staff', { ...staffRow, id: 'staff-4' })
			]
		});
		const resumed = await applyPull(db, actor, mended, now);
		expect(resumed.stoppedAt).toBeUndefined();
		expect(await db.department.get('dept-2')).toBeDefined();
		expect(await db.staff.get('staff-3')).toBeDefined();
		expect(await db.staff.get('staff-4')).toBeDefined();
		expect(await meta.cursor(db)).toBe(6);
		expect(await pending(db)).toHaveLength(0);
	});

	it("stores rows at this build's version as they came, and checks them when read", async () => {
		const kept = { ...staffRow, id: 'staff-5', note: 'a field this build does not know' };
		const broken = { ...staffRow, id: 'staff-6', name: 42 };
		const result = await applyPull(
			db,
			actor,
			page({
				cursor: 4,
				changes: [
					{ version: 3, entity: 'staff', id: 'staff-5', op: 'put', data: kept },
					{ version: 4, entity: 'staff', id: 'staff-6', op: 'put', data: broken }
				]
			}),
			now
		);
		// No parse on arrival: both are stored, the unknown field too.
		expect(result).toEqual({ applied: 2, rejected: 0 });
		expect(await db.staff.get('staff-5')).toMatchObject({ note: kept.note });
		expect(await db.staff.get('staff-6')).toMatchObject({ name: 42 });
		// The repositories parse every row they hand out: the broken one is counted, not shown.
		const { rows, invalid } = await repo.all(db, 'staff', 'c1');
		expect(invalid).toBe(1);
		expect(rows.map((r) => r.id).sort()).toEqual(['staff-1', 'staff-5']);
		expect(rows.find((r) => r.id === 'staff-5')).not.toHaveProperty('note');
		// A version this build does not know still stops the pull (the test above).
		const newer = await applyPull(
			db,
			actor,
			page({
				cursor: 5,
				changes: [
					{ version: 5, entity: 'staff', id: 'staff-7', op: 'put', data: { ...kept, v: 2 } }
				]
			}),
			now
		);
		expect(newer.stoppedAt).toBe(5);
		expect(await db.staff.get('staff-7')).toBeUndefined();
	});

	it('stops at the first row of a reset page it cannot read, from version 0', async () => {
		const result = await applyPull(
			db,
			actor,
			page({
				cursor: 9,
				reset: true,
				scope: 'p1:duty:-',
				changes: [{ version: 2, entity: 'staff', id: 'bad', op: 'put', data: { id: 'bad' } }]
			}),
			now
		);
		expect(result.stoppedAt).toBe(2);
		expect(await db.staff.count()).toBe(0);
		expect(await meta.cursor(db)).toBe(0);
		expect(await meta.scope(db)).toBe('p1:duty:-');
	});

	it('forgets a stop recorded by another build', async () => {
		await meta.set(db, 'needsUpdate', {
			reason: 'client_too_old',
			protocol: 1,
			schema: 1,
			at: now
		});
		expect(await meta.needsUpdate(db)).toBeUndefined();
		await meta.setNeedsUpdate(db, { reason: 'client_too_old', minProtocol: 3, at: now });
		expect(await meta.needsUpdate(db)).toMatchObject({ minProtocol: 3 });
		await meta.clearNeedsUpdate(db);
		expect(await meta.needsUpdate(db)).toBeUndefined();
	});

	it('drops what a new scope may not hold, keeps the outbox, and remembers the scope', async () => {
		expect(await meta.scope(db)).toBe('unscoped');
		await tap(1);
		// The server answers a changed scope with a reset: rows of the new scope only, from 0.
		const masked = { ...staffRow, phone: '139****1111' };
		await applyPull(
			db,
			actor,
			page({
				cursor: 2,
				reset: true,
				scope: 'p1:viewer:-',
				changes: [{ version: 2, entity: 'staff', id: 'staff-1', op: 'put', data: masked }]
			}),
			now
		);
		expect(await db.department.count()).toBe(0);
		// Stored sealed (sealing.ts), read opened.
		const [staff] = (await repo.all(db, 'staff', actor.centreId)).rows;
		expect(staff.phone).toBe('139****1111');
		expect((await pending(db)).map((e) => e.name)).toEqual(['volume.add']);
		expect(await meta.scope(db)).toBe('p1:viewer:-');
	});

	it('rolls volume up per day as rows arrive', async () => {
		const vol = (hour: number, accepted: number) => ({
			id: `c1|2026-11-21|${hour}|税务|window|-`,
			centreId: 'c1',
			v: 1,
			date: '2026-11-21',
			hour,
			category: '税务',
			channel: 'window',
			counters: { accepted, completed: accepted, consulted: 0, oneVisit: 0, refused: 0 },
			refusalReasons: {}
		});
		await applyPull(
			db,
			actor,
			page({
				cursor: 6,
				changes: [
					{ version: 5, entity: 'volume', id: 'a', op: 'put', data: vol(9, 4) },
					{ version: 6, entity: 'volume', id: 'b', op: 'put', data: vol(10, 7) }
				]
			}),
			now
		);
		const [day] = await repo.dailyVolume(db, 'c1', '2026-11-01', '2026-11-30');
		expect(day.totals.accepted).toBe(11);
		expect(day.byCategory['税务'].accepted).toBe(11);
	});
});

describe('reads', () => {
	it('read a few fields of a range of rows without opening the sealed ones', async () => {
		const booking = (id: string, date: string, extra: Record<string, unknown> = {}) => ({
			id,
			centreId: 'c1',
			v: 1,
			slotId: 'slot-1',
			departmentId: 'dept-1',
			serviceItemId: 'item-1',
			date,
			start: '09:30',
			applicant: { kind: 'person', name: '周一鸣', phone: '13900002222' },
			channel: 'phone',
			status: 'done',
			notes: '',
			missingItems: [],
			history: [],
			createdAt: '2026-11-20T09:00:00+08:00',
			...extra
		});
		await applyPull(
			db,
			actor,
			page({
				cursor: 6,
				changes: [
					put(3, 'appointment', booking('a1', '2026-11-21')),
					put(4, 'appointment', booking('a2', '2026-11-22')),
					put(5, 'appointment', booking('a3', '2026-11-29')),
					put(6, 'appointment', booking('a4', '2026-11-23', { status: 'unheard-of' }))
				]
			}),
			now
		);
		// Stored sealed: the applicant is not readable in IndexedDB.
		const stored = await db.entityTable('appointment').get('a1');
		expect(JSON.stringify(stored)).not.toContain('周一鸣');
		const fields = await repo.fieldsBetween(
			db,
			'appointment',
			'c1',
			'2026-11-21',
			'2026-11-28',
			bookingFields
		);
		// In range, only the fields asked for; the row that fails the shape is left out.
		const seen = { start: '09:30', serviceItemId: 'item-1', status: 'done' };
		expect(fields).toEqual([
			{ date: '2026-11-21', ...seen },
			{ date: '2026-11-22', ...seen }
		]);
	});
});

describe('storage errors', () => {
	it('turns a quota refusal into StorageFullError', async () => {
		const quota = Object.assign(new Error('full'), { name: 'QuotaExceededError' });
		await expect(guardQuota(() => Promise.reject(quota))).rejects.toBeInstanceOf(StorageFullError);
		expect(isQuotaError({ name: 'AbortError', inner: quota })).toBe(true);
		expect(isQuotaError(new Error('other'))).toBe(false);
	});
});

describe('a device id per user', () => {
	it('keeps the id for its user and gives another user a fresh one when nothing waits', async () => {
		let k = 0;
		const make = () => `id-${++k}`;
		const first = await meta.deviceFor(db, 'u1', make);
		expect(await meta.deviceFor(db, 'u1', make)).toBe(first);
		const second = await meta.deviceFor(db, 'u2', make);
		expect(second).not.toBe(first);
		expect(await meta.get(db, 'lastQueuedId')).toBe(0);
		expect(await meta.deviceFor(db, 'u2', make)).toBe(second);
	});

	it("keeps the previous user's id while their mutations wait to be sent", async () => {
		const make = () => crypto.randomUUID();
		const first = await meta.deviceFor(db, 'u1', make);
		await tap(1, '不动产登记');
		expect(await meta.deviceFor(db, 'u2', make)).toBe(first);
		expect(await pending(db)).toHaveLength(1);
	});
});
