import {
	departmentSchema,
	serviceItemSchema,
	needsCategory,
	serviceWindowFields,
	staffSchema,
	taskForceMemberSchema
} from '$lib/schemas';
import { defineMutator, reject } from './types';

const managers = ['admin', 'manager'] as const;

// The client sends the whole record; the centre always comes from the session.
const noCentre = { centreId: true } as const;

export const staffUpsert = defineMutator({
	name: 'staff.upsert',
	args: staffSchema.omit(noCentre),
	roles: managers,
	async apply(tx, args, ctx) {
		const dept = await tx.get('department', args.departmentId);
		if (!dept) return reject('NOT_FOUND', 'error_department_missing');
		await tx.put('staff', { ...args, centreId: ctx.centreId });
	}
});

export const departmentUpsert = defineMutator({
	name: 'department.upsert',
	args: departmentSchema.omit(noCentre),
	roles: managers,
	async apply(tx, args, ctx) {
		await tx.put('department', { ...args, centreId: ctx.centreId });
	}
});

export const windowUpsert = defineMutator({
	name: 'window.upsert',
	args: serviceWindowFields.omit(noCentre).refine(needsCategory.check, needsCategory.message),
	roles: managers,
	async apply(tx, args, ctx) {
		await tx.put('window', { ...args, centreId: ctx.centreId });
	}
});

export const serviceItemUpsert = defineMutator({
	name: 'serviceItem.upsert',
	args: serviceItemSchema.omit(noCentre),
	roles: managers,
	async apply(tx, args, ctx) {
		await tx.put('serviceItem', { ...args, centreId: ctx.centreId, updatedAt: ctx.now });
	}
});

export const taskForceUpsert = defineMutator({
	name: 'taskForce.upsert',
	args: taskForceMemberSchema.omit(noCentre),
	roles: managers,
	async apply(tx, args, ctx) {
		await tx.put('taskForceMember', { ...args, centreId: ctx.centreId });
	}
});
