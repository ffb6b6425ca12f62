import { describe, expect, it } from 'vitest';
import type { Finding, Inspection } from '$lib/schemas';
import type { Violation } from './rule-context';
import {
	canMove,
	departmentOf,
	findFinding,
	proposeFindings,
	summariseMonth,
	type SummaryOrganisation
} from './supervision';

const org: SummaryOrganisation = {
	departments: [
		{ id: 'ops', sortOrder: 0 },
		{ id: 'tax', sortOrder: 2 },
		{ id: 'estate', sortOrder: 1 }
	],
	staff: [
		{ id: 's-tax', departmentId: 'tax' },
		{ id: 's-estate', departmentId: 'estate' }
	],
	windows: [
		{ id: 'w-tax', departmentId: 'tax' },
		{ id: 'w-shared', departmentId: undefined }
	],
	hallDepartmentId: 'ops'
};

const finding = (extra: Partial<Finding>): Finding => ({
	subject: { type: 'staff', id: 's-tax' },
	checkItem: 'punctuality',
	text: '迟到',
	correction: '',
	proposal: '',
	status: 'confirmed',
	source: 'manual',
	...extra
});

type Round = Pick<Inspection, 'date' | 'findings' | 'commendations'>;

const late: Violation = {
	rule: 'ATTENDANCE',
	severity: 'warning',
	messageKey: 'attendance_late',
	params: { staff: '甲', minutes: 12 },
	staffId: 's-tax'
};

describe('proposeFindings', () => {
	it('turns a late check-in into a punctuality proposal about that person', () => {
		const [p] = proposeFindings([late], { findings: [] }, 'ops');
		expect(p).toMatchObject({
			id: 'attendance:s-tax',
			subject: { type: 'staff', id: 's-tax' },
			checkItem: 'punctuality',
			source: 'attendance',
			messageKey: 'attendance_late',
			params: { minutes: 12 }
		});
	});

	it('proposes absences but not check-ins that are merely not made yet', () => {
		const absent: Violation = { ...late, staffId: 's-estate', messageKey: 'attendance_absent' };
		const missing: Violation = { ...late, staffId: 's-x', messageKey: 'attendance_missing' };
		const ids = proposeFindings([absent, missing], { findings: [] }, 'ops').map((p) => p.id);
		expect(ids).toEqual(['attendance:s-estate']);
	});

	it('leaves out proposals already confirmed or dismissed in the round', () => {
		const answered = finding({ id: 'attendance:s-tax', status: 'dismissed' });
		expect(proposeFindings([late], { findings: [answered] }, 'ops')).toEqual([]);
	});

	it('counts an older check-in finding without id as the answer for that person', () => {
		const legacy = finding({ source: 'attendance' });
		expect(proposeFindings([late], { findings: [legacy] }, 'ops')).toEqual([]);
		const manual = finding({ source: 'manual' });
		expect(proposeFindings([late], { findings: [manual] }, 'ops')).toHaveLength(1);
	});

	it('holds window rules against the window and unplaced rules against the hall', () => {
		const r2: Violation = {
			rule: 'R2',
			severity: 'error',
			messageKey: 'rule_r2_wrong_staff',
			params: {},
			windowId: 'w-tax'
		};
		const r4: Violation = {
			rule: 'R4',
			severity: 'error',
			messageKey: 'rule_r4_missing_fee',
			params: {}
		};
		const r6: Violation = {
			rule: 'R6',
			severity: 'error',
			messageKey: 'rule_r6_no_contact',
			params: {},
			departmentId: 'estate'
		};
		const [a, b, c] = proposeFindings([r2, r4, r6, r4], { findings: [] }, 'ops');
		expect(a).toMatchObject({ subject: { type: 'window', id: 'w-tax' }, checkItem: 'windows' });
		expect(b).toMatchObject({ subject: { type: 'department', id: 'ops' }, checkItem: 'windows' });
		expect(c).toMatchObject({
			subject: { type: 'department', id: 'estate' },
			checkItem: 'discipline',
			source: 'rule'
		});
		// The same violation twice is one proposal.
		expect(proposeFindings([r4, r4], { findings: [] }, 'ops')).toHaveLength(1);
	});
});

describe('finding follow-up', () => {
	it('moves proposed → confirmed/dismissed → corrected and no other way', () => {
		expect(canMove('proposed', 'confirmed')).toBe(true);
		expect(canMove('proposed', 'dismissed')).toBe(true);
		expect(canMove('confirmed', 'corrected')).toBe(true);
		expect(canMove('dismissed', 'confirmed')).toBe(true);
		expect(canMove('proposed', 'corrected')).toBe(false);
		expect(canMove('corrected', 'confirmed')).toBe(false);
		expect(canMove('dismissed', 'corrected')).toBe(false);
	});

	it('finds findings by id, and older findings without one by their place', () => {
		const list = [finding({}), finding({ id: 'f-2' })];
		expect(findFinding(list, '#0')?.index).toBe(0);
		expect(findFinding(list, 'f-2')?.index).toBe(1);
		expect(findFinding(list, '#1')).toBeUndefined();
		expect(findFinding(list, 'nope')).toBeUndefined();
	});
});

describe('summariseMonth', () => {
	const rounds: Round[] = [
		{
			date: '2026-03-07',
			findings: [
				finding({ status: 'confirmed' }),
				finding({ status: 'corrected', correction: '已提醒', checkItem: 'discipline' }),
				finding({ subject: { type: 'window', id: 'w-shared' }, checkItem: 'windows' }),
				finding({ subject: { type: 'staff', id: 's-estate' }, status: 'proposed' }),
				finding({ subject: { type: 'staff', id: 's-estate' }, status: 'dismissed' })
			],
			commendations: [
				{ subject: { type: 'department', id: 'estate' }, reason: '台账完整' },
				{ subject: { type: 'staff', id: 's-tax' }, reason: '耐心' }
			]
		},
		{
			date: '2026-03-21',
			findings: [],
			commendations: [{ subject: { type: 'window', id: 'w-tax' }, reason: '延时办结' }]
		},
		{
			date: '2026-04-04',
			findings: [finding({})],
			commendations: []
		}
	];

	it('counts findings and commendations per department, in the departments order', () => {
		const s = summariseMonth(rounds, '2026-03', org);
		expect(s.inspections).toBe(2);
		expect(s.departments.map((d) => d.departmentId)).toEqual(['ops', 'estate', 'tax']);
		const [ops, estate, tax] = s.departments;
		expect(tax).toMatchObject({
			findings: 2,
			corrected: 1,
			open: 1,
			proposed: 0,
			commendations: 2,
			byCheckItem: { punctuality: 1, windows: 0, attitude: 0, discipline: 1 }
		});
		expect(estate).toMatchObject({ findings: 0, proposed: 1, dismissed: 1, commendations: 1 });
		// A shared window (no department of its own) counts to the hall's operations section.
		expect(ops).toMatchObject({ findings: 1, open: 1, byCheckItem: { windows: 1 } });
	});

	it('is empty for a month without inspections', () => {
		expect(summariseMonth(rounds, '2026-05', org)).toEqual({
			month: '2026-05',
			inspections: 0,
			departments: []
		});
	});

	it('counts unknown staff to the hall', () => {
		expect(departmentOf({ type: 'staff', id: 'gone' }, org)).toBe('ops');
		expect(departmentOf({ type: 'window', id: 'w-tax' }, org)).toBe('tax');
	});
});
