import { beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '$lib/schemas';
import { mutators } from '../registry';
import { MemoryTx } from '../memory-tx';
import { applyDeclared } from '../mutator';

const centreId = 'c1';

/** The path push.ts takes: role, Zod, apply; a refused mutation keeps none of its writes. */
async function run(tx: MemoryTx, name: string, args: unknown, role: Role = 'manager') {
	const m = mutators[name];
	if (!m.roles.includes(role)) return { rejected: 'FORBIDDEN' };
	const parsed = m.args.safeParse(args);
	if (!parsed.success) return { rejected: 'INVALID', issues: parsed.error.issues };
	const scratch = new MemoryTx();
	scratch.rows = structuredClone(tx.rows);
	const outcome = await applyDeclared(m, scratch, parsed.data, {
		centreId,
		userId: 'u1',
		role,
		deviceId: 'd1',
		now: '2026-03-07T09:30:00+08:00',
		authoritative: true
	});
	if (outcome)
		return { rejected: outcome.reject.code, key: outcome.reject.messageKey, ...outcome.reject };
	tx.rows = scratch.rows;
	return {};
}

const base = { centreId, v: 1 as const };
const person = (id: string, departmentId: string, extra = {}) => ({
	...base,
	id,
	name: `人员${id}`,
	departmentId,
	title: '科员',
	phone: '13900000001',
	onCall: true,
	realEstateReview: false,
	active: true,
	...extra
});
const staffRow = (line: number, id: string, departmentId = 'tax') => {
	const { centreId: _c, ...rest } = person(id, departmentId);
	return { ...rest, line };
};

let tx: MemoryTx;
beforeEach(async () => {
	tx = new MemoryTx();
	for (const [id, name] of [
		['ops', '政务服务科'],
		['tax', '税务局']
	]) {
		await tx.put('department', {
			...base,
			id,
			name,
			kind: id === 'ops' ? 'section' : 'stationed',
			operations: id === 'ops',
			takesAppointments: id === 'tax',
			sortOrder: 0
		});
	}
	await tx.put('staff', person('s-tax', 'tax'));
	await tx.put('staff', person('s-ops', 'ops'));
	await tx.put('staff', person('s-gone', 'tax', { active: false }));
	await tx.put('window', { ...base, id: 'w1', code: 'A01', kind: 'consultation', retired: false });
});

describe('department.upsert', () => {
	const department = (id: string, name: string) => ({
		id,
		v: 1,
		name,
		kind: 'stationed',
		operations: false,
		takesAppointments: false,
		sortOrder: 2
	});

	it('adds a department and lets it be renamed', async () => {
		expect(await run(tx, 'department.upsert', department('market', '市场监管局'))).toEqual({});
		expect(await run(tx, 'department.upsert', department('market', '区市场监管局'))).toEqual({});
		expect((await tx.get('department', 'market'))?.name).toBe('区市场监管局');
	});

	it('refuses a second department of a name already in use, in words', async () => {
		expect(await run(tx, 'department.upsert', department('tax-2', '税务局'))).toMatchObject({
			rejected: 'INVALID',
			key: 'org_department_taken',
			params: { name: '税务局' }
		});
		expect(await tx.get('department', 'tax-2')).toBeUndefined();
	});

	it('is for managers and admins only', async () => {
		const args = department('market', '市场监管局');
		expect(await run(tx, 'department.upsert', args, 'duty')).toEqual({ rejected: 'FORBIDDEN' });
	});
});

describe('department.setContact (R6)', () => {
	it('names one of the department’s own active staff', async () => {
		expect(
			await run(tx, 'department.setContact', {
				departmentId: 'tax',
				takesAppointments: true,
				contactId: 's-tax'
			})
		).toEqual({});
		expect(await tx.get('department', 'tax')).toMatchObject({ appointmentContactId: 's-tax' });
	});

	it('refuses someone from another department or no longer active', async () => {
		for (const contactId of ['s-ops', 's-gone']) {
			expect(
				await run(tx, 'department.setContact', {
					departmentId: 'tax',
					takesAppointments: true,
					contactId
				})
			).toMatchObject({ rejected: 'INVALID', key: 'error_contact_not_member' });
		}
	});

	it('clears the contact when none is named', async () => {
		await run(tx, 'department.setContact', {
			departmentId: 'tax',
			takesAppointments: true,
			contactId: 's-tax'
		});
		await run(tx, 'department.setContact', { departmentId: 'tax', takesAppointments: false });
		const dept = await tx.get('department', 'tax');
		expect(dept?.appointmentContactId).toBeUndefined();
		expect(dept?.takesAppointments).toBe(false);
	});

	it('is for managers only', async () => {
		const args = { departmentId: 'tax', takesAppointments: true };
		expect(await run(tx, 'department.setContact', args, 'duty')).toEqual({ rejected: 'FORBIDDEN' });
	});
});

describe('department.setHead (负责人, R7)', () => {
	it('names one of the department’s own active staff, and clears it', async () => {
		expect(
			await run(tx, 'department.setHead', { departmentId: 'tax', headStaffId: 's-tax' })
		).toEqual({});
		expect(await tx.get('department', 'tax')).toMatchObject({ headStaffId: 's-tax' });
		expect(await run(tx, 'department.setHead', { departmentId: 'tax' })).toEqual({});
		expect((await tx.get('department', 'tax'))?.headStaffId).toBeUndefined();
	});

	it('refuses someone from another department or no longer active, and a non-manager', async () => {
		for (const headStaffId of ['s-ops', 's-gone']) {
			expect(
				await run(tx, 'department.setHead', { departmentId: 'tax', headStaffId })
			).toMatchObject({ rejected: 'INVALID', key: 'error_head_not_member' });
		}
		expect(await run(tx, 'department.setHead', { departmentId: 'tax' }, 'duty')).toEqual({
			rejected: 'FORBIDDEN'
		});
	});
});

describe('task force', () => {
	const member = { id: 'tf1', v: 1, staffId: 's-ops', body: 'office', role: 'director' };

	it('adds and removes a member, leaving nothing behind', async () => {
		expect(await run(tx, 'taskForce.upsert', member)).toEqual({});
		expect(tx.count('taskForceMember')).toBe(1);
		expect(await run(tx, 'taskForce.remove', { id: 'tf1' })).toEqual({});
		expect(tx.count('taskForceMember')).toBe(0);
		// A second tablet removing the same member offline is not refused.
		expect(await run(tx, 'taskForce.remove', { id: 'tf1' })).toEqual({});
	});

	it('refuses a role the body does not have, and an unknown person', async () => {
		expect(await run(tx, 'taskForce.upsert', { ...member, role: 'leader' })).toMatchObject({
			key: 'error_task_force_role'
		});
		expect(
			await run(tx, 'taskForce.upsert', { ...member, body: 'leading-group', role: 'director' })
		).toMatchObject({ key: 'error_task_force_role' });
		expect(await run(tx, 'taskForce.upsert', { ...member, staffId: 'nobody' })).toMatchObject({
			key: 'error_staff_missing'
		});
	});
});

describe('staff.import', () => {
	it('writes every row of a good file', async () => {
		const rows = [staffRow(2, 'n1'), staffRow(3, 'n2', 'ops'), staffRow(4, 's-tax')];
		expect(await run(tx, 'staff.import', { rows })).toEqual({});
		expect(tx.count('staff')).toBe(5);
		expect(await tx.get('staff', 'n1')).not.toHaveProperty('line');
	});

	it('writes nothing when one row names a missing department, and says which row', async () => {
		const rows = [staffRow(2, 'n1'), staffRow(3, 'n2'), staffRow(7, 'n3', 'nowhere')];
		expect(await run(tx, 'staff.import', { rows })).toMatchObject({
			rejected: 'NOT_FOUND',
			key: 'error_import_department',
			params: { row: 7 }
		});
		expect(tx.count('staff')).toBe(3);
	});

	it('refuses the whole file when one row breaks the schema', async () => {
		const rows = [staffRow(2, 'n1'), { ...staffRow(3, 'n2'), phone: '123' }];
		expect(await run(tx, 'staff.import', { rows })).toMatchObject({ rejected: 'INVALID' });
		expect(tx.count('staff')).toBe(3);
	});
});

describe('window.import', () => {
	const win = (line: number, id: string, code: string, extra = {}) => ({
		id,
		v: 1,
		line,
		code,
		kind: 'comprehensive',
		category: '行政审批',
		retired: false,
		...extra
	});

	it('writes every row, updating a window by its id', async () => {
		const rows = [win(2, 'w1', 'A01'), win(3, 'w2', 'A02', { departmentId: 'tax' })];
		expect(await run(tx, 'window.import', { rows })).toEqual({});
		expect(await tx.get('window', 'w1')).toMatchObject({ kind: 'comprehensive' });
		expect(tx.count('window')).toBe(2);
	});

	it('refuses a comprehensive window without a category (R1) and writes nothing', async () => {
		const rows = [win(2, 'w2', 'A02'), win(3, 'w3', 'A03', { category: undefined })];
		expect(await run(tx, 'window.import', { rows })).toMatchObject({ rejected: 'INVALID' });
		expect(tx.count('window')).toBe(1);
	});

	it('refuses a code another window holds, or a code twice in the file', async () => {
		expect(await run(tx, 'window.import', { rows: [win(5, 'w9', 'a01')] })).toMatchObject({
			rejected: 'DUPLICATE',
			params: { row: 5, code: 'a01' }
		});
		const twice = [win(2, 'w2', 'B01'), win(3, 'w3', 'B01')];
		expect(await run(tx, 'window.import', { rows: twice })).toMatchObject({
			key: 'error_import_duplicate',
			params: { row: 3 }
		});
		expect(tx.count('window')).toBe(1);
	});
});

describe('masked phones from a device (docs/roles.md)', () => {
	beforeEach(async () => {
		await tx.put('staff', person('s1', 'tax', { phone: '13912345678' }));
	});
	const stored = async () => (await tx.get('staff', 's1'))?.phone;
	const { centreId: _c, ...edit } = person('s1', 'tax', { title: '副科长' });

	it('keeps the stored number when an edit sends its mask back', async () => {
		expect(await run(tx, 'staff.upsert', { ...edit, phone: '139****5678' })).toEqual({});
		expect(await stored()).toBe('13912345678');
		expect((await tx.get('staff', 's1'))?.title).toBe('副科长');
	});

	it('refuses a mask of another number and a mask for a new person', async () => {
		expect(await run(tx, 'staff.upsert', { ...edit, phone: '138****5678' })).toMatchObject({
			rejected: 'INVALID',
			key: 'roles_error_masked_phone'
		});
		expect(
			await run(tx, 'staff.upsert', { ...edit, id: 'new', phone: '139****5678' })
		).toMatchObject({ rejected: 'INVALID', key: 'roles_error_masked_phone' });
		expect(await stored()).toBe('13912345678');
	});

	it('stores a real new number', async () => {
		expect(await run(tx, 'staff.upsert', { ...edit, phone: '13700000002' })).toEqual({});
		expect(await stored()).toBe('13700000002');
	});

	it('imports an exported file of masks without losing a number, and names a bad row', async () => {
		const rows = [
			{ ...staffRow(2, 's1'), phone: '139****5678' },
			{ ...staffRow(3, 's2'), phone: '13700000003' }
		];
		expect(await run(tx, 'staff.import', { rows })).toEqual({});
		expect(await stored()).toBe('13912345678');
		expect((await tx.get('staff', 's2'))?.phone).toBe('13700000003');
		const bad = [{ ...staffRow(4, 's3'), phone: '139****5678' }];
		expect(await run(tx, 'staff.import', { rows: bad })).toMatchObject({
			rejected: 'INVALID',
			key: 'roles_error_import_masked_phone',
			params: { row: 4 }
		});
	});
});
