import { z } from 'zod';
import {
	departmentSchema,
	id,
	maskedPhone,
	phone,
	serviceItemSchema,
	needsCategory,
	serviceWindowFields,
	staffSchema,
	taskForceMemberSchema,
	type TaskForceMember
} from '$lib/schemas';
import { MAX_IMPORT_ROWS, staffImportRow, windowImportRow } from '$lib/domain/import-rows';
import { keepFull } from '$lib/domain/disclosure';
import type { MutationTx } from '../records';
import { defineMutator, reject } from '../mutator';

const managers = ['admin', 'manager'] as const;

// The client sends the whole record; the centre always comes from the session.
const noCentre = { centreId: true } as const;

/**
 * A manager's device holds staff phones masked (docs/roles.md), so an edit sends the mask back:
 * the phone stored for that person is kept. A mask of anything else is refused, so no masked
 * value ever replaces a full one on the server.
 */
async function storedPhone(tx: MutationTx<'staff'>, staffId: string, incoming: string) {
	const known = await tx.get('staff', staffId);
	return keepFull('phone', incoming, known?.phone);
}

export const staffUpsert = defineMutator({
	name: 'staff.upsert',
	args: staffSchema.omit(noCentre).extend({ phone: z.union([phone, maskedPhone]) }),
	roles: managers,
	stores: ['department', 'staff'],
	async apply(tx, args, ctx) {
		const dept = await tx.get('department', args.departmentId);
		if (!dept) return reject('NOT_FOUND', 'error_department_missing');
		const kept = await storedPhone(tx, args.id, args.phone);
		if (kept === undefined) return reject('INVALID', 'roles_error_masked_phone');
		await tx.put('staff', { ...args, phone: kept, centreId: ctx.centreId });
	}
});

export const departmentUpsert = defineMutator({
	name: 'department.upsert',
	args: departmentSchema.omit(noCentre),
	roles: managers,
	stores: ['department'],
	async apply(tx, args, ctx) {
		// Two departments of one name would be told apart by nobody on a plan or a report.
		const named = await tx.list('department', { name: args.name });
		if (named.some((d) => d.id !== args.id)) {
			return reject('INVALID', 'org_department_taken', { name: args.name });
		}
		await tx.put('department', { ...args, centreId: ctx.centreId });
	}
});

export const windowUpsert = defineMutator({
	name: 'window.upsert',
	args: serviceWindowFields.omit(noCentre).refine(needsCategory.check, needsCategory.message),
	roles: managers,
	stores: ['window'],
	async apply(tx, args, ctx) {
		await tx.put('window', { ...args, centreId: ctx.centreId });
	}
});

export const serviceItemUpsert = defineMutator({
	name: 'serviceItem.upsert',
	args: serviceItemSchema.omit(noCentre),
	roles: managers,
	stores: ['serviceItem'],
	async apply(tx, args, ctx) {
		await tx.put('serviceItem', { ...args, centreId: ctx.centreId, updatedAt: ctx.now });
	}
});

/** 领导小组 and 业务专班 have 组长, 副组长, 成员, 联络员; 专班办公室 has 主任, 副主任, 成员. */
const rolesOf: Record<TaskForceMember['body'], TaskForceMember['role'][]> = {
	'leading-group': ['leader', 'deputy-leader', 'member', 'liaison'],
	'task-force': ['leader', 'deputy-leader', 'member', 'liaison'],
	office: ['director', 'deputy-director', 'member']
};

export const taskForceUpsert = defineMutator({
	name: 'taskForce.upsert',
	args: taskForceMemberSchema.omit(noCentre),
	roles: managers,
	stores: ['staff', 'taskForceMember'],
	async apply(tx, args, ctx) {
		if (!rolesOf[args.body].includes(args.role)) return reject('INVALID', 'error_task_force_role');
		if (!(await tx.get('staff', args.staffId))) return reject('NOT_FOUND', 'error_staff_missing');
		await tx.put('taskForceMember', { ...args, centreId: ctx.centreId });
	}
});

/**
 * Leaves a tombstone (docs/sync-protocol.md, "Conflicts": deletes are soft), so other tablets drop the member too. Removing
 * someone already removed is no error: two tablets may both do it while offline.
 */
export const taskForceRemove = defineMutator({
	name: 'taskForce.remove',
	args: z.object({ id }),
	roles: managers,
	stores: ['taskForceMember'],
	async apply(tx, args) {
		if (await tx.get('taskForceMember', args.id)) await tx.del('taskForceMember', args.id);
	}
});

