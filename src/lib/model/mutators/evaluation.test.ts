import { beforeEach, describe, expect, it } from 'vitest';
import type { Evaluation, Role } from '$lib/schemas';
import { MemoryTx, runAs, testContext } from '../memory-tx';

const centreId = 'c1';

let tx: MemoryTx;

const run = (name: string, args: unknown, role: Role = 'manager') =>
	runAs(tx, name, args, testContext(role, '2026-03-07T09:30:00+08:00'));

const held = async () =>
	((await tx.list('evaluation', {})) as Evaluation[])
		.map((e) => e.number)
		.sort((a, b) => a.localeCompare(b));

const rating = (number: string, extra: Record<string, unknown> = {}) => ({
	number,
	ratedOn: '2026-03-02',
	rating: 'dissatisfied',
	channel: 'device',
	staffId: 'staff-1',
	windowId: 'win-1',
	serviceItemId: 'item-a',
	...extra
});
const followUp = (id: string, extra: Record<string, unknown> = {}) => ({
	id,
	staffId: 'staff-2',
	correction: '约谈窗口人员，重新培训',
	followedUpOn: '2026-03-04',
	calledBack: true,
	...extra
});

beforeEach(async () => {
	tx = new MemoryTx();
	const base = { centreId, v: 1 as const };
	await tx.put('serviceItem', {
		...base,
		id: 'item-a',
		name: '不动产登记',
		departmentId: 'dept-a',
		category: '不动产登记',
		channels: ['window'],
		deadlineDays: 5,
		availableNonWorking: false,
		bookable: false,
		handleMinutes: 10,
		retired: false,
		updatedAt: '2026-01-01T00:00:00+08:00'
	});
	for (const id of ['staff-1', 'staff-2']) {
		await tx.put('staff', {
			...base,
			id,
			name: id,
			departmentId: 'dept-a',
			title: '',
			phone: '13900000001',
			onCall: false,
			realEstateReview: false,
			active: true
		});
	}
	await tx.put('window', { ...base, id: 'win-1', code: 'A01', kind: 'fee', retired: false });
});

describe('evaluation.record', () => {
	it('records a rating under the item’s department, with no evaluator', async () => {
		expect(await run('evaluation.record', rating('H-1', { comment: '  等太久  ' }), 'duty')).toBe(
			'ok'
		);
		const e = (await tx.get('evaluation', 'evaluation-H-1')) as Evaluation;
		expect(e).toEqual({
			id: 'evaluation-H-1',
			centreId,
			v: 1,
			number: 'H-1',
			ratedOn: '2026-03-02',
			rating: 'dissatisfied',
			channel: 'device',
			staffId: 'staff-1',
			windowId: 'win-1',
			departmentId: 'dept-a',
			serviceItemId: 'item-a',
			comment: '等太久',
			source: 'window',
			updatedAt: '2026-03-07T09:30:00+08:00'
		});
	});

	it('refuses a second rating under the same number, but not the same tap twice', async () => {
		expect(await run('evaluation.record', rating('H-1'))).toBe('ok');
		expect(await run('evaluation.record', rating('H-1'))).toBe('ok');
		expect(await run('evaluation.record', rating('H-1', { rating: 'satisfied' }))).toBe(
			'DUPLICATE error_evaluation_duplicate'
		);
	});

	it('refuses what the centre does not hold, a long comment, and an unknown rating', async () => {
		expect(await run('evaluation.record', rating('H-1', { serviceItemId: 'nope' }))).toBe(
			'NOT_FOUND error_evaluation_item_missing'
		);
		expect(await run('evaluation.record', rating('H-1', { staffId: 'nope' }))).toBe(
			'NOT_FOUND error_evaluation_staff_missing'
		);
		expect(await run('evaluation.record', rating('H-1', { windowId: 'nope' }))).toBe(
			'NOT_FOUND error_evaluation_window_missing'
		);
		expect(await run('evaluation.record', rating('H-1', { comment: 'x'.repeat(201) }))).toBe(
			'INVALID'
		);
		expect(await run('evaluation.record', rating('H-1', { rating: 'meh' }))).toBe('INVALID');
		expect(await held()).toEqual([]);
	});

	it('lets managers and duty leads write, and nobody else', async () => {
		expect(await run('evaluation.record', rating('H-1'), 'viewer')).toBe('FORBIDDEN');
		expect(await run('evaluation.record', rating('H-1'), 'clerk')).toBe('FORBIDDEN');
		expect(await run('evaluation.record', rating('H-2'), 'duty')).toBe('ok');
		expect(await run('evaluation.record', rating('H-3'), 'manager')).toBe('ok');
	});
});

