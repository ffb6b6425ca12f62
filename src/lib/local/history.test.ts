import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change, HistoryPosition, PullResponse, VolumeEntry } from '$lib/schemas';
import { HallDatabase } from './db';
import { applyHistory, position } from './history';
import * as meta from './meta';
import type { Actor } from './outbox';
import { applyPull } from './pull';
import * as rollup from './rollup';
import { holdTestKey } from './testing/key';

const now = '2026-11-28T09:05:00+08:00';
const actor: Actor = { centreId: 'c1', userId: 'u1', role: 'manager', deviceId: 'dev-1' };
const TODAY = '2026-11-28';
const OLD = '2026-03-02';
const window = { from: '2026-11-21', to: '2026-12-12' };

const entry = (date: string, hour: number, accepted: number): VolumeEntry => ({
	id: `c1|${date}|${String(hour).padStart(2, '0')}|税务|window|-`,
	centreId: 'c1',
	v: 1,
	date,
	hour,
	category: '税务',
	channel: 'window',
	counters: { accepted, completed: accepted, consulted: 0, oneVisit: accepted, refused: 0 },
	refusalReasons: {}
});

const staff = (name: string) => ({
	id: 'staff-1',
	centreId: 'c1',
	v: 1,
	name,
	departmentId: 'dept-1',
	title: '科员',
	phone: '13900001111',
	onCall: false,
	realEstateReview: false,
	active: true
});

const put = (version: number, entity: string, data: { id: string }): Change => ({
	version,
	entity,
	id: data.id,
	op: 'put',
	data
});

const page = (partial: Partial<PullResponse>): PullResponse => ({
	cursor: 1,
	changes: [],
	hasMore: false,
	lastMutationId: 0,
	results: [],
	...partial
});

let db: HallDatabase;
let n = 0;
beforeEach(async () => {
	// Staff rows carry phones, sealed at rest: the device holds a key as after a login.
	db = await holdTestKey(new HallDatabase(`history-${++n}`));
});
afterEach(async () => {
	db.close();
	await db.delete();
});

/**
 * The state after a priority page at version 10: today's row, the old day's roll-up, history to
 * come. `lean`: the roll-up as protocol 3 sends it, without its tally and id filter.
 */
async function firstPage(lean = false): Promise<HistoryPosition> {
	const old = [entry(OLD, 9, 4), entry(OLD, 10, 2)];
	const start: HistoryPosition = { upTo: 10, after: 0, ...window, total: 4, received: 1 };
	const { tally, known, ...day } = rollup.rollupDay('c1', OLD, old);
	const rollups = [lean ? day : { ...day, tally, known: [...known] }];
	await applyPull(
		db,
		actor,
		page({ cursor: 10, reset: true, changes: [put(9, 'volume', entry(TODAY, 9, 3))] }),
		now,
		{ rollups, history: start }
	);
	return start;
}

