import { beforeEach, describe, expect, it } from 'vitest';
import type { Case, Role } from '$lib/schemas';
import { MemoryTx, runAs, testContext } from '../memory-tx';

const centreId = 'c1';

let tx: MemoryTx;

const run = (name: string, args: unknown, role: Role = 'manager', departmentId?: string) =>
	runAs(
		tx,
		name,
		args,
		testContext(role, '2026-03-07T09:30:00+08:00', departmentId ? { departmentId } : {})
	);

const cases = async () =>
	((await tx.list('case', {})) as Case[]).map((c) => c.number).sort((a, b) => a.localeCompare(b));

const record = (number: string, serviceItemId = 'item-a') => ({
	number,
	serviceItemId,
	acceptedOn: '2026-03-02',
	legalDays: 20,
	promisedDays: 5
});
const row = (line: number, number: string, serviceItemId = 'item-a') => ({
	line,
	...record(number, serviceItemId)
});

beforeEach(async () => {
	tx = new MemoryTx();
	for (const [id, departmentId] of [
		['item-a', 'dept-a'],
		['item-b', 'dept-b']
	]) {
		await tx.put('serviceItem', {
			id,
			centreId,
			v: 1,
			name: id,
			departmentId,
			category: '综合',
			channels: ['window'],
			deadlineDays: 5,
			availableNonWorking: false,
			bookable: false,
			handleMinutes: 10,
			retired: false,
			updatedAt: '2026-01-01T00:00:00+08:00'
		});
	}
});

describe('case.record', () => {
	it('records a case at the window under its department', async () => {
		expect(await run('case.record', record('A-1'))).toBe('ok');
		const c = (await tx.get('case', 'case-A-1')) as Case;
		expect(c).toMatchObject({ departmentId: 'dept-a', source: 'window', promisedDays: 5 });
	});

	it('refuses a second case under the same number, but not the same tap twice', async () => {
		expect(await run('case.record', record('A-1'))).toBe('ok');
		expect(await run('case.record', record('A-1'))).toBe('ok');
		expect(await run('case.record', { ...record('A-1'), acceptedOn: '2026-03-03' })).toBe(
			'DUPLICATE error_case_duplicate'
		);
		expect(await cases()).toEqual(['A-1']);
	});

	it("lets a clerk record their own department's cases only; duty and viewers none", async () => {
		expect(await run('case.record', record('A-1'), 'clerk', 'dept-a')).toBe('ok');
		expect(await run('case.record', record('B-1', 'item-b'), 'clerk', 'dept-a')).toBe(
			'FORBIDDEN error_case_other_department'
		);
		expect(await run('case.record', record('A-2'), 'clerk')).toBe(
			'FORBIDDEN error_case_other_department'
		);
		expect(await run('case.record', record('A-3'), 'duty')).toBe('FORBIDDEN');
		expect(await run('case.record', record('A-4'), 'viewer')).toBe('FORBIDDEN');
		expect(await cases()).toEqual(['A-1']);
	});

	it('refuses a promise longer than the law', async () => {
		expect(await run('case.record', { ...record('A-1'), promisedDays: 21 })).toBe('INVALID');
	});
});

describe('case.complete', () => {
	beforeEach(async () => {
		await run('case.record', record('A-1'));
	});

	it('records each outcome with its reason, and asks for what is missing', async () => {
		const done = { id: 'case-A-1', completedOn: '2026-03-05' };
		expect(await run('case.complete', { ...done, outcome: 'not-accepted' })).toBe(
			'INVALID error_case_needs_reason'
		);
		expect(
			await run('case.complete', {
				...done,
				outcome: 'told',
				reason: { code: 'materials-incomplete', text: '' }
			})
		).toBe('INVALID error_case_needs_materials');
		expect(
			await run('case.complete', {
				...done,
				outcome: 'not-permitted',
				reason: { code: 'other', text: '' }
			})
		).toBe('INVALID error_case_needs_reason');
		expect(
			await run('case.complete', { ...done, completedOn: '2026-03-01', outcome: 'approved' })
		).toBe('INVALID error_case_completed_before');
		expect(
			await run('case.complete', {
				...done,
				outcome: 'told',
				reason: { code: 'materials-incomplete', text: '缺原件' },
				materials: ['身份证原件', '身份证原件', '授权委托书']
			})
		).toBe('ok');
		expect(await tx.get('case', 'case-A-1')).toMatchObject({
			outcome: 'told',
			completedOn: '2026-03-05',
			materials: ['身份证原件', '授权委托书']
		});
		// Corrected to approved: the reason and the materials go with the old outcome.
		expect(await run('case.complete', { ...done, outcome: 'approved' })).toBe('ok');
		const c = (await tx.get('case', 'case-A-1')) as Case;
		expect(c.outcome).toBe('approved');
		expect(c.reason).toBeUndefined();
		expect(c.materials).toBeUndefined();
	});

	it("keeps a clerk to their department's cases", async () => {
		const args = { id: 'case-A-1', completedOn: '2026-03-05', outcome: 'approved' };
		expect(await run('case.complete', args, 'clerk', 'dept-b')).toBe(
			'FORBIDDEN error_case_other_department'
		);
		expect(await run('case.complete', args, 'clerk', 'dept-a')).toBe('ok');
	});
});

describe('case.import', () => {
	const file = {
		source: 'export.csv',
		rows: [
			row(2, 'A-1'),
			{ ...row(3, 'A-2'), completedOn: '2026-03-04' },
			{
				...row(4, 'B-1', 'item-b'),
				completedOn: '2026-03-04',
				outcome: 'not-permitted',
				reason: { code: 'conditions-unmet', text: '' }
			}
		]
	};

	it('imports a file once: the second import adds nothing and overwrites nothing', async () => {
		expect(await run('case.import', file)).toBe('ok');
		expect(await cases()).toEqual(['A-1', 'A-2', 'B-1']);
		expect(await tx.get('case', 'case-A-2')).toMatchObject({
			outcome: 'approved',
			source: 'import'
		});
		await run('case.complete', { id: 'case-A-1', completedOn: '2026-03-06', outcome: 'approved' });
		const before = await tx.list('case', {});
		expect(await run('case.import', file)).toBe('ok');
		expect(await tx.list('case', {})).toEqual(before);
	});

	it('refuses a file that names a number twice, or an outcome without its reason', async () => {
		expect(await run('case.import', { ...file, rows: [row(2, 'A-1'), row(5, 'A-1')] })).toBe(
			'INVALID error_import_duplicate'
		);
		const bad = { ...row(2, 'A-9'), completedOn: '2026-03-04', outcome: 'not-accepted' };
		expect(await run('case.import', { ...file, rows: [bad] })).toBe(
			'INVALID error_case_import_outcome'
		);
		expect(await cases()).toEqual([]);
	});

	it("takes a clerk's own department only, all or nothing", async () => {
		expect(await run('case.import', file, 'clerk', 'dept-a')).toBe(
			'FORBIDDEN error_case_import_department'
		);
		expect(await cases()).toEqual([]);
		expect(
			await run('case.import', { ...file, rows: file.rows.slice(0, 2) }, 'clerk', 'dept-a')
		).toBe('ok');
		expect(await cases()).toEqual(['A-1', 'A-2']);
	});
});
