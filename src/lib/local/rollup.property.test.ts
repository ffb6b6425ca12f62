import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { volumeEntryId, type PullResponse, type VolumeEntry } from '$lib/schemas';
import { HallDatabase } from './db';
import * as meta from './meta';
import { mutate, type Actor } from './outbox';
import { mergedRows } from './overlay';
import { applyPull } from './pull';
import * as rollup from './rollup';

/**
 * Roll-ups updated by difference against the rebuild, over random days of a hall: taps and
 * end-of-day sheets made offline, server rows arriving, deleted, settling or rejecting the taps,
 * and a scope reset. After every step each stored day must equal the day rebuilt from its rows,
 * and the domain's `dayRollup` of them; a day with no rows must have no roll-up.
 */

const now = '2026-11-28T09:05:00+08:00';
const actor: Actor = { centreId: 'c1', userId: 'u1', role: 'duty', deviceId: 'dev-1' };
const dates = ['2026-11-27', '2026-11-28'];
const categories = ['税务', '社保'];
/**
 * Names an object inherits, which the roll-up keys must survive: taps refuse them (keyName), rows
 * stored before that rule still arrive with them.
 */
const oldCategories = [...categories, 'constructor'];
const channels = ['window', 'online'] as const;

const cellOf = (names: string[]) =>
	fc.record({
		date: fc.constantFrom(...dates),
		hour: fc.constantFrom(9, 10),
		category: fc.constantFrom(...names),
		channel: fc.constantFrom(...channels),
		windowId: fc.constantFrom(undefined, 'w1', 'w2'),
		accepted: fc.integer({ min: -3, max: 5 }),
		refused: fc.integer({ min: -1, max: 2 }),
		reason: fc.constantFrom(undefined, '材料不全', '不符合条件'),
		waiting: fc.constantFrom(undefined, 0, 4, 9)
	});
type Cell = ReturnType<typeof cellOf> extends fc.Arbitrary<infer T> ? T : never;
const cell = cellOf(categories);
const oneCell: Cell = {
	date: dates[0],
	hour: 9,
	category: categories[0],
	channel: 'window',
	windowId: undefined,
	accepted: 1,
	refused: 0,
	reason: undefined,
	waiting: undefined
};
const oldCell = cellOf(oldCategories);

const idOf = (centreId: string, c: Cell) =>
	volumeEntryId(centreId, c.date, c.hour, c.category, c.channel, c.windowId);

const serverRow = (centreId: string, c: Cell): VolumeEntry => ({
	id: idOf(centreId, c),
	centreId,
	v: 1,
	date: c.date,
	hour: c.hour,
	category: c.category,
	channel: c.channel,
	...(c.windowId && { windowId: c.windowId }),
	counters: {
		accepted: Math.abs(c.accepted),
		completed: Math.abs(c.accepted),
		consulted: 1,
		oneVisit: 0,
		refused: Math.abs(c.refused)
	},
	refusalReasons: c.reason ? { [c.reason]: Math.abs(c.refused) } : {},
	...(c.waiting !== undefined && { waiting: c.waiting })
});