describe('the history of a first sync', () => {
	it('shows the board and the roll-ups of the other days before the history comes', async () => {
		const start = await firstPage();
		expect(await position(db)).toEqual(start);
		expect(await meta.cursor(db)).toBe(10);
		const [today] = await rollup.between(db, 'c1', TODAY, TODAY);
		expect(today.totals.accepted).toBe(3);
		const [old] = await rollup.between(db, 'c1', OLD, OLD);
		expect(old.totals.accepted).toBe(6);
		expect(old.known).toBeInstanceOf(Uint32Array);
		expect(await db.volume.get(entry(OLD, 9, 0).id)).toBeUndefined();
	});

	it.each([
		['full', false],
		['lean', true]
	])(
		'never lets an older history row overwrite a newer one a pull brought (%s roll-ups)',
		async (_, lean) => {
			const start = await firstPage(lean);
			// After version 10: the staff row renamed, the old day's 9 o'clock counted once more.
			await applyPull(
				db,
				actor,
				page({
					cursor: 12,
					changes: [put(11, 'staff', staff('林晓雨（新）')), put(12, 'volume', entry(OLD, 9, 5))]
				}),
				now
			);
			// The history, read up to version 10, still holds the rows as they were.
			const applied = await applyHistory(
				db,
				actor,
				{
					changes: [
						put(3, 'staff', staff('林晓雨')),
						put(4, 'volume', entry(OLD, 9, 4)),
						put(5, 'volume', entry(OLD, 10, 2))
					],
					after: 5,
					hasMore: false
				},
				start,
				now
			);
			expect(applied).toEqual({});
			expect((await db.staff.get('staff-1'))?.name).toBe('林晓雨（新）');
			expect((await db.volume.get(entry(OLD, 9, 0).id))?.counters).toMatchObject({ accepted: 5 });
			expect((await db.volume.get(entry(OLD, 10, 0).id))?.counters).toMatchObject({ accepted: 2 });
			// The history is over; the day the pull moved was rebuilt from its rows: 5 + 2.
			expect(await position(db)).toBeUndefined();
			const [old] = await rollup.between(db, 'c1', OLD, OLD);
			expect(old.totals.accepted).toBe(7);
			const rebuilt = rollup.rollupDay('c1', OLD, [entry(OLD, 9, 5), entry(OLD, 10, 2)]);
			expect(old.totals).toEqual(rebuilt.totals);
			expect(old.tally).toEqual(rebuilt.tally);
			expect(await meta.get(db, 'historyDirty')).toBeUndefined();
			expect(await meta.get(db, 'historyHeld')).toBeUndefined();
		}
	);

	it('asks the tables instead when the history began under an older build, which kept no list of pulled rows', async () => {
		const start = await firstPage(true);
		await db.meta.delete('historyHeld');
		await applyPull(
			db,
			actor,
			page({ cursor: 11, changes: [put(11, 'staff', staff('林晓雨（新）'))] }),
			now
		);
		expect(await meta.get(db, 'historyHeld')).toBeUndefined();
		await applyHistory(
			db,
			actor,
			{ changes: [put(3, 'staff', staff('林晓雨'))], after: 3, hasMore: false },
			start,
			now
		);
		expect((await db.staff.get('staff-1'))?.name).toBe('林晓雨（新）');
	});

	it('keeps a lean day as it came, and rolls it up from its rows at the first write after', async () => {
		const start = await firstPage(true);
		await applyHistory(
			db,
			actor,
			{
				changes: [put(4, 'volume', entry(OLD, 9, 4)), put(5, 'volume', entry(OLD, 10, 2))],
				after: 5,
				hasMore: false
			},
			start,
			now
		);
		const [kept] = await rollup.between(db, 'c1', OLD, OLD);
		expect(kept.totals.accepted).toBe(6);
		expect(kept.tally).toBeUndefined();
		// A later count of the old day: no tally to subtract from, so the day is rebuilt.
		await applyPull(
			db,
			actor,
			page({ cursor: 12, changes: [put(12, 'volume', entry(OLD, 9, 5))] }),
			now
		);
		const [old] = await rollup.between(db, 'c1', OLD, OLD);
		const rebuilt = rollup.rollupDay('c1', OLD, [entry(OLD, 9, 5), entry(OLD, 10, 2)]);
		expect(old.totals).toEqual(rebuilt.totals);
		expect(old.tally).toEqual(rebuilt.tally);
		expect(old.known).toEqual(rebuilt.known);
	});

	it('keeps its position with each page, and ignores a page asked for from another', async () => {
		const start = await firstPage();
		const first = await applyHistory(
			db,
			actor,
			{ changes: [put(3, 'staff', staff('林晓雨'))], after: 3, hasMore: true },
			start,
			now
		);
		const kept = { ...start, after: 3, received: 2 };
		expect(first.position).toEqual(kept);
		expect(await position(db)).toEqual(kept);
		// A page asked for before the position moved (another tab's) changes nothing.
		const stale = await applyHistory(
			db,
			actor,
			{ changes: [put(4, 'volume', entry(OLD, 9, 4))], after: 4, hasMore: false },
			start,
			now
		);
		expect(stale.position).toEqual(kept);
		expect(await db.volume.count()).toBe(1);
		// Going on from the kept position ends the history.
		await applyHistory(
			db,
			actor,
			{ changes: [put(4, 'volume', entry(OLD, 9, 4))], after: 4, hasMore: false },
			kept,
			now
		);
		expect(await position(db)).toBeUndefined();
		expect(await db.volume.count()).toBe(2);
		// The server's roll-up stands: the history's rows were already in it.
		const [old] = await rollup.between(db, 'c1', OLD, OLD);
		expect(old.totals.accepted).toBe(6);
	});

	it('starts again from nothing when a pull resets', async () => {
		await firstPage();
		await applyPull(db, actor, page({ cursor: 2, reset: true }), now);
		expect(await position(db)).toBeUndefined();
		expect(await db.dailyVolume.count()).toBe(0);
	});
});
