import { beforeEach, describe, expect, it } from 'vitest';
import type { Inspection, Role, ServiceItem } from '$lib/schemas';
import { mutators } from '../registry';
import { MemoryTx, testContext } from '../memory-tx';
import { applyDeclared, type Outcome } from '../mutator';
import type { MutationTx } from '../records';

const centreId = 'c1';
const NOW = '2026-03-07T09:30:00+08:00';
const ctx = (role: Role = 'manager') => testContext(role, NOW);

/** Runs a mutation the way push.ts does: role check, Zod parse, apply. */
async function run(tx: MutationTx, name: string, args: unknown, role: Role = 'manager') {
	const m = mutators[name];
	if (!m.roles.includes(role)) return { rejected: 'FORBIDDEN' };
	const parsed = m.args.safeParse(args);
	if (!parsed.success) return { rejected: 'INVALID', issues: parsed.error.issues };
	const outcome: Outcome = await applyDeclared(m, tx, parsed.data, ctx(role));
	return outcome ? { rejected: outcome.reject.code, key: outcome.reject.messageKey } : {};
}

let tx: MemoryTx;
const round = async () => (await tx.get('inspection', 'r1')) as Inspection;
const lateFinding = {
	id: 'attendance:s1',
	subject: { type: 'staff', id: 's1' },
	checkItem: 'punctuality',
	text: '张三迟到12分钟',
	correction: '',
	proposal: '批评教育',
	status: 'confirmed',
	source: 'attendance'
};

beforeEach(async () => {
	tx = new MemoryTx();
	const base = { centreId, v: 1 as const };
	await tx.put('department', {
		...base,
		id: 'ops',
		name: '政务服务科',
		kind: 'section',
		operations: true,
		takesAppointments: false,
		sortOrder: 0
	});
	for (const id of ['s1', 'inspector']) {
		await tx.put('staff', {
			...base,
			id,
			name: id,
			departmentId: 'ops',
			title: '',
			phone: '13800000000',
			onCall: false,
			realEstateReview: false,
			active: true
		});
	}
	await run(tx, 'inspection.start', { id: 'r1', date: '2026-03-07', inspectorId: 'inspector' });
});

describe('inspection.start', () => {
	it('opens a round with every checklist item unchecked and the time it began', async () => {
		const r = await round();
		expect(r).toMatchObject({ date: '2026-03-07', inspectorId: 'inspector', startedAt: NOW });
		expect(Object.values(r.checklist)).toEqual(Array(4).fill('unchecked'));
		expect(r.findings).toEqual([]);
	});

	it('refuses a second round with the same id, an unknown inspector, a bad date, and duty', async () => {
		const args = { id: 'r1', date: '2026-03-07', inspectorId: 'inspector' };
		expect(await run(tx, 'inspection.start', args)).toMatchObject({ rejected: 'DUPLICATE' });
		expect(
			await run(tx, 'inspection.start', { ...args, id: 'r2', inspectorId: 'ghost' })
		).toMatchObject({ rejected: 'NOT_FOUND' });
		expect(
			await run(tx, 'inspection.start', { ...args, id: 'r3', date: '2026-13-01' })
		).toMatchObject({ rejected: 'INVALID' });
		expect(await run(tx, 'inspection.start', { ...args, id: 'r4' }, 'duty')).toEqual({
			rejected: 'FORBIDDEN'
		});
	});
});

describe('inspection.check', () => {
	it('records one checklist item, also for the duty lead', async () => {
		await run(
			tx,
			'inspection.check',
			{ inspectionId: 'r1', item: 'attitude', result: 'ok' },
			'duty'
		);
		expect((await round()).checklist.attitude).toBe('ok');
		expect(
			await run(tx, 'inspection.check', { inspectionId: 'r1', item: 'mood', result: 'ok' })
		).toMatchObject({ rejected: 'INVALID' });
	});
});

describe('inspection.addFinding', () => {
	it('adds a confirmed finding from a late check-in', async () => {
		expect(
			await run(tx, 'inspection.addFinding', { inspectionId: 'r1', finding: lateFinding })
		).toEqual({});
		expect((await round()).findings).toEqual([lateFinding]);
	});

	it('keeps one finding when two tablets confirm the same proposal', async () => {
		const args = { inspectionId: 'r1', finding: lateFinding };
		await run(tx, 'inspection.addFinding', args);
		expect(await run(tx, 'inspection.addFinding', args)).toEqual({});
		expect((await round()).findings).toHaveLength(1);
		expect(
			await run(tx, 'inspection.addFinding', {
				...args,
				finding: { ...lateFinding, status: 'dismissed' }
			})
		).toMatchObject({ rejected: 'CONFLICT', key: 'error_finding_exists' });
	});

	it('lets the duty lead record a proposal but not confirm one', async () => {
		const proposed = { ...lateFinding, status: 'proposed', source: 'manual' };
		expect(
			await run(tx, 'inspection.addFinding', { inspectionId: 'r1', finding: lateFinding }, 'duty')
		).toMatchObject({ rejected: 'FORBIDDEN', key: 'error_finding_needs_manager' });
		expect(
			await run(tx, 'inspection.addFinding', { inspectionId: 'r1', finding: proposed }, 'duty')
		).toEqual({});
		expect(
			await run(tx, 'inspection.addFinding', { inspectionId: 'r1', finding: proposed }, 'viewer')
		).toEqual({ rejected: 'FORBIDDEN' });
	});

	it('refuses empty text, unknown subjects and rounds', async () => {
		const add = (finding: unknown, inspectionId = 'r1') =>
			run(tx, 'inspection.addFinding', { inspectionId, finding });
		expect(await add({ ...lateFinding, text: '   ' })).toMatchObject({ rejected: 'INVALID' });
		expect(await add({ ...lateFinding, subject: { type: 'window', id: 'w9' } })).toMatchObject({
			rejected: 'NOT_FOUND',
			key: 'error_subject_missing'
		});
		expect(await add(lateFinding, 'r9')).toMatchObject({ key: 'error_inspection_missing' });
		expect(await add({ ...lateFinding, status: 'corrected' })).toMatchObject({
			key: 'error_finding_needs_correction'
		});
	});
});