/** R6: a department that takes appointments names its 预约专人, one of its own active staff. */
export const departmentSetContact = defineMutator({
	name: 'department.setContact',
	args: z.object({ departmentId: id, takesAppointments: z.boolean(), contactId: id.optional() }),
	roles: managers,
	stores: ['department', 'staff'],
	async apply(tx, args) {
		const dept = await tx.get('department', args.departmentId);
		if (!dept) return reject('NOT_FOUND', 'error_department_missing');
		const { appointmentContactId: _old, ...rest } = dept;
		if (args.contactId) {
			const person = await tx.get('staff', args.contactId);
			if (!person) return reject('NOT_FOUND', 'error_staff_missing');
			if (person.departmentId !== dept.id || !person.active) {
				return reject('INVALID', 'error_contact_not_member', { name: person.name });
			}
		}
		await tx.put('department', {
			...rest,
			takesAppointments: args.takesAppointments,
			...(args.contactId && { appointmentContactId: args.contactId })
		});
	}
});

/** 负责人: a department's head is one of its own active staff, or nobody. */
export const departmentSetHead = defineMutator({
	name: 'department.setHead',
	args: z.object({ departmentId: id, headStaffId: id.optional() }),
	roles: managers,
	stores: ['department', 'staff'],
	async apply(tx, args) {
		const dept = await tx.get('department', args.departmentId);
		if (!dept) return reject('NOT_FOUND', 'error_department_missing');
		const { headStaffId: _old, ...rest } = dept;
		if (args.headStaffId) {
			const person = await tx.get('staff', args.headStaffId);
			if (!person) return reject('NOT_FOUND', 'error_staff_missing');
			if (person.departmentId !== dept.id || !person.active) {
				return reject('INVALID', 'error_head_not_member', { name: person.name });
			}
		}
		await tx.put('department', {
			...rest,
			...(args.headStaffId && { headStaffId: args.headStaffId })
		});
	}
});

/**
 * A whole staff file in ONE mutation: the server applies a mutation in one transaction and keeps
 * no write of a refused one, so a file with one bad row changes nothing anywhere.
 */
export const staffImport = defineMutator({
	name: 'staff.import',
	args: z.object({ rows: z.array(staffImportRow).min(1).max(MAX_IMPORT_ROWS) }),
	roles: managers,
	stores: ['department', 'staff'],
	async apply(tx, args, ctx) {
		const departments = new Set((await tx.list('department', {})).map((d) => d.id));
		const seen = new Set<string>();
		for (const row of args.rows) {
			if (seen.has(row.id)) return reject('INVALID', 'error_import_duplicate', { row: row.line });
			seen.add(row.id);
			if (!departments.has(row.departmentId)) {
				return reject('NOT_FOUND', 'error_import_department', { row: row.line });
			}
		}
		const kept = new Map<string, string>();
		for (const row of args.rows) {
			// A file exported from a masked device carries masks: each must be that person's own.
			const value = await storedPhone(tx, row.id, row.phone);
			if (value === undefined) {
				return reject('INVALID', 'roles_error_import_masked_phone', { row: row.line });
			}
			kept.set(row.id, value);
		}
		for (const { line: _line, ...row } of args.rows) {
			await tx.put('staff', { ...row, phone: kept.get(row.id), centreId: ctx.centreId });
		}
	}
});

/** A whole window file in one mutation, all or nothing, like staff.import. */
export const windowImport = defineMutator({
	name: 'window.import',
	args: z.object({ rows: z.array(windowImportRow).min(1).max(MAX_IMPORT_ROWS) }),
	roles: managers,
	stores: ['window', 'department'],
	async apply(tx, args, ctx) {
		// Another tablet may have taken a code since the file was checked: codes are the signs
		// above the windows, so two windows may not share one.
		const byCode = new Map(
			(await tx.list('window', {})).map((w) => [w.code.toLowerCase(), w.id] as const)
		);
		const departments = new Set((await tx.list('department', {})).map((d) => d.id));
		const seen = new Set<string>();
		for (const row of args.rows) {
			const code = row.code.toLowerCase();
			if (seen.has(row.id) || seen.has(`code:${code}`)) {
				return reject('INVALID', 'error_import_duplicate', { row: row.line });
			}
			seen.add(row.id).add(`code:${code}`);
			const holder = byCode.get(code);
			if (holder && holder !== row.id) {
				return reject('DUPLICATE', 'error_import_code_taken', { row: row.line, code: row.code });
			}
			if (row.departmentId && !departments.has(row.departmentId)) {
				return reject('NOT_FOUND', 'error_import_department', { row: row.line });
			}
		}
		for (const { line: _line, ...row } of args.rows) {
			await tx.put('window', { ...row, centreId: ctx.centreId });
		}
	}
});
