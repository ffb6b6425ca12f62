import { beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '$lib/schemas';
import { centreTx, runAs, testContext, type MemoryTx } from '../memory-tx';
import { applyDeclared, checkArgs } from '../mutator';
import { mutators } from '../registry';

let tx: MemoryTx;

const ctx = (role: Role) => testContext(role, '2026-06-02T09:30:00+08:00', { userId: 'u-manager' });
const run = (name: string, args: unknown, role: Role = 'manager') =>
	runAs(tx, name, args, ctx(role));

const person = (id: string, active = true) => ({
	id,
	centreId: 'c1',
	v: 1 as const,
	name: id,
	departmentId: 'dept-a',
	title: '',
	onCall: false,
	realEstateReview: false,
	active
});

const approve = (minutes: number, month = '2026-05') => ({
	staffId: 's1',
	month,
	minutes,
	approverName: '陈主任'
});
const off = (date: string, hours: number) => ({
	staffId: 's1',
	date,
	hours,
	reason: '家中有事',
	requestedBy: 's1',
	approverName: '陈主任'
});

beforeEach(async () => {
	tx = await centreTx('测试区政务服务中心');
	await tx.put('staff', person('s1'));
	await tx.put('staff', person('s2', false));
	// Labour Day, 1 May 2026: s1 at window w1 all day, checked in on time.
	await tx.put('dayPlan', {
		id: 'c1:2026-05-01',
		centreId: 'c1',
		v: 1,
		date: '2026-05-01',
		windows: [
			{
				windowId: 'w1',
				staffIds: ['s1'],
				sessions: [
					{ start: '09:00', end: '11:30' },
					{ start: '14:00', end: '17:00' }
				],
				open: true
			}
		],
		operationsDutyIds: [],
		appointmentContacts: [],
		onCallIds: [],
		realEstateReview: [],
		arrangements: [],
		extendedSessions: [],
		notes: ''
	});
	await tx.put('attendance', {
		id: 'c1:2026-05-01:s1',
		centreId: 'c1',
		v: 1,
		date: '2026-05-01',
		staffId: 's1',
		status: 'on-time',
		recordedAt: '2026-05-01T09:00:00+08:00'
	});
});

describe('overtime.approve', () => {
	it("fixes the month's figure with who approved it and when", async () => {
		expect(await run('overtime.approve', approve(330))).toBe('ok');
		expect(await tx.get('overtimeApproval', '2026-05:s1')).toMatchObject({
			minutes: 330,
			approvedBy: 'u-manager',
			approvedByName: '陈主任',
			approvedAt: '2026-06-02T09:30:00+08:00'
		});
	});

	it('refuses a figure the records no longer give, naming the one they do', async () => {
		const m = mutators['overtime.approve'];
		const checked = checkArgs(m, approve(300));
		if (!checked.ok) throw new Error('arguments refused');
		const outcome = await applyDeclared(m, tx, checked.args, ctx('manager'));
		expect(outcome?.reject).toMatchObject({
			code: 'CONFLICT',
			messageKey: 'error_overtime_changed',
			params: { month: '2026-05', hours: 5.5 }
		});
		expect(await tx.get('overtimeApproval', '2026-05:s1')).toBeUndefined();
	});

	it('refuses a month still to come, an unknown person, and anyone but managers', async () => {
		expect(await run('overtime.approve', approve(0, '2026-07'))).toBe(
			'INVALID error_overtime_future_month'
		);
		expect(await run('overtime.approve', { ...approve(0), staffId: 'nobody' })).toBe(
			'NOT_FOUND error_staff_missing'
		);
		expect(await run('overtime.approve', approve(330), 'duty')).toBe('FORBIDDEN');
		expect(await run('overtime.approve', approve(330), 'clerk')).toBe('FORBIDDEN');
		expect(await run('overtime.approve', approve(330), 'admin')).toBe('ok');
		expect(await run('overtime.approve', { ...approve(330), month: '2026-13' })).toBe('INVALID');
	});
});

describe('timeOff.record and timeOff.remove', () => {
	beforeEach(async () => {
		await run('overtime.approve', approve(330));
	});

	it('records half a day against the approved balance, and corrects it by day', async () => {
		expect(await run('timeOff.record', off('2026-06-03', 4))).toBe('ok');
		expect(await tx.get('timeOff', '2026-06-03:s1')).toMatchObject({
			hours: 4,
			requestedBy: 's1',
			approvedBy: 'u-manager',
			approvedByName: '陈主任'
		});
		// 5.5 approved, 4 taken: 1.5 left, but the day's own entry is given back first.
		expect(await run('timeOff.record', off('2026-06-04', 2))).toBe(
			'INVALID error_time_off_over_balance'
		);
		expect(await run('timeOff.record', off('2026-06-03', 5.5))).toBe('ok');
		expect(await tx.list('timeOff', { staffId: 's1' })).toHaveLength(1);
	});

	it('refuses a weekend, a holiday, quarter hours and more than the balance', async () => {
		expect(await run('timeOff.record', off('2026-06-06', 2))).toBe(
			'INVALID error_time_off_not_working'
		);
		expect(await run('timeOff.record', off('2026-06-19', 2))).toBe(
			'INVALID error_time_off_not_working'
		);
		expect(await run('timeOff.record', off('2026-06-03', 1.25))).toBe('INVALID');
		expect(await run('timeOff.record', off('2026-06-03', 6))).toBe(
			'INVALID error_time_off_over_balance'
		);
		expect(await run('timeOff.record', { ...off('2026-06-03', 2), staffId: 's2' })).toBe(
			'NOT_FOUND error_staff_missing'
		);
		expect(await run('timeOff.record', off('2026-06-03', 2), 'duty')).toBe('FORBIDDEN');
	});

	it('takes an entry back, and says when there is none', async () => {
		await run('timeOff.record', off('2026-06-03', 4));
		expect(await run('timeOff.remove', { staffId: 's1', date: '2026-06-03' })).toBe('ok');
		expect(await tx.get('timeOff', '2026-06-03:s1')).toBeUndefined();
		expect(await run('timeOff.remove', { staffId: 's1', date: '2026-06-03' })).toBe(
			'NOT_FOUND error_time_off_missing'
		);
	});
});
