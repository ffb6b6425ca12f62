import { describe, expect, it } from 'vitest';
import type { Attendance, DayPlan, ExtendedService, OvertimeApproval, TimeOff } from '$lib/schemas';
import {
	accrual,
	accruedMinutes,
	balance,
	dayAccrual,
	monthDates,
	monthFigure,
	type DayRecords
} from './overtime';

const morning = { start: '09:00', end: '11:30' };
const afternoon = { start: '14:00', end: '17:00' };

const plan = (date: string, over: Partial<DayPlan> = {}): DayPlan => ({
	id: `c1:${date}`,
	centreId: 'c1',
	v: 1,
	date,
	windows: [
		{ windowId: 'w1', staffIds: ['s1'], sessions: [morning, afternoon], open: true },
		{ windowId: 'w2', staffIds: ['s2'], sessions: [morning], open: true }
	],
	operationsDutyIds: [],
	appointmentContacts: [],
	onCallIds: [],
	realEstateReview: [],
	arrangements: [],
	extendedSessions: [],
	notes: '',
	...over
});

const checkIn = (
	date: string,
	staffId: string,
	status: Attendance['status'] = 'on-time',
	minutesLate?: number
): Attendance => ({
	id: `c1:${date}:${staffId}`,
	centreId: 'c1',
	v: 1,
	date,
	staffId,
	status,
	...(minutesLate !== undefined && { minutesLate }),
	recordedAt: `${date}T09:00:00+08:00`
});

const spell = (
	date: string,
	windowId: string | undefined,
	start: string,
	end: string
): ExtendedService => ({
	id: `c1:${date}:evening:${windowId ?? 'hall'}`,
	centreId: 'c1',
	v: 1,
	date,
	period: 'evening',
	...(windowId && { windowId }),
	start,
	end,
	served: 3,
	lastServed: 'A012',
	noneWaiting: true,
	recordedAt: `${date}T18:30:00+08:00`
});

const day = (date: string, over: Partial<DayRecords> = {}): DayRecords => ({
	date,
	attendance: [],
	extended: [],
	...over
});

const byStaff = (d: DayRecords, overrides = []) =>
	Object.fromEntries(
		['s1', 's2', 's3', 's4'].map((s) => [s, accruedMinutes(dayAccrual(d, {}, overrides), s)])
	);

describe('duty on a non-working day', () => {
	it('counts the planned sessions of those checked in on a statutory holiday (劳动节)', () => {
		const d = day('2026-05-01', {
			plan: plan('2026-05-01'),
			attendance: [checkIn('2026-05-01', 's1'), checkIn('2026-05-01', 's2')]
		});
		// 9:00–11:30 and 14:00–17:00 are 150 + 180 minutes; w2 is planned for the morning only.
		expect(byStaff(d)).toEqual({ s1: 330, s2: 150, s3: 0, s4: 0 });
		const [line] = dayAccrual(d);
		expect(line).toMatchObject({ kind: 'duty', reason: 'holiday', holiday: '劳动节' });
	});

	it('counts nothing on a 调休 make-up Saturday, which is a working day', () => {
		// Saturday 9 May 2026 is worked for the Labour Day holiday.
		const d = day('2026-05-09', {
			plan: plan('2026-05-09'),
			attendance: [checkIn('2026-05-09', 's1'), checkIn('2026-05-09', 's2')]
		});
		expect(dayAccrual(d)).toEqual([]);
		// The Saturday after is an ordinary weekend and counts.
		const next = day('2026-05-16', {
			plan: plan('2026-05-16'),
			attendance: [checkIn('2026-05-16', 's1')]
		});
		expect(byStaff(next).s1).toBe(330);
	});

	it('counts nobody absent or never checked in, and takes the minutes late off', () => {
		const d = day('2026-05-16', {
			plan: plan('2026-05-16', { operationsDutyIds: ['s3'], dutyLeadId: 's4' }),
			attendance: [
				checkIn('2026-05-16', 's1', 'absent'),
				checkIn('2026-05-16', 's3', 'late', 20),
				checkIn('2026-05-16', 's4')
			]
		});
		// s2 was planned but never checked in.
		expect(byStaff(d)).toEqual({ s1: 0, s2: 0, s3: 310, s4: 330 });
	});

	it('counts a session once for a person at a window who also leads the day', () => {
		const d = day('2026-05-16', {
			plan: plan('2026-05-16', { dutyLeadId: 's2', onCallIds: ['s3'] }),
			attendance: [checkIn('2026-05-16', 's2'), checkIn('2026-05-16', 's3')]
		});
		// s3 was only on call (R8): not in the hall, nothing counts.
		expect(byStaff(d)).toMatchObject({ s2: 330, s3: 0 });
		expect(dayAccrual(d).find((l) => l.staffId === 's2')).toMatchObject({
			sessions: [morning, afternoon]
		});
	});

	it('counts nothing on a day the centre closed the hall', () => {
		const d = day('2026-05-16', {
			plan: plan('2026-05-16'),
			attendance: [checkIn('2026-05-16', 's1')],
			extended: [spell('2026-05-16', 'w1', '17:00', '17:40')]
		});
		expect(dayAccrual(d, {}, [{ date: '2026-05-16', working: false, closed: true }])).toEqual([]);
	});

	it('follows a centre that turns a weekday into a non-working day', () => {
		const d = day('2026-05-12', {
			plan: plan('2026-05-12'),
			attendance: [checkIn('2026-05-12', 's1')]
		});
		expect(byStaff(d).s1).toBe(0);
		expect(byStaff(d, [{ date: '2026-05-12', working: false }] as never).s1).toBe(330);
	});
});

