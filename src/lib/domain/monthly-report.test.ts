import { describe, expect, it } from 'vitest';
import type { Appointment, Case, VolumeCounters } from '$lib/schemas';
import { monthlyFigures, monthRange, type ReportInput } from './monthly-report';

// November 2026: Saturdays 7, 14, 21, 28; no statutory holiday. The hall opened on Saturday the
// 7th; it was closed by the centre on the 14th (check-ins that day do not make it a 不打烊 day).
const k = (
	accepted: number,
	completed: number,
	consulted: number,
	oneVisit: number,
	refused: number
) => ({ accepted, completed, consulted, oneVisit, refused }) satisfies VolumeCounters;

const appointment = (
	id: string,
	departmentId: string,
	date: string,
	status: Appointment['status']
) =>
	({
		id,
		centreId: 'c1',
		v: 1,
		slotId: `slot-${id}`,
		departmentId,
		serviceItemId: 'item',
		date,
		start: '09:00',
		applicant: null,
		channel: 'online',
		status,
		notes: '',
		missingItems: [],
		history: [],
		createdAt: '2026-10-30T09:00:00+08:00'
	}) satisfies Appointment;

const kase = (
	number: string,
	departmentId: string,
	acceptedOn: string,
	promisedDays: number,
	completedOn?: string
) =>
	({
		id: `case-${number}`,
		centreId: 'c1',
		v: 1,
		number,
		serviceItemId: 'item',
		departmentId,
		acceptedOn,
		legalDays: 20,
		promisedDays,
		...(completedOn && { completedOn, outcome: 'approved' as const }),
		source: 'window',
		updatedAt: '2026-12-01T09:00:00+08:00'
	}) satisfies Case;

const planned = (windowId: string) => ({
	windowId,
	staffIds: [],
	sessions: [{ start: '09:00', end: '11:30' }],
	open: true
});

const input: ReportInput = {
	month: '2026-11',
	today: '2026-12-05',
	calendar: [{ date: '2026-11-14', working: false, closed: true }],
	departments: [
		{ id: 'tax', name: '税务局', sortOrder: 2, operations: false },
		{ id: 'ops', name: '政务服务科', sortOrder: 1, operations: true }
	],
	staff: [
		{ id: 's1', departmentId: 'ops' },
		{ id: 's2', departmentId: 'tax' },
		{ id: 's3', departmentId: 'tax' }
	],
	windows: [
		{ id: 'w1', departmentId: 'tax' },
		{ id: 'w2', departmentId: 'ops' }
	],
	days: [
		{
			date: '2026-11-07',
			cells: {
				税务: { window: k(10, 8, 4, 6, 1), online: k(5, 5, 0, 5, 0) },
				咨询: { window: k(0, 0, 6, 0, 0) }
			},
			windows: {
				w1: { ...k(10, 8, 4, 6, 1), category: '税务' },
				w2: { ...k(0, 0, 6, 0, 0), category: '咨询' }
			}
		},
		{
			date: '2026-11-10',
			cells: { 税务: { window: k(20, 20, 2, 18, 2) } },
			windows: { w1: { ...k(20, 20, 2, 18, 2), category: '税务' } }
		},
		// December is outside the month.
		{ date: '2026-12-01', cells: { 税务: { window: k(9, 9, 9, 9, 9) } }, windows: {} }
	],
	plans: [
		{
			date: '2026-11-07',
			windows: [planned('w1'), planned('w2')],
			extendedSessions: [{ windowId: 'w1', start: '17:00', end: '17:30', served: 3 }]
		},
		{ date: '2026-11-10', windows: [planned('w1')], extendedSessions: [] }
	],
	attendance: [
		{ date: '2026-11-07', staffId: 's1', status: 'on-time' },
		{ date: '2026-11-07', staffId: 's2', status: 'late' },
		{ date: '2026-11-07', staffId: 's3', status: 'absent' },
		{ date: '2026-11-14', staffId: 's1', status: 'on-time' }
	],
	extended: [{ date: '2026-11-10', start: '17:00', end: '17:45', served: 2 }],
	appointments: [
		appointment('a1', 'tax', '2026-11-07', 'done'),
		appointment('a2', 'tax', '2026-11-07', 'no-show'),
		appointment('a3', 'tax', '2026-11-10', 'cancelled'),
		appointment('a4', 'tax', '2026-11-10', 'arrived'),
		appointment('a5', 'ops', '2026-11-12', 'no-show'),
		appointment('a6', 'tax', '2026-12-01', 'done')
	],
	cases: [
		// Mon 2 Nov, 3 working days: due Thu 5 Nov.
		kase('C1', 'tax', '2026-11-02', 3, '2026-11-04'),
		kase('C2', 'tax', '2026-11-02', 3, '2026-11-09'),
		// Accepted in October, due 28 Oct, still open at the end of November.
		kase('C3', 'tax', '2026-10-26', 2),
		// Fri 27 Nov, 5 working days: due Fri 4 Dec, not late at the month's end.
		kase('C4', 'ops', '2026-11-27', 5),
		kase('C5', 'tax', '2026-10-20', 2, '2026-10-22'),
		// Fri 20 Nov, 1 working day: due Mon 23 Nov; completed in December, so late at the month's end.
		kase('C6', 'tax', '2026-11-20', 1, '2026-12-02')
	],
	inspections: [
		{
			date: '2026-11-07',
			findings: [
				{
					subject: { type: 'staff', id: 's2' },
					checkItem: 'punctuality',
					text: '迟到',
					correction: '',
					proposal: '',
					status: 'confirmed',
					source: 'attendance'
				},
				{
					subject: { type: 'window', id: 'w2' },
					checkItem: 'windows',
					text: '未按时开窗',
					correction: '已开窗',
					proposal: '',
					status: 'corrected',
					source: 'manual'
				},
				{
					subject: { type: 'department', id: 'tax' },
					checkItem: 'discipline',
					text: '待确认',
					correction: '',
					proposal: '',
					status: 'proposed',
					source: 'rule'
				}
			],
			commendations: [{ subject: { type: 'staff', id: 's1' }, reason: '服务热情' }]
		}
	]
};

