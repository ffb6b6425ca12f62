import { z } from 'zod';
import { channel, counterNames, id, isoDate, volumeEntryId } from '$lib/schemas';
import { defineMutator } from './types';

const delta = z.number().int().min(-1000).max(1000);

/**
 * Counts travel as deltas, never totals, so two tablets counting offline add up exactly.
 * A total never goes below zero: an undo past zero is clamped.
 */
export const volumeAdd = defineMutator({
	name: 'volume.add',
	args: z.object({
		date: isoDate,
		hour: z.number().int().min(0).max(23),
		category: z.string().min(1).max(30),
		channel,
		windowId: id.optional(),
		delta: z.partialRecord(z.enum(counterNames), delta),
		refusalReason: z.string().min(1).max(60).optional(),
		waiting: z.number().int().min(0).max(10000).optional()
	}),
	roles: ['admin', 'manager', 'duty'],
	async apply(tx, args, ctx) {
		const key = volumeEntryId(
			ctx.centreId,
			args.date,
			args.hour,
			args.category,
			args.channel,
			args.windowId
		);
		const row = (await tx.get('volume', key)) ?? {
			id: key,
			centreId: ctx.centreId,
			v: 1 as const,
			date: args.date,
			hour: args.hour,
			category: args.category,
			channel: args.channel,
			windowId: args.windowId,
			counters: { accepted: 0, completed: 0, consulted: 0, oneVisit: 0, refused: 0 },
			refusalReasons: {}
		};
		const counters = { ...row.counters };
		for (const name of counterNames) {
			counters[name] = Math.max(0, counters[name] + (args.delta[name] ?? 0));
		}
		const refusalReasons = { ...row.refusalReasons };
		if (args.refusalReason && args.delta.refused) {
			const next = (refusalReasons[args.refusalReason] ?? 0) + args.delta.refused;
			refusalReasons[args.refusalReason] = Math.max(0, next);
		}
		await tx.put('volume', {
			...row,
			counters,
			refusalReasons,
			waiting: args.waiting ?? row.waiting
		});
	}
});