describe('evaluation.followUp', () => {
	beforeEach(async () => {
		expect(await run('evaluation.record', rating('BAD-1'))).toBe('ok');
		expect(await run('evaluation.record', rating('GOOD-1', { rating: 'satisfied' }))).toBe('ok');
	});

	it('stores who followed a bad rating up, what was done, when, and the call back', async () => {
		expect(await run('evaluation.followUp', followUp('evaluation-BAD-1'))).toBe('ok');
		const e = (await tx.get('evaluation', 'evaluation-BAD-1')) as Evaluation;
		expect(e.followUp).toEqual({
			staffId: 'staff-2',
			correction: '约谈窗口人员，重新培训',
			followedUpOn: '2026-03-04',
			calledBack: true
		});
	});

	it('is a manager’s: a duty lead may not follow up', async () => {
		expect(await run('evaluation.followUp', followUp('evaluation-BAD-1'), 'duty')).toBe(
			'FORBIDDEN'
		);
	});

	it('refuses a good rating, a date before the rating, an empty correction and a stranger', async () => {
		expect(await run('evaluation.followUp', followUp('evaluation-GOOD-1'))).toBe(
			'INVALID error_evaluation_not_bad'
		);
		expect(
			await run('evaluation.followUp', followUp('evaluation-BAD-1', { followedUpOn: '2026-03-01' }))
		).toBe('INVALID error_evaluation_follow_up_before');
		expect(
			await run('evaluation.followUp', followUp('evaluation-BAD-1', { correction: '  ' }))
		).toBe('INVALID');
		expect(
			await run('evaluation.followUp', followUp('evaluation-BAD-1', { staffId: 'nope' }))
		).toBe('NOT_FOUND error_evaluation_staff_missing');
		expect(await run('evaluation.followUp', followUp('evaluation-NONE'))).toBe(
			'NOT_FOUND error_evaluation_missing'
		);
		const e = (await tx.get('evaluation', 'evaluation-BAD-1')) as Evaluation;
		expect(e.followUp).toBeUndefined();
	});
});

describe('evaluation.import', () => {
	const row = (line: number, number: string, extra: Record<string, unknown> = {}) => ({
		line,
		...rating(number, extra)
	});

	it('imports a file, and the same file again adds nothing and keeps a follow-up made since', async () => {
		const file = {
			source: '好差评导出.csv',
			rows: [row(2, 'H-1'), row(3, 'H-2', { rating: 'very-satisfied', windowId: undefined })]
		};
		expect(await run('evaluation.import', file, 'duty')).toBe('ok');
		expect(await held()).toEqual(['H-1', 'H-2']);
		expect(await run('evaluation.followUp', followUp('evaluation-H-1'))).toBe('ok');
		expect(await run('evaluation.import', file, 'duty')).toBe('ok');
		expect(await held()).toEqual(['H-1', 'H-2']);
		const e = (await tx.get('evaluation', 'evaluation-H-1')) as Evaluation;
		expect(e).toMatchObject({ source: 'import', followUp: { calledBack: true } });
	});

	it('refuses the whole file over one bad row, naming it, and over a repeated number', async () => {
		expect(
			await run('evaluation.import', {
				source: 'x.csv',
				rows: [row(2, 'H-1'), row(3, 'H-2', { staffId: 'nope' })]
			})
		).toBe('NOT_FOUND error_evaluation_import_row');
		expect(
			await run('evaluation.import', { source: 'x.csv', rows: [row(2, 'H-1'), row(3, 'H-1')] })
		).toBe('INVALID error_import_duplicate');
		expect(await held()).toEqual([]);
	});
});
