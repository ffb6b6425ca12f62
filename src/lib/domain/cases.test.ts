import { describe, expect, it } from 'vitest';
import type { Case } from '$lib/schemas';
import {
	caseRates,
	caseStatus,
	casesToWatch,
	countingStart,
	dueDate,
	totalRates,
	workingDaysUsed
} from './cases';

const kase = (over: Partial<Case> & Pick<Case, 'number'>): Case => ({
	id: `case-${over.number}`,
	centreId: 'c1',
	v: 1,
	serviceItemId: 'item-a',
	departmentId: 'dept-a',
	acceptedOn: '2026-03-02',
	legalDays: 20,
	promisedDays: 5,
	source: 'window',
	updatedAt: '2026-03-02T09:00:00+08:00',
	...over
});

describe('deadlines in working days', () => {
	it('runs across the National Day holiday and its make-up Saturday', () => {
		// Tue 29 Sep; 30 Sep, then 1–7 Oct off, 8, 9, Sat 10 Oct (make-up), Mon 12 Oct.
		expect(dueDate('2026-09-29', 5)).toBe('2026-10-12');
		expect(workingDaysUsed({ acceptedOn: '2026-09-29', completedOn: '2026-10-09' }, '')).toBe(3);
	});

	it('counts a case accepted on a 不打烊 Saturday from the next working day', () => {
		expect(countingStart('2026-03-07')).toBe('2026-03-09');
		// As if accepted on Monday: one working day gives Tuesday, not Monday.
		expect(dueDate('2026-03-07', 1)).toBe('2026-03-10');
		expect(dueDate('2026-03-06', 1)).toBe('2026-03-09');
	});

	it("follows the centre's own overrides", () => {
		const calendar = [{ date: '2026-03-09', working: false, note: '停电' }];
		expect(dueDate('2026-03-07', 1, calendar)).toBe('2026-03-11');
		const saturdayWorks = [{ date: '2026-03-07', working: true }];
		expect(dueDate('2026-03-07', 1, saturdayWorks)).toBe('2026-03-09');
	});

	it('makes a 即办 case due the day it was accepted', () => {
		expect(dueDate('2026-03-07', 0)).toBe('2026-03-07');
	});
});

describe('status', () => {
	const c = kase({ number: 'A1', acceptedOn: '2026-03-02', promisedDays: 5 }); // due Mon 9 Mar
	it('is open, then due soon, then overdue', () => {
		expect(caseStatus(c, '2026-03-03')).toBe('open');
		expect(caseStatus(c, '2026-03-05')).toBe('due-soon');
		expect(caseStatus(c, '2026-03-09')).toBe('due-soon');
		expect(caseStatus(c, '2026-03-10')).toBe('overdue');
	});
	it('is early, on time or late once completed', () => {
		expect(caseStatus({ ...c, completedOn: '2026-03-06' }, '2026-03-20')).toBe('early');
		expect(caseStatus({ ...c, completedOn: '2026-03-09' }, '2026-03-20')).toBe('on-time');
		expect(caseStatus({ ...c, completedOn: '2026-03-10' }, '2026-03-20')).toBe('late');
	});
	it('lists the due-soon and overdue cases, most urgent first', () => {
		const cases = [
			kase({ number: 'B2', acceptedOn: '2026-03-03' }),
			kase({ number: 'B1', acceptedOn: '2026-02-20' }),
			kase({ number: 'B3', acceptedOn: '2026-03-02' }),
			kase({ number: 'B4', acceptedOn: '2026-02-20', completedOn: '2026-02-25' })
		];
		const { dueSoon, overdue } = casesToWatch(cases, '2026-03-06');
		expect(dueSoon.map((d) => [d.case.number, d.due, d.days])).toEqual([
			['B3', '2026-03-09', 1],
			['B2', '2026-03-10', 2]
		]);
		// 20 Feb is in the Spring Festival run: counted from 24 Feb, with the make-up Saturday 28 Feb.
		expect(overdue.map((d) => [d.case.number, d.due, d.days])).toEqual([['B1', '2026-03-02', 4]]);
	});
});

describe('rates', () => {
	const today = '2026-03-31';
	const cases = [
		kase({ number: 'R1', completedOn: '2026-03-04', outcome: 'approved' }), // early
		kase({ number: 'R2', completedOn: '2026-03-09', outcome: 'approved' }), // on time
		kase({ number: 'R3', completedOn: '2026-03-12', outcome: 'approved' }), // late
		kase({
			number: 'R4',
			completedOn: '2026-03-05',
			outcome: 'not-permitted',
			reason: { code: 'conditions-unmet', text: '' }
		}), // early
		kase({
			number: 'R5',
			completedOn: '2026-03-02',
			outcome: 'told',
			reason: { code: 'materials-incomplete', text: '' },
			materials: ['身份证复印件']
		}),
		kase({
			number: 'R6',
			completedOn: '2026-03-02',
			outcome: 'not-accepted',
			reason: { code: 'out-of-scope', text: '' }
		}),
		kase({ number: 'R7' }), // overdue
		kase({ number: 'R8', departmentId: 'dept-b', acceptedOn: '2026-03-30' }) // open
	];
	it('counts each outcome apart and rates only the decided cases', () => {
		const rows = caseRates(cases, (c) => c.departmentId, today);
		expect(rows).toEqual([
			{
				key: 'dept-a',
				total: 7,
				decided: 4,
				onTime: 3,
				early: 2,
				late: 1,
				open: 0,
				overdue: 1,
				told: 1,
				notAccepted: 1,
				notPermitted: 1,
				onTimeRate: 0.75,
				earlyRate: 0.5
			},
			{
				key: 'dept-b',
				total: 1,
				decided: 0,
				onTime: 0,
				early: 0,
				late: 0,
				open: 1,
				overdue: 0,
				told: 0,
				notAccepted: 0,
				notPermitted: 0
			}
		]);
		const total = totalRates(rows);
		expect(total).toMatchObject({ total: 8, decided: 4, onTimeRate: 0.75, earlyRate: 0.5 });
	});
	it('groups by service item as well', () => {
		const rows = caseRates(
			cases.map((c, i) => ({ ...c, serviceItemId: i % 2 ? 'odd' : 'even' })),
			(c) => c.serviceItemId,
			today
		);
		expect(rows.map((r) => [r.key, r.total, r.decided, r.onTime])).toEqual([
			['even', 4, 2, 1],
			['odd', 4, 2, 2]
		]);
	});
});