describe('extended service', () => {
	it("counts a window's spell for its staff on a working day, absences excepted", () => {
		const d = day('2026-05-11', {
			plan: plan('2026-05-11'),
			attendance: [checkIn('2026-05-11', 's2', 'absent')],
			extended: [spell('2026-05-11', 'w1', '17:30', '18:15')]
		});
		expect(byStaff(d)).toMatchObject({ s1: 45, s2: 0 });
		const hall = day('2026-05-11', {
			plan: plan('2026-05-11'),
			attendance: [checkIn('2026-05-11', 's2', 'absent')],
			extended: [spell('2026-05-11', undefined, '17:30', '18:00')]
		});
		// A spell of the whole hall counts for every window's staff but the absent one.
		expect(byStaff(hall)).toMatchObject({ s1: 30, s2: 0 });
	});

	it('adds to the duty of a non-working day, and names no one without a plan', () => {
		const d = day('2026-05-16', {
			plan: plan('2026-05-16'),
			attendance: [checkIn('2026-05-16', 's1')],
			extended: [spell('2026-05-16', 'w1', '17:00', '17:40')]
		});
		expect(byStaff(d).s1).toBe(370);
		expect(
			dayAccrual(day('2026-05-11', { extended: [spell('2026-05-11', 'w1', '17:30', '18:00')] }))
		).toEqual([]);
	});
	it('counts the spells an older day plan holds, as the monthly report does, and skips bad ones', () => {
		const d = day('2026-05-11', {
			plan: plan('2026-05-11', {
				extendedSessions: [
					{ windowId: 'w1', start: '11:30', end: '11:50', served: 2 },
					{ windowId: 'w2', start: '17:00', end: '17:25', served: 1 },
					{ windowId: 'w1', start: '18:00', end: '17:00', served: 1 },
					{ windowId: 'w1', start: '5pm', end: '18:00', served: 1 }
				]
			})
		});
		expect(byStaff(d)).toMatchObject({ s1: 20, s2: 25 });
		const periods = dayAccrual(d).map((l) => (l.kind === 'extended' ? l.period : l.kind));
		expect(periods).toEqual(['noon', 'evening']);
	});
});

describe('a month, its approval and the balance', () => {
	const days = [
		day('2026-05-01', { plan: plan('2026-05-01'), attendance: [checkIn('2026-05-01', 's1')] }),
		day('2026-05-09', { plan: plan('2026-05-09'), attendance: [checkIn('2026-05-09', 's1')] }),
		day('2026-05-11', {
			plan: plan('2026-05-11'),
			extended: [spell('2026-05-11', 'w1', '17:30', '18:00')]
		})
	];
	const lines = accrual(days);
	const approval = (minutes: number, month = '2026-05'): OvertimeApproval => ({
		id: `${month}:s1`,
		centreId: 'c1',
		v: 1,
		staffId: 's1',
		month,
		minutes,
		approvedBy: 'u1',
		approvedByName: '陈主任',
		approvedAt: '2026-06-01T10:00:00+08:00'
	});
	const off = (date: string, hours: number): TimeOff => ({
		id: `${date}:s1`,
		centreId: 'c1',
		v: 1,
		staffId: 's1',
		date,
		hours,
		reason: '调休',
		requestedBy: 's1',
		approvedBy: 'u1',
		approvedByName: '陈主任',
		recordedAt: `${date}T08:00:00+08:00`
	});

	it('has every day of the month', () => {
		expect(monthDates('2026-02')).toHaveLength(28);
		expect(monthDates('2024-02').at(-1)).toBe('2024-02-29');
	});

	it('is pending until approved, then shows later changes as a difference', () => {
		expect(monthFigure('s1', '2026-05', lines, [], [])).toMatchObject({
			accrued: 360,
			status: 'pending',
			difference: 0
		});
		expect(monthFigure('s1', '2026-05', lines, [approval(360)], [])).toMatchObject({
			status: 'approved',
			difference: 0
		});
		expect(monthFigure('s1', '2026-05', lines, [approval(330)], [])).toMatchObject({
			status: 'changed',
			difference: 30
		});
		expect(monthFigure('s2', '2026-05', lines, [], []).status).toBe('none');
	});

	it('is approved accrual less time off, month by month', () => {
		const approvals = [approval(360), approval(240, '2026-06')];
		const taken = [off('2026-05-20', 4), off('2026-06-10', 1.5)];
		expect(balance('s1', approvals, taken)).toEqual({ approved: 600, taken: 330, balance: 270 });
		expect(balance('s1', approvals, taken, '2026-05')).toEqual({
			approved: 360,
			taken: 240,
			balance: 120
		});
		expect(monthFigure('s1', '2026-05', lines, approvals, taken)).toMatchObject({ taken: 240 });
		expect(balance('s2', approvals, taken).balance).toBe(0);
	});
});