describe('inspection.setFindingStatus', () => {
	const set = (args: Record<string, unknown>, role: Role = 'manager') =>
		run(tx, 'inspection.setFindingStatus', { inspectionId: 'r1', ...args }, role);

	beforeEach(async () => {
		await run(tx, 'inspection.addFinding', {
			inspectionId: 'r1',
			finding: { ...lateFinding, status: 'proposed' }
		});
	});

	it('confirms a proposal, then closes it with the correction made', async () => {
		expect(await set({ findingId: 'attendance:s1', status: 'confirmed' })).toEqual({});
		expect(await set({ findingId: 'attendance:s1', status: 'corrected' })).toMatchObject({
			key: 'error_finding_needs_correction'
		});
		expect(
			await set({ findingId: 'attendance:s1', status: 'corrected', correction: '已当面提醒' })
		).toEqual({});
		expect((await round()).findings[0]).toMatchObject({
			status: 'corrected',
			correction: '已当面提醒',
			proposal: '批评教育'
		});
	});

	it('refuses a jump from proposed to corrected and anything after corrected', async () => {
		expect(
			await set({ findingId: 'attendance:s1', status: 'corrected', correction: 'x' })
		).toMatchObject({ rejected: 'CONFLICT', key: 'error_finding_transition' });
		await set({ findingId: 'attendance:s1', status: 'dismissed' });
		expect((await round()).findings[0].status).toBe('dismissed');
		expect(await set({ findingId: 'attendance:s1', status: 'corrected' })).toMatchObject({
			rejected: 'CONFLICT'
		});
	});

	it('updates the texts when the status stays the same', async () => {
		await set({ findingId: 'attendance:s1', status: 'proposed', proposal: '通报' });
		expect((await round()).findings[0].proposal).toBe('通报');
	});

	it('is for managers only, and needs a finding that exists', async () => {
		expect(await set({ findingId: 'attendance:s1', status: 'confirmed' }, 'duty')).toEqual({
			rejected: 'FORBIDDEN'
		});
		expect(await set({ findingId: 'nope', status: 'confirmed' })).toMatchObject({
			key: 'error_finding_missing'
		});
	});

	it('reaches findings recorded before ids existed by their place', async () => {
		const r = await round();
		const { id: _id, ...legacy } = r.findings[0];
		await tx.put('inspection', { ...r, findings: [legacy, ...r.findings] });
		expect(await set({ findingId: '#0', status: 'dismissed' })).toEqual({});
		expect((await round()).findings.map((f) => f.status)).toEqual(['dismissed', 'proposed']);
	});
});

describe('inspection.commend', () => {
	it('adds a commendation with its reason', async () => {
		const subject = { type: 'department', id: 'ops' };
		expect(
			await run(tx, 'inspection.commend', { inspectionId: 'r1', subject, reason: '台账完整' })
		).toEqual({});
		expect((await round()).commendations).toEqual([{ subject, reason: '台账完整' }]);
		expect(
			await run(tx, 'inspection.commend', { inspectionId: 'r1', subject, reason: '' })
		).toMatchObject({ rejected: 'INVALID' });
		expect(
			await run(tx, 'inspection.commend', { inspectionId: 'r1', subject, reason: 'x' }, 'duty')
		).toEqual({ rejected: 'FORBIDDEN' });
	});
});

describe('serviceItem.retire', () => {
	it('retires an item and dates the change', async () => {
		const item: ServiceItem = {
			id: 'i1',
			centreId,
			v: 1,
			name: '营业执照',
			departmentId: 'ops',
			category: '行政审批',
			channels: ['window'],
			deadlineDays: 0,
			availableNonWorking: true,
			bookable: false,
			handleMinutes: 10,
			retired: false,
			updatedAt: '2026-01-01T08:00:00+08:00'
		};
		await tx.put('serviceItem', item);
		expect(await run(tx, 'serviceItem.retire', { id: 'i1', retired: true })).toEqual({});
		expect(await tx.get('serviceItem', 'i1')).toMatchObject({ retired: true, updatedAt: NOW });
		expect(await run(tx, 'serviceItem.retire', { id: 'i9', retired: true })).toMatchObject({
			rejected: 'NOT_FOUND'
		});
	});
});
