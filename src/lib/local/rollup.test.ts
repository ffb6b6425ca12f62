import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse, VolumeEntry } from '$lib/schemas';
import { HallDatabase } from './db';
import { mutate, type Actor } from './outbox';
import { applyPull } from './pull';
import * as rollup from './rollup';

const now = '2026-11-28T09:05:00+08:00';
const actor: Actor = { centreId: 'c1', userId: 'u1', role: 'duty', deviceId: 'dev-1' };
const DATE = '2026-11-28';

const entry = (hour: number, accepted: number, extra: Partial<VolumeEntry> = {}): VolumeEntry => ({
	id: `c1|${DATE}|${String(hour).padStart(2, '0')}|税务|window|${extra.windowId ?? '-'}`,
	centreId: 'c1',
	v: 1,
	date: DATE,
	hour,
	category: '税务',
	channel: 'window',
	counters: { accepted, completed: accepted, consulted: 1, oneVisit: accepted, refused: 1 },
	refusalReasons: { 材料不全: 1 },
	...extra
});

const page = (partial: Partial<PullResponse>): PullResponse => ({
	cursor: 1,
	changes: [],
	hasMore: false,
	lastMutationId: 0,
	results: [],
	...partial
});

const tap = (accepted: number, hour = 9, windowId?: string) =>
	mutate(
		db,
		actor,
		'volume.add',
		{ date: DATE, hour, category: '税务', channel: 'window', windowId, delta: { accepted } },
		now
	);

let db: HallDatabase;
let n = 0;
beforeEach(async () => {
	db = new HallDatabase(`rollup-${++n}`);
	await db.open();
});
afterEach(async () => {
	db.close();
	await db.delete();
});

describe('stored daily roll-up', () => {
	it('counts names an object inherits as ordinary categories, reasons and windows', async () => {
		// Rows stored before such names were refused (or typed on another system) still roll up.
		const named = (name: string, hour: number) =>
			entry(hour, 2, {
				id: `n-${name}`,
				category: name,
				windowId: name,
				waiting: 1,
				refusalReasons: { [name]: 1, prototype: 2 }
			});
		const rows = [named('__proto__', 9), named('constructor', 10), named('constructor', 11)];
		// JSON.parse makes `__proto__` an own key, as a pulled row has it.
		const day = rollup.rollupDay('c1', DATE, JSON.parse(JSON.stringify(rows)));
		expect(Object.keys(day.byCategory)).toEqual(['__proto__', 'constructor']);
		expect(day.byCategory['constructor'].accepted).toBe(4);
		expect(Object.getOwnPropertyDescriptor(day.byCategory, '__proto__')?.value.accepted).toBe(2);
		expect(day.cells['constructor'].window.accepted).toBe(4);
		expect(day.hours['constructor'][11].accepted).toBe(2);
		expect(day.windows['constructor']).toMatchObject({ accepted: 4, category: 'constructor' });
		expect(day.refusalReasons['constructor']).toEqual({ constructor: 2, prototype: 4 });
		expect(day.waitingPeak['constructor']).toBe(1);
		expect(day).toMatchObject({ key: `c1|${DATE}`, centreId: 'c1', rv: rollup.ROLLUP_VERSION });
		// Stored and read back, the row keeps every count.
		await db.dailyVolume.put(day);
		const [back] = await rollup.between(db, 'c1', DATE, DATE);
		expect(JSON.parse(JSON.stringify(back.byCategory))).toEqual(
			JSON.parse(JSON.stringify(day.byCategory))
		);
		expect(Object.hasOwn(back.refusalReasons, '__proto__')).toBe(true);
	});
});

describe('reading roll-ups', () => {
	it('reads a long range in pieces and returns every day of it once, in date order', async () => {
		// 100 days across a year's end, with days of another centre and outside the range around.
		const days = Array.from({ length: 130 }, (_, i) =>
			new Date(Date.UTC(2025, 10, 1) + i * 86_400_000).toISOString().slice(0, 10)
		);
		await db.dailyVolume.bulkPut([
			...days.map((date) => rollup.rollupDay('c1', date, [])),
			rollup.rollupDay('c2', '2025-12-31', [])
		]);
		const read = await rollup.between(db, 'c1', '2025-11-11', '2026-02-18');
		expect(read.map((d) => d.date)).toEqual(days.slice(10, 110));
		expect(await rollup.between(db, 'c1', '2026-02-18', '2026-02-18')).toHaveLength(1);
		expect(await rollup.between(db, 'c1', '2026-02-19', '2026-02-18')).toEqual([]);
	});
});

