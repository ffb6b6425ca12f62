import { z } from 'zod';
import {
	channel,
	counterNames,
	id,
	isoDate,
	keyName,
	volumeEntryId,
	type VolumeEntry
} from '$lib/schemas';
import { own, put } from '$lib/domain/keyed';
import { zeroCounters } from '$lib/domain/volume';
import { defineMutator, type MutationContext } from '../mutator';
import type { MutationTx } from '../records';

const delta = z.number().int().min(-1000).max(1000);
/** Imported history and end-of-day sheets carry whole days of counts in one delta. */
const bigDelta = z.number().int().min(-100_000).max(100_000);
// Both become keys of the roll-ups (category → reason → refusals).
const reason = keyName(60);
const category = keyName(30);
const hour = z.number().int().min(0).max(23);
const waiting = z.number().int().min(0).max(10000);

/** One cell of volume to change: a window (or platform) in one hour, category and channel. */
const cellDelta = z.object({
	hour,
	category,
	channel,
	windowId: id.optional(),
	delta: z.partialRecord(z.enum(counterNames), bigDelta),
	/** 一次告知 refusals per reason, as deltas. */
	refusalReasons: z.record(reason, bigDelta).optional(),
	waiting: waiting.optional()
});
type CellDelta = z.infer<typeof cellDelta>;
/** One cell as a caller hands it to `volume.addBatch`. */
export type VolumeCell = z.input<typeof cellDelta>;

async function applyCell(
	tx: MutationTx<'volume'>,
	ctx: MutationContext,
	date: string,
	cell: CellDelta & { waitingDelta?: number }
) {
	const key = volumeEntryId(
		ctx.centreId,
		date,
		cell.hour,
		cell.category,
		cell.channel,
		cell.windowId
	);
	const row: VolumeEntry = (await tx.get('volume', key)) ?? {
		id: key,
		centreId: ctx.centreId,
		v: 1 as const,
		date,
		hour: cell.hour,
		category: cell.category,
		channel: cell.channel,
		...(cell.windowId ? { windowId: cell.windowId } : {}),
		counters: zeroCounters(),
		refusalReasons: {}
	};
	const counters = { ...row.counters };
	// A total never goes below zero: an undo past zero is clamped.
	for (const name of counterNames) {
		counters[name] = Math.max(0, counters[name] + (cell.delta[name] ?? 0));
	}
	const refusalReasons = { ...row.refusalReasons };
	for (const [r, n] of Object.entries(cell.refusalReasons ?? {})) {
		const next = Math.max(0, (own(refusalReasons, r) ?? 0) + n);
		if (next > 0) put(refusalReasons, r, next);
		else delete refusalReasons[r];
	}
	await tx.put('volume', {
		...row,
		counters,
		refusalReasons,
		waiting:
			cell.waiting ??
			(cell.waitingDelta === undefined
				? row.waiting
				: Math.max(0, (row.waiting ?? 0) + cell.waitingDelta))
	});
}

/**
 * Counts travel as deltas, never totals, so two tablets counting offline add up exactly.
 * The waiting count is a gauge: a step (`waitingDelta`, the +1 and −1 taps) moves it from
 * whatever it is when the step is applied, so quick taps never step from a stale number on
 * screen; a set value (`waiting`, 清零 and end-of-day sheets) replaces it, and of two sets the
 * last to reach the server stands.
 */
export const volumeAdd = defineMutator({
	name: 'volume.add',
	args: z.object({
		date: isoDate,
		hour,
		category,
		channel,
		windowId: id.optional(),
		delta: z.partialRecord(z.enum(counterNames), delta),
		refusalReason: reason.optional(),
		waiting: waiting.optional(),
		waitingDelta: delta.optional()
	}),
	roles: ['admin', 'manager', 'duty'],
	stores: ['volume'],
	async apply(tx, args, ctx) {
		const refused = args.delta.refused;
		await applyCell(tx, ctx, args.date, {
			hour: args.hour,
			category: args.category,
			channel: args.channel,
			windowId: args.windowId,
			delta: args.delta,
			refusalReasons: args.refusalReason && refused ? { [args.refusalReason]: refused } : undefined,
			waiting: args.waiting,
			waitingDelta: args.waitingDelta
		});
	}
});

/** Most cells one batch may carry: a year's import travels as many batches. */
export const MAX_BATCH_CELLS = 400;

/**
 * Many cells of one day as deltas in one mutation: the end-of-day form (paper tallies typed in
 * after closing) and chunks of imported history. Still deltas, so a sheet typed in on one tablet
 * adds to what another tablet counted live instead of overwriting it.
 */
export const volumeAddBatch = defineMutator({
	name: 'volume.addBatch',
	args: z.object({
		date: isoDate,
		cells: z.array(cellDelta).min(1).max(MAX_BATCH_CELLS),
		/** Where the counts came from, for the audit log: 'form' or an import file name. */
		source: z.string().min(1).max(120)
	}),
	roles: ['admin', 'manager', 'duty'],
	stores: ['volume'],
	async apply(tx, args, ctx) {
		for (const cell of args.cells) await applyCell(tx, ctx, args.date, cell);
	}
});
