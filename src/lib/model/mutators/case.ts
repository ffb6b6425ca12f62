/**
 * 限时办结: cases recorded at the window, completed with their outcome, or imported from the
 * approval system's export. The 办件 number is the key: recording a number already held is refused
 * in words, and an import skips the numbers already held, so the same file imported twice adds
 * nothing. A clerk keeps the cases of their own department only; managers keep all of them.
 */
import { z } from 'zod';
import { caseId, caseNumber, caseOutcome, caseReason, isoDate, type Case } from '$lib/schemas';
import { MAX_IMPORT_ROWS } from '$lib/domain/import-rows';
import type { MutationTx } from '../records';
import { defineMutator, reject, type MutationContext } from '../mutator';

const keepers = ['admin', 'manager', 'clerk'] as const;

const otherDepartment = (ctx: MutationContext, departmentId: string) =>
	ctx.role === 'clerk' && departmentId !== ctx.departmentId;

const deadlines = z
	.object({
		legalDays: z.number().int().min(0).max(365),
		promisedDays: z.number().int().min(0).max(365)
	})
	.refine((d) => d.promisedDays <= d.legalDays, {
		message: 'promised days exceed legal days',
		path: ['promisedDays']
	});

const outcomeFields = {
	outcome: caseOutcome,
	reason: caseReason.optional(),
	materials: z.array(z.string().trim().min(1).max(120)).max(30).optional()
};

type OutcomeArgs = {
	outcome: NonNullable<Case['outcome']>;
	reason?: Case['reason'];
	materials?: string[];
	completedOn: string;
};

/** The words of what is wrong with an outcome, or undefined when it can be stored. */
function outcomeProblem(c: Pick<Case, 'acceptedOn'>, o: OutcomeArgs) {
	if (o.completedOn < c.acceptedOn) return 'error_case_completed_before' as const;
	if (o.outcome !== 'approved' && !o.reason) return 'error_case_needs_reason' as const;
	if (o.reason?.code === 'other' && !o.reason.text) return 'error_case_needs_reason' as const;
	if (o.outcome === 'told' && !o.materials?.length) return 'error_case_needs_materials' as const;
	return undefined;
}

/** The outcome as stored: a reason only where one is asked for, materials only when told. */
const storedOutcome = (o: OutcomeArgs) => ({
	completedOn: o.completedOn,
	outcome: o.outcome,
	...(o.outcome !== 'approved' && o.reason && { reason: o.reason }),
	...(o.outcome === 'told' && { materials: [...new Set(o.materials)] })
});

async function itemOf(tx: MutationTx<'serviceItem'>, serviceItemId: string) {
	const item = await tx.get('serviceItem', serviceItemId);
	return item && !item.retired ? item : undefined;
}

/** A case accepted at the window. */
export const caseRecord = defineMutator({
	name: 'case.record',
	args: z
		.object({ number: caseNumber, serviceItemId: z.string().min(1).max(64), acceptedOn: isoDate })
		.and(deadlines),
	roles: keepers,
	stores: ['case', 'serviceItem'],
	async apply(tx, args, ctx) {
		const id = caseId(args.number);
		const held = await tx.get('case', id);
		if (held) {
			// The same tap arriving twice is the same case; another case under its number is not.
			const same = held.serviceItemId === args.serviceItemId && held.acceptedOn === args.acceptedOn;
			return same
				? undefined
				: reject('DUPLICATE', 'error_case_duplicate', { number: args.number });
		}
		const item = await itemOf(tx, args.serviceItemId);
		if (!item) return reject('NOT_FOUND', 'error_case_item_missing');
		if (otherDepartment(ctx, item.departmentId)) {
			return reject('FORBIDDEN', 'error_case_other_department');
		}
		await tx.put('case', {
			id,
			centreId: ctx.centreId,
			v: 1,
			number: args.number,
			serviceItemId: item.id,
			departmentId: item.departmentId,
			acceptedOn: args.acceptedOn,
			legalDays: args.legalDays,
			promisedDays: args.promisedDays,
			source: 'window',
			updatedAt: ctx.now
		});
	}
});

/** A case ends: approved, told what to supplement, not accepted or not permitted, each with its reason. */
export const caseComplete = defineMutator({
	name: 'case.complete',
	args: z.object({ id: z.string().min(1).max(64), completedOn: isoDate, ...outcomeFields }),
	roles: keepers,
	stores: ['case'],
	async apply(tx, args, ctx) {
		const held = await tx.get('case', args.id);
		if (!held) return reject('NOT_FOUND', 'error_case_missing');
		if (otherDepartment(ctx, held.departmentId)) {
			return reject('FORBIDDEN', 'error_case_other_department');
		}
		const problem = outcomeProblem(held, args);
		if (problem) return reject('INVALID', problem, { number: held.number });
		// A corrected outcome takes the old one's reason and materials with it.
		const { reason: _reason, materials: _materials, ...rest } = held;
		await tx.put('case', { ...rest, ...storedOutcome(args), updatedAt: ctx.now });
	}
});

/** One row of an approval-system export, with its spreadsheet row for the words of a refusal. */
export const caseImportRow = z
	.object({
		line: z.number().int().min(2),
		number: caseNumber,
		serviceItemId: z.string().min(1).max(64),
		acceptedOn: isoDate,
		completedOn: isoDate.optional(),
		outcome: caseOutcome.optional(),
		reason: caseReason.optional(),
		materials: outcomeFields.materials
	})
	.and(deadlines);

/**
 * A whole export in one mutation. Numbers already held are skipped (a second import adds
 * nothing, and never overwrites what the window recorded since); any other bad row refuses the
 * file, naming its row.
 */
export const caseImport = defineMutator({
	name: 'case.import',
	args: z.object({
		source: z.string().trim().max(120),
		rows: z.array(caseImportRow).min(1).max(MAX_IMPORT_ROWS)
	}),
	roles: keepers,
	stores: ['case', 'serviceItem'],
	async apply(tx, args, ctx) {
		const seen = new Set<string>();
		const fresh: Case[] = [];
		for (const row of args.rows) {
			const id = caseId(row.number);
			if (seen.has(id)) {
				return reject('INVALID', 'error_import_duplicate', { row: row.line });
			}
			seen.add(id);
			if (await tx.get('case', id)) continue;
			const item = await itemOf(tx, row.serviceItemId);
			if (!item) return reject('NOT_FOUND', 'error_case_import_item', { row: row.line });
			if (otherDepartment(ctx, item.departmentId)) {
				return reject('FORBIDDEN', 'error_case_import_department', { row: row.line });
			}
			const ended = row.completedOn
				? { ...row, completedOn: row.completedOn, outcome: row.outcome ?? ('approved' as const) }
				: undefined;
			if (ended && outcomeProblem(row, ended)) {
				return reject('INVALID', 'error_case_import_outcome', { row: row.line });
			}
			fresh.push({
				id,
				centreId: ctx.centreId,
				v: 1,
				number: row.number,
				serviceItemId: item.id,
				departmentId: item.departmentId,
				acceptedOn: row.acceptedOn,
				legalDays: row.legalDays,
				promisedDays: row.promisedDays,
				...(ended && storedOutcome(ended)),
				source: 'import',
				updatedAt: ctx.now
			});
		}
		for (const c of fresh) await tx.put('case', c);
	}
});