const step = fc.oneof(
	{ arbitrary: fc.record({ kind: fc.constant('tap' as const), cell }), weight: 4 },
	{
		arbitrary: fc.record({
			kind: fc.constant('sheet' as const),
			cells: fc.array(cell, { minLength: 1, maxLength: 4 })
		}),
		weight: 2
	},
	{
		arbitrary: fc.record({
			kind: fc.constant('pull' as const),
			puts: fc.array(fc.tuple(fc.constantFrom('c1', 'c2'), oldCell), { maxLength: 4 }),
			dels: fc.array(fc.tuple(fc.constantFrom('c1', 'c2'), cell), { maxLength: 2 }),
			settle: fc.integer({ min: 0, max: 3 }),
			reject: fc.boolean(),
			reset: fc.boolean().map((b) => b && Math.random() < 0.3)
		}),
		weight: 3
	}
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

async function run(db: HallDatabase, s: Step, version: { n: number }) {
	const args = (c: Cell) => ({
		hour: c.hour,
		category: c.category,
		channel: c.channel,
		windowId: c.windowId,
		delta: { accepted: c.accepted, refused: c.refused },
		...(c.reason && c.refused > 0 && { refusalReason: c.reason }),
		waiting: c.waiting
	});
	if (s.kind === 'tap') {
		await mutate(db, actor, 'volume.add', { date: s.cell.date, ...args(s.cell) }, now);
		return;
	}
	if (s.kind === 'sheet') {
		const date = s.cells[0].date;
		const cells = s.cells.map((c) => {
			const { refusalReason, ...rest } = args(c);
			return { ...rest, ...(refusalReason && { refusalReasons: { [refusalReason]: c.refused } }) };
		});
		await mutate(db, actor, 'volume.addBatch', { date, cells, source: 'form' }, now);
		return;
	}
	const queued = (await meta.get<number>(db, 'lastQueuedId')) ?? 0;
	const first = (await db.outbox.orderBy('mutationId').first())?.mutationId;
	const settled = first === undefined ? queued : Math.min(queued, first - 1 + s.settle);
	version.n += 1;
	const page: PullResponse = {
		cursor: version.n,
		changes: [
			...s.puts.map(([centreId, c]) => ({
				version: version.n,
				entity: 'volume',
				id: idOf(centreId, c),
				op: 'put' as const,
				data: serverRow(centreId, c)
			})),
			...s.dels.map(([centreId, c]) => ({
				version: version.n,
				entity: 'volume',
				id: idOf(centreId, c),
				op: 'del' as const
			}))
		],
		hasMore: false,
		lastMutationId: settled,
		results:
			s.reject && first !== undefined && settled >= first
				? [{ id: first, status: 'rejected', code: 'FORBIDDEN', message: 'error_forbidden' }]
				: [],
		...(s.reset && { reset: true })
	};
	await applyPull(db, actor, page, now);
}

/**
 * A day kept by difference against the day rebuilt from `rows`, and against the domain's roll-up
 * of them. Its filter of ids may hold more than the rebuild's (rows taken out stay in it) but must
 * answer "maybe" for every row it holds.
 */
function expectSameDay(
	kept: rollup.DailyVolume,
	rebuilt: rollup.DailyVolume,
	rows: rollup.VolumeRow[]
) {
	const { known, ...figures } = kept;
	const { known: rebuiltKnown, ...rebuiltFigures } = rebuilt;
	expect(plain(figures)).toEqual(plain(rebuiltFigures));
	for (const row of rows) {
		expect(rollup.mayHold({ known }, row.id)).toBe(true);
		expect(rollup.mayHold({ known: rebuiltKnown }, row.id)).toBe(true);
	}
	const { key, centreId, rv, tally, ...day } = figures;
	void [key, centreId, rv, tally];
	expect(plain(day)).toEqual(plain(rollup.domainRollup(kept.date, rows)));
}

/** Every stored day against the rebuild of its rows; every day with rows has its roll-up. */
async function expectRebuilt(db: HallDatabase) {
	for (const centreId of ['c1', 'c2']) {
		for (const date of dates) {
			const rows = (await mergedRows(db, 'volume', centreId, date)) as rollup.VolumeRow[];
			const [stored] = await rollup.between(db, centreId, date, date);
			if (rows.length === 0) {
				expect(stored, `${centreId} ${date}`).toBeUndefined();
				continue;
			}
			expectSameDay(stored, rollup.rollupDay(centreId, date, rows), rows);
		}
	}
}

let n = 0;

describe('roll-ups updated by difference', () => {
	it('equal the full rebuild after any sequence of taps, sheets, pulls and resets', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
				const db = new HallDatabase(`rollup-property-${++n}`);
				await db.open();
				try {
					const version = { n: 0 };
					for (const s of steps) {
						await run(db, s, version);
						await expectRebuilt(db);
					}
				} finally {
					db.close();
					await db.delete();
				}
			}),
			{ numRuns: 60 }
		);
	});

	it('rebuild, when a write meets it, a day stored by an older build', async () => {
		const db = new HallDatabase(`rollup-property-${++n}`);
		await db.open();
		const date = dates[1];
		const tap = (accepted: number) =>
			mutate(
				db,
				actor,
				'volume.add',
				{ date, hour: 9, category: '税务', channel: 'window', delta: { accepted } },
				now
			);
		await tap(2);
		// Version 2 stored no tally: nothing to subtract from.
		const [day] = await rollup.between(db, 'c1', date, date);
		const { tally, ...old } = day;
		void tally;
		const v2: Omit<rollup.DailyVolume, 'tally'> = {
			...old,
			rv: 2,
			totals: { ...old.totals, accepted: 99 }
		};
		await db.dailyVolume.put(v2);
		await tap(3);
		const [after] = await rollup.between(db, 'c1', date, date);
		expect(after.rv).toBe(rollup.ROLLUP_VERSION);
		expect(after.totals.accepted).toBe(5);
		db.close();
		await db.delete();
	});

	it('equal the rebuild in memory, row by row, over many more sequences', () => {
		// The same law without IndexedDB, so it can try thousands of days: rows of any centre
		// and category put in and taken out in any order, the day against the rows that remain.
		const row = fc.tuple(fc.constantFrom('c1', 'c2'), oldCell, fc.boolean());
		fc.assert(
			fc.property(
				fc.array(fc.tuple(row, fc.option(fc.nat())), { minLength: 1, maxLength: 30 }),
				(moves) => {
					const date = dates[0];
					const day = rollup.rollupDay('c1', date, []);
					const held: rollup.VolumeRow[] = [];
					for (const [[centreId, c, pending], out] of moves) {
						if (out !== null && held.length > 0) {
							rollup.applyRow(day, held.splice(out % held.length, 1)[0], -1);
						} else {
							const r = { ...serverRow(centreId, { ...c, date }), ...(pending && { pending }) };
							held.push(r);
							rollup.applyRow(day, r, 1);
						}
						expectSameDay(day, rollup.rollupDay('c1', date, held), held);
					}
				}
			),
			{ numRuns: 2000 }
		);
	});

	it('file a window under the first category by name that still has rows there', () => {
		const date = dates[0];
		const c = {
			date,
			hour: 9,
			channel: 'window',
			windowId: 'w1',
			accepted: 1,
			refused: 0
		} as const;
		const tax = serverRow('c1', { ...c, category: '税务', reason: undefined, waiting: undefined });
		const social = serverRow('c1', {
			...c,
			category: '社保',
			reason: undefined,
			waiting: undefined
		});
		const day = rollup.rollupDay('c1', date, [tax, social]);
		expect(day.windows.w1.category).toBe([tax.category, social.category].sort()[0]);
		rollup.applyRow(day, [tax, social].sort((a, b) => (a.category < b.category ? -1 : 1))[0], -1);
		expect(day.windows.w1.category).toBe([tax.category, social.category].sort()[1]);
		expect(day.windows.w1.accepted).toBe(1);
	});

	it('answer "no" for ids a day never held, most of the time, and "maybe" for every one it did', () => {
		const date = dates[0];
		const held = Array.from({ length: 240 }, (_, i) => {
			const hour = 8 + (i % 10);
			const category = `类别${Math.floor(i / 10)}`;
			const base = serverRow('c1', { ...oneCell, date });
			return { ...base, id: volumeEntryId('c1', date, hour, category, 'window'), hour, category };
		});
		const day = rollup.rollupDay('c1', date, held);
		for (const row of held) expect(rollup.mayHold(day, row.id)).toBe(true);
		const strangers = held.map((r) => `${r.id}~1`);
		const maybes = strangers.filter((id) => rollup.mayHold(day, id)).length;
		// 240 ids in 4096 bits with three hashes: about one stranger in a hundred reads its row.
		expect(maybes).toBeLessThan(strangers.length * 0.05);
	});
});
