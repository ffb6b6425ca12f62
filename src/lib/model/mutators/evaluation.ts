/**
 * 好差评: ratings recorded at the window, followed up when bad, or imported from the 好差评
 * system's export. The evaluation number is the key: recording a number already held is refused
 * in words, and an import skips the numbers already held, so the same file imported twice adds
 * nothing. Managers and duty leads write ratings; only a manager follows a bad one up.
 */
import { z } from 'zod';
import {
	evaluationChannel,
	evaluationComment,
	evaluationId,
	evaluationNumber,
	evaluationRating,
	isBadRating,
	isoDate,
	type Evaluation
} from '$lib/schemas';
import { MAX_IMPORT_ROWS } from '$lib/domain/import-rows';
import type { MutationTx } from '../records';
import { defineMutator, reject } from '../mutator';

const writers = ['admin', 'manager', 'duty'] as const;
const followers = ['admin', 'manager'] as const;

const ref = z.string().min(1).max(64);

const rated = {
	number: evaluationNumber,
	ratedOn: isoDate,
	rating: evaluationRating,
	channel: evaluationChannel,
	staffId: ref,
	windowId: ref.optional(),
	serviceItemId: ref,
	comment: evaluationComment.optional()
};
type Rated = z.infer<z.ZodObject<typeof rated>>;

type Stores = 'evaluation' | 'serviceItem' | 'staff' | 'window';

/** What the rating names, or the words of what it names that the centre does not hold. */
async function resolve(tx: MutationTx<Stores>, r: Rated) {
	const item = await tx.get('serviceItem', r.serviceItemId);
	if (!item) return { problem: 'error_evaluation_item_missing' as const };
	const staff = await tx.get('staff', r.staffId);
	if (!staff) return { problem: 'error_evaluation_staff_missing' as const };
	if (r.windowId && !(await tx.get('window', r.windowId))) {
		return { problem: 'error_evaluation_window_missing' as const };
	}
	return { item };
}

const stored = (
	r: Rated,
	departmentId: string,
	source: Evaluation['source'],
	centreId: string,
	now: string
): Evaluation => ({
	id: evaluationId(r.number),
	centreId,
	v: 1,
	number: r.number,
	ratedOn: r.ratedOn,
	rating: r.rating,
	channel: r.channel,
	staffId: r.staffId,
	...(r.windowId && { windowId: r.windowId }),
	departmentId,
	serviceItemId: r.serviceItemId,
	...(r.comment && { comment: r.comment }),
	source,
	updatedAt: now
});

/** A rating entered at the window from the 好差评 system's notice. */
export const evaluationRecord = defineMutator({
	name: 'evaluation.record',
	args: z.object(rated),
	roles: writers,
	stores: ['evaluation', 'serviceItem', 'staff', 'window'],
	async apply(tx, args, ctx) {
		const id = evaluationId(args.number);
		const held = await tx.get('evaluation', id);
		if (held) {
			// The same tap arriving twice is the same rating; another rating under its number is not.
			const same =
				held.ratedOn === args.ratedOn &&
				held.rating === args.rating &&
				held.staffId === args.staffId;
			return same
				? undefined
				: reject('DUPLICATE', 'error_evaluation_duplicate', { number: args.number });
		}
		const found = await resolve(tx, args);
		if (!found.item) return reject('NOT_FOUND', found.problem);
		await tx.put(
			'evaluation',
			stored(args, found.item.departmentId, 'window', ctx.centreId, ctx.now)
		);
	}
});

/**
 * A bad rating followed up: who did, what was done (整改情况), when, and whether the citizen was
 * called back. A later follow-up replaces the earlier one (a correction of the record).
 */
export const evaluationFollowUp = defineMutator({
	name: 'evaluation.followUp',
	args: z.object({
		id: ref,
		staffId: ref,
		correction: z.string().trim().min(1).max(500),
		followedUpOn: isoDate,
		calledBack: z.boolean()
	}),
	roles: followers,
	stores: ['evaluation', 'staff'],
	async apply(tx, args, ctx) {
		const held = await tx.get('evaluation', args.id);
		if (!held) return reject('NOT_FOUND', 'error_evaluation_missing');
		if (!isBadRating(held.rating)) {
			return reject('INVALID', 'error_evaluation_not_bad', { number: held.number });
		}
		if (args.followedUpOn < held.ratedOn) {
			return reject('INVALID', 'error_evaluation_follow_up_before', { number: held.number });
		}
		if (!(await tx.get('staff', args.staffId))) {
			return reject('NOT_FOUND', 'error_evaluation_staff_missing');
		}
		const { id: _id, ...followUp } = args;
		await tx.put('evaluation', { ...held, followUp, updatedAt: ctx.now });
	}
});

/** One row of a 好差评 export, with its spreadsheet row for the words of a refusal. */
export const evaluationImportRow = z.object({ line: z.number().int().min(2), ...rated });

/**
 * A whole export in one mutation. Numbers already held are skipped (a second import adds nothing
 * and never overwrites a follow-up made since); any other bad row refuses the file, naming its row.
 */
export const evaluationImport = defineMutator({
	name: 'evaluation.import',
	args: z.object({
		source: z.string().trim().max(120),
		rows: z.array(evaluationImportRow).min(1).max(MAX_IMPORT_ROWS)
	}),
	roles: writers,
	stores: ['evaluation', 'serviceItem', 'staff', 'window'],
	async apply(tx, args, ctx) {
		const seen = new Set<string>();
		const fresh: Evaluation[] = [];
		for (const row of args.rows) {
			const id = evaluationId(row.number);
			if (seen.has(id)) return reject('INVALID', 'error_import_duplicate', { row: row.line });
			seen.add(id);
			if (await tx.get('evaluation', id)) continue;
			const found = await resolve(tx, row);
			if (!found.item) {
				return reject('NOT_FOUND', 'error_evaluation_import_row', { row: row.line });
			}
			fresh.push(stored(row, found.item.departmentId, 'import', ctx.centreId, ctx.now));
		}
		for (const e of fresh) await tx.put('evaluation', e);
	}
});