describe('monthlyFigures', () => {
	const figures = monthlyFigures(input);
	const line = (id: string) => figures.departments.find((d) => d.departmentId === id);

	it('knows the month', () => {
		expect(monthRange('2026-11')).toMatchObject({ from: '2026-11-01', to: '2026-11-30' });
		expect(monthRange('2024-02').to).toBe('2024-02-29');
	});

	it('adds up the centre by hand', () => {
		expect(figures.month).toBe('2026-11');
		expect(figures.centre).toEqual({
			// Only the 7th: the 14th was closed, the other weekend days saw nothing.
			daysOpen: 1,
			windowDays: 2,
			// s1 on time, s2 late; s3 was absent.
			staffDays: 2,
			// Window arrivals: (10 + 4 + 1) + 6 on the 7th, 20 + 2 + 2 on the 10th.
			received: 45,
			consulted: 12,
			casesAccepted: 4,
			casesCompleted: 2,
			// C2 completed late, C3 and C6 open past their day at the month's end.
			casesPastDeadline: 3,
			// a3 was cancelled; a6 is December's.
			appointments: 4,
			noShows: 2,
			noShowRate: 0.5,
			// 30 minutes at w1 on the 7th, 45 for the hall on the 10th.
			extendedSessions: 2,
			extendedMinutes: 75,
			extendedServed: 5,
			// Online counts are the centre's: 8 + 5 + 20 completed, 6 + 5 + 18 in one visit.
			completed: 33,
			oneVisit: 29,
			oneVisitRate: 29 / 33,
			findings: 2,
			corrected: 1
		});
	});

	it('gives each department what its windows, staff, cases and bookings did', () => {
		expect(figures.departments.map((d) => d.departmentId)).toEqual(['ops', 'tax']);
		expect(line('tax')).toEqual({
			departmentId: 'tax',
			name: '税务局',
			daysOpen: 1,
			windowDays: 1,
			staffDays: 1,
			received: 39,
			consulted: 6,
			casesAccepted: 3,
			casesCompleted: 2,
			casesPastDeadline: 3,
			appointments: 3,
			noShows: 1,
			noShowRate: 1 / 3,
			extendedSessions: 1,
			extendedMinutes: 30,
			extendedServed: 3,
			completed: 28,
			oneVisit: 24,
			oneVisitRate: 24 / 28,
			findings: 1,
			corrected: 0
		});
		expect(line('ops')).toMatchObject({
			daysOpen: 1,
			windowDays: 1,
			staffDays: 1,
			received: 6,
			consulted: 6,
			casesAccepted: 1,
			casesPastDeadline: 0,
			appointments: 1,
			noShows: 1,
			noShowRate: 1,
			extendedSessions: 0,
			completed: 0,
			oneVisitRate: null,
			findings: 1,
			corrected: 1
		});
	});

	it('reads an empty month as zeros, with no rate', () => {
		const empty = monthlyFigures({ ...input, month: '2026-09' });
		expect(empty.centre).toMatchObject({
			daysOpen: 0,
			received: 0,
			noShowRate: null,
			oneVisitRate: null,
			casesAccepted: 0
		});
	});

	it('judges open cases as of today while the month is still running', () => {
		// On 24 Nov C6 (due 23 Nov) is already late, C3 too; C2 was completed late.
		const running = monthlyFigures({ ...input, today: '2026-11-24' });
		expect(running.centre.casesPastDeadline).toBe(3);
		// On 20 Nov C6 is not due yet.
		expect(monthlyFigures({ ...input, today: '2026-11-20' }).centre.casesPastDeadline).toBe(2);
	});
});