describe('roll-ups on both write paths', () => {
	it('count offline taps at once, marked pending, and stay exact after the server confirms', async () => {
		await applyPull(
			db,
			actor,
			page({
				cursor: 1,
				changes: [{ version: 1, entity: 'volume', id: 'a', op: 'put', data: entry(9, 4) }]
			}),
			now
		);
		let [day] = await rollup.between(db, 'c1', DATE, DATE);
		expect(day.totals.accepted).toBe(4);
		expect(day.pending).toBe(false);

		await tap(1);
		await tap(5);
		await tap(2, 10, 'w3');
		[day] = await rollup.between(db, 'c1', DATE, DATE);
		expect(day.totals.accepted).toBe(12);
		expect(day.pending).toBe(true);
		expect(day.windows.w3.accepted).toBe(2);

		// The server applied the first two taps; the third is still on its way.
		await applyPull(
			db,
			actor,
			page({
				cursor: 2,
				lastMutationId: 2,
				changes: [
					{ version: 2, entity: 'volume', id: entry(9, 10).id, op: 'put', data: entry(9, 10) }
				]
			}),
			now
		);
		[day] = await rollup.between(db, 'c1', DATE, DATE);
		expect(day.totals.accepted).toBe(12);
		expect(day.pending).toBe(true);
	});

	it('drop a rejected tap from the roll-up when the pull settles it', async () => {
		await tap(3);
		expect((await rollup.between(db, 'c1', DATE, DATE))[0].totals.accepted).toBe(3);
		await applyPull(
			db,
			actor,
			page({
				cursor: 1,
				lastMutationId: 1,
				results: [{ id: 1, status: 'rejected', code: 'FORBIDDEN', message: 'error_forbidden' }]
			}),
			now
		);
		expect(await rollup.between(db, 'c1', DATE, DATE)).toEqual([]);
	});

	it('rebuild roll-ups written by an older version', async () => {
		await applyPull(
			db,
			actor,
			page({ changes: [{ version: 1, entity: 'volume', id: 'a', op: 'put', data: entry(9, 4) }] }),
			now
		);
		await db.dailyVolume.put({
			key: `c1|${DATE}`,
			centreId: 'c1',
			date: DATE,
			totals: { accepted: 4 },
			byCategory: {},
			byChannel: {}
		});
		expect(await rollup.refreshStale(db, 'c1', '2026-11-01', '2026-11-30')).toBe(1);
		expect(await rollup.refreshStale(db, 'c1', '2026-11-01', '2026-11-30')).toBe(0);
		const [day] = await rollup.between(db, 'c1', DATE, DATE);
		expect(day.hours['税务'][9].accepted).toBe(4);
	});

	it('are built for every day that holds rows when a version-2 database opens', async () => {
		// Version 2 rolled a day up only when a write touched it; moving by difference needs them all.
		db.close();
		await db.delete();
		const name = `rollup-v2-${++n}`;
		const old = new Dexie(name);
		old.version(1).stores(Object.fromEntries(firstReleaseStores.map(([t, k]) => [t, k])));
		old.version(2).stores({ dailyVolume: 'key, [centreId+date]' });
		await old.open();
		await old.table('volume').bulkPut([entry(9, 4), entry(10, 3)]);
		old.close();
		db = new HallDatabase(name);
		await db.open();
		expect(db.verno).toBe(10);
		let [day] = await rollup.between(db, 'c1', DATE, DATE);
		expect(day.totals.accepted).toBe(7);
		await tap(2);
		[day] = await rollup.between(db, 'c1', DATE, DATE);
		expect(day.totals.accepted).toBe(9);
		expect(day.pending).toBe(true);
	});
});

/** The stores of version 1, as the first release declared them. */
const firstReleaseStores: [string, string][] = [
	['centre', 'id'],
	['department', 'id, centreId'],
	['staff', 'id, centreId, [centreId+departmentId]'],
	['taskForceMember', 'id, centreId'],
	['window', 'id, centreId'],
	['serviceItem', 'id, centreId'],
	['dayPlan', 'id, [centreId+date]'],
	['attendance', 'id, [centreId+date]'],
	['slot', 'id, [centreId+date], [centreId+date+departmentId]'],
	['appointment', 'id, [centreId+date], [centreId+date+departmentId], slotId'],
	['volume', 'id, [centreId+date]'],
	['inspection', 'id, [centreId+date]'],
	['ruleSet', 'id, centreId'],
	['overlay', '[entity+id], [entity+centreId], [entity+centreId+date]'],
	['outbox', 'mutationId'],
	['results', 'mutationId, status'],
	['meta', 'key']
];
