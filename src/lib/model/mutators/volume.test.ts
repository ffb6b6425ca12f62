import { describe, expect, it } from 'vitest';
import type { VolumeEntry } from '$lib/schemas';
import { applyDeclared, checkArgs } from '../mutator';
import { MemoryTx, testContext } from '../memory-tx';
import type { MutationTx } from '../records';
import { mutatorNamed, mutators } from '../registry';

const ctx = testContext('duty', '2026-11-28T18:00:00+08:00');

async function run(tx: MutationTx, name: string, args: unknown) {
	const m = mutators[name];
	await applyDeclared(m, tx, m.args.parse(args), ctx);
}

const cell = { hour: 9, category: '不动产登记', channel: 'window' };
const volumeRows = (tx: MemoryTx) => [...(tx.rows.get('volume')?.values() ?? [])] as VolumeEntry[];
const row = (tx: MemoryTx) => volumeRows(tx)[0];

describe('volume mutations', () => {
	it('add refusals under their reason and clamp an undo at zero', async () => {
		const tx = new MemoryTx();
		const args = { date: '2026-11-28', ...cell, refusalReason: '材料不全' };
		await run(tx, 'volume.add', { ...args, delta: { refused: 2 } });
		await run(tx, 'volume.add', { ...args, delta: { refused: -5 } });
		expect(row(tx).counters.refused).toBe(0);
		expect(row(tx).refusalReasons).toEqual({});
	});

	it('keep the waiting count as the latest snapshot', async () => {
		const tx = new MemoryTx();
		await run(tx, 'volume.add', { date: '2026-11-28', ...cell, delta: {}, waiting: 12 });
		await run(tx, 'volume.add', { date: '2026-11-28', ...cell, delta: { accepted: 1 } });
		expect(row(tx).waiting).toBe(12);
		await run(tx, 'volume.add', { date: '2026-11-28', ...cell, delta: {}, waiting: 3 });
		expect(row(tx).waiting).toBe(3);
	});

	it('step the waiting count from what it is when each step is applied, never below zero', async () => {
		const tx = new MemoryTx();
		const day = { date: '2026-11-28', ...cell, delta: {} };
		await run(tx, 'volume.add', { ...day, waitingDelta: 1 });
		expect(row(tx).waiting).toBe(1);
		// Two tablets each step from the same screen; both steps count.
		await run(tx, 'volume.add', { ...day, waitingDelta: 1 });
		await run(tx, 'volume.add', { ...day, waitingDelta: 1 });
		expect(row(tx).waiting).toBe(3);
		await run(tx, 'volume.add', { ...day, waiting: 0 });
		await run(tx, 'volume.add', { ...day, waitingDelta: -1 });
		expect(row(tx).waiting).toBe(0);
		await run(tx, 'volume.add', { ...day, waitingDelta: 2 });
		expect(row(tx).waiting).toBe(2);
	});

	it('apply a batch as deltas on top of what tablets counted', async () => {
		const tx = new MemoryTx();
		await run(tx, 'volume.add', { date: '2026-11-28', ...cell, delta: { accepted: 4 } });
		await run(tx, 'volume.addBatch', {
			date: '2026-11-28',
			source: 'form',
			cells: [
				{ ...cell, delta: { accepted: 6, refused: 2 }, refusalReasons: { 材料不全: 2 } },
				{ ...cell, hour: 10, windowId: 'w1', delta: { consulted: 3 } }
			]
		});
		const [first, second] = volumeRows(tx);
		expect(first.counters).toMatchObject({ accepted: 10, refused: 2 });
		expect(first.refusalReasons).toEqual({ 材料不全: 2 });
		expect(second).toMatchObject({ hour: 10, windowId: 'w1', counters: { consulted: 3 } });
	});

	it('refuse an empty or oversized batch', () => {
		const args = mutators['volume.addBatch'].args;
		expect(args.safeParse({ date: '2026-11-28', source: 'x', cells: [] }).success).toBe(false);
		const many = Array.from({ length: 401 }, () => ({ ...cell, delta: { accepted: 1 } }));
		expect(args.safeParse({ date: '2026-11-28', source: 'x', cells: many }).success).toBe(false);
	});
});

describe('volume arguments', () => {
	const add = (over: Record<string, unknown>) =>
		checkArgs(mutators['volume.add'], {
			date: '2026-11-28',
			...cell,
			delta: { refused: 1 },
			...over
		});

	it('refuse names an object treats specially, with a message the user can act on', () => {
		for (const name of ['__proto__', 'constructor', 'prototype']) {
			for (const over of [{ category: name }, { refusalReason: name }, { windowId: name }]) {
				const checked = add(over);
				expect(checked, JSON.stringify(over)).toMatchObject({
					ok: false,
					rejection: { code: 'INVALID', messageKey: 'input_error_reserved_name' }
				});
			}
		}
		const batch = checkArgs(
			mutators['volume.addBatch'],
			JSON.parse(
				'{"date":"2026-11-28","source":"form","cells":[{"hour":9,"category":"税务","channel":"window","delta":{},"refusalReasons":{"__proto__":2}}]}'
			)
		);
		expect(batch).toMatchObject({
			ok: false,
			rejection: {
				messageKey: 'input_error_reserved_name',
				params: { detail: 'cells.0.refusalReasons.__proto__' }
			}
		});
		expect(add({ category: 'hasOwnProperty' }).ok).toBe(true);
	});

	it('refuse text PostgreSQL cannot store, numbers past the limits and hostile nesting', () => {
		expect(add({ category: '税\uD800务' })).toMatchObject({
			ok: false,
			rejection: { messageKey: 'input_error_text', params: { detail: 'category' } }
		});
		expect(add({ refusalReason: 'a\u0000' })).toMatchObject({
			rejection: { messageKey: 'input_error_text' }
		});
		expect(add({ delta: { accepted: Infinity } })).toMatchObject({
			rejection: { messageKey: 'input_error_number', params: { detail: 'delta.accepted' } }
		});
		expect(add({ delta: { accepted: NaN } })).toMatchObject({
			rejection: { messageKey: 'input_error_number' }
		});
		expect(add({ delta: { accepted: 1e300 } })).toMatchObject({
			rejection: { messageKey: 'error_invalid', params: { detail: 'delta.accepted' } }
		});
		let deep: unknown = 1;
		for (let i = 0; i < 1000; i++) deep = [deep];
		expect(add({ waiting: deep })).toMatchObject({
			rejection: { messageKey: 'input_error_depth' }
		});
	});

	it('find no mutator behind an inherited name', () => {
		for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
			expect(mutatorNamed(name)).toBeUndefined();
		}
		expect(mutatorNamed('volume.add')).toBe(mutators['volume.add']);
	});
});
