/**
 * The staffing rules as numbers a centre may change (issue 16). Every centre starts with the plan's
 * R1–R8 (`defaultRuleNumbers`, written when the centre is created); a manager changes them here.
 * Each save counts a revision, and the audit log keeps who changed what and when.
 */
import { z } from 'zod';
import { defaultRuleNumbers, ruleSetId, ruleSetSchema } from '$lib/schemas';
import { defineMutator, reject } from '../mutator';

export const ruleSetUpdate = defineMutator({
	name: 'ruleSet.update',
	args: ruleSetSchema
		.omit({ id: true, centreId: true, v: true, revision: true })
		// The revision the editor started from: a save over someone else's newer one is refused.
		.extend({ basedOn: z.number().int().min(0) }),
	roles: ['admin', 'manager'],
	stores: ['ruleSet'],
	async apply(tx, { basedOn, ...numbers }, ctx) {
		const id = ruleSetId(ctx.centreId);
		const current = await tx.get('ruleSet', id);
		// A centre created before rule sets were written with it has none: revision 0.
		const revision = current ? (current.revision ?? 1) : 0;
		if (basedOn !== revision) {
			return reject('CONFLICT', 'rules_error_changed', { revision });
		}
		await tx.put('ruleSet', {
			...(current ?? { ...defaultRuleNumbers, id, centreId: ctx.centreId, v: 1 }),
			...numbers,
			revision: revision + 1
		});
	}
});
