import { describe, expect, it } from 'vitest';
import {
	defaultRuleNumbers,
	type Attendance,
	type DayPlan,
	type Department,
	type RuleSet,
	type ServiceWindow,
	type Staff
} from '$lib/schemas';
import { mayArrangeReview, reviewArrangerScope, reviewArrangers } from './duty-rules';
import {
	appointmentsByDepartment,
	checkDayPlan,
	ruleClause,
	ruleStatus,
	type RuleContext,
	type Violation
} from './rules';
import { openDuring } from './window-rules';

const centreId = 'c1';
const SUNDAY = '2025-10-12';
const MONDAY = '2025-10-13';

const dept = (id: string, name: string, extra: Partial<Department> = {}): Department => ({
	id,
	centreId,
	v: 1,
	name,
	kind: 'section',
	operations: false,
	takesAppointments: false,
	sortOrder: 0,
	...extra
});
const departments = [
	dept('ops', '政务服务科', { operations: true }),
	dept('re', '不动产登记中心', {
		kind: 'stationed',
		takesAppointments: true,
		appointmentContactId: 's-re1'
	}),
	dept('tax', '税务局', {
		kind: 'stationed',
		takesAppointments: true,
		appointmentContactId: 's-tax'
	}),
	dept('reg', '注册科')
];

const person = (id: string, departmentId: string, extra: Partial<Staff> = {}): Staff => ({
	id,
	centreId,
	v: 1,
	name: `人员${id}`,
	departmentId,
	title: '',
	phone: '13800000000',
	onCall: false,
	realEstateReview: false,
	active: true,
	...extra
});
const staff = [
	person('s-ops', 'ops'),
	person('s-lead', 'ops'),
	person('s-a1', 'reg'),
	person('s-a2', 'reg'),
	person('s-re1', 're', { realEstateReview: true }),
	person('s-re2', 're'),
	person('s-re-head', 're'),
	person('s-tax', 'tax'),
	person('s-p', 'reg'),
	person('s-c', 'ops'),
	person('s-f', 'tax'),
	person('s-z', 're'),
	person('s-home', 'reg', { onCall: true })
];

const win = (id: string, kind: ServiceWindow['kind'], category?: string): ServiceWindow => ({
	id,
	centreId,
	v: 1,
	code: id.toUpperCase(),
	kind,
	category,
	retired: false
});
const windows = [
	win('a1', 'comprehensive', '行政审批'),
	win('a2', 'comprehensive', '行政审批'),
	win('b1', 'comprehensive', '不动产登记'),
	win('b2', 'comprehensive', '不动产登记'),
	win('p1', 'public-service'),
	win('c1', 'consultation'),
	win('f1', 'fee'),
	win('z1', 'certificate')
];

const sessions = [
	{ start: '09:00', end: '11:30' },
	{ start: '14:00', end: '17:00' }
];
const at = (windowId: string, ...staffIds: string[]) => ({
	windowId,
	staffIds,
	sessions,
	open: true
});

function goodPlan(date = SUNDAY): DayPlan {
	return {
		id: `${centreId}:${date}`,
		centreId,
		v: 1,
		date,
		windows: [
			at('a1', 's-a1'),
			at('a2', 's-a2'),
			at('b1', 's-re1'),
			at('b2', 's-re2'),
			at('p1', 's-p'),
			at('c1', 's-c'),
			at('f1', 's-f'),
			at('z1', 's-z')
		],
		operationsDutyIds: ['s-ops'],
		dutyLeadId: 's-lead',
		appointmentContacts: [
			{ departmentId: 're', staffId: 's-re1', from: '09:00' },
			{ departmentId: 'tax', staffId: 's-tax', from: '09:00' }
		],
		onCallIds: ['s-home'],
		realEstateReview: [{ staffId: 's-re1', arrangedBy: 's-re-head' }],
		arrangements: [],
		extendedSessions: [],
		notes: ''
	};
}

const ruleSet: RuleSet = { id: 'r', centreId, v: 1, ...defaultRuleNumbers };
const context: RuleContext = { windows, departments, staff };

const keys = (vs: Violation[]) => vs.map((v) => v.messageKey);

function checkin(staffId: string, status: Attendance['status'], minutesLate?: number): Attendance {
	return {
		id: `a-${staffId}`,
		centreId,
		v: 1,
		date: SUNDAY,
		staffId,
		status,
		minutesLate,
		recordedAt: '2025-10-12T09:05:00+08:00'
	};
}

describe('checkDayPlan', () => {
	it('finds nothing wrong with a complete 不打烊 plan', () => {
		expect(checkDayPlan(goodPlan(), ruleSet, context)).toEqual([]);
	});

	it('applies on non-working days only, unless the centre says otherwise', () => {
		const plan = { ...goodPlan(MONDAY), windows: [] };
		expect(checkDayPlan(plan, ruleSet, context)).toEqual([]);
		const always = { ...ruleSet, applyOnWorkingDays: true };
		expect(checkDayPlan(plan, always, context).length).toBeGreaterThan(0);
		// A centre override turns a Monday into a 不打烊 day.
		const overrides = [{ date: MONDAY, working: false }];
		expect(checkDayPlan(plan, ruleSet, { ...context, overrides }).length).toBeGreaterThan(0);
	});

	it('R1: counts open comprehensive windows per category against the minimum', () => {
		const plan = goodPlan();
		plan.windows[3] = { ...plan.windows[3], open: false };
		const v = checkDayPlan(plan, ruleSet, context);
		expect(v).toEqual([
			{
				rule: 'R1',
				severity: 'error',
				messageKey: 'rule_r1_too_few',
				params: { category: '不动产登记', open: 1, minimum: 2 },
				category: '不动产登记',
				clause: { key: 'rules_r1', params: { count: 2 } }
			}
		]);
		const busy = { ...ruleSet, categoryMinimum: { 行政审批: 3, 社保: 1 } };
		const v2 = checkDayPlan(goodPlan(), busy, context).filter((x) => x.rule === 'R1');
		expect(v2.map((x) => x.params)).toEqual([
			{ category: '社保', open: 0, minimum: 1 },
			{ category: '行政审批', open: 2, minimum: 3 }
		]);
		expect(
			checkDayPlan(plan, { ...ruleSet, enabled: { ...ruleSet.enabled, R1: false } }, context)
		).toEqual([]);
	});

	it('R1: a retired window does not count as open', () => {
		const ctx = {
			...context,
			windows: windows.map((w) => (w.id === 'a2' ? { ...w, retired: true } : w))
		};
		const v = checkDayPlan(goodPlan(), ruleSet, ctx);
		expect(keys(v)).toEqual(['rule_r1_too_few', 'assignment_unknown_window']);
	});

	it('R2: exactly one person per comprehensive window', () => {
		const plan = goodPlan();
		plan.windows[0] = at('a1', 's-a1', 's-home');
		plan.windows[1] = at('a2');
		const v = checkDayPlan(plan, ruleSet, context).filter((x) => x.rule === 'R2');
		expect(v.map((x) => [x.windowId, x.params.staffCount])).toEqual([
			['a1', 2],
			['a2', 0]
		]);
	});

	it('R3: public service windows need at least the minimum', () => {
		const plan = goodPlan();
		plan.windows[4] = at('p1');
		expect(keys(checkDayPlan(plan, ruleSet, context))).toEqual(['rule_r3_too_few']);
		const two = { ...ruleSet, minPublicServiceStaff: 2 };
		expect(keys(checkDayPlan(goodPlan(), two, context))).toEqual(['rule_r3_too_few']);
	});

	it('R4: a missing desk or a desk with the wrong staffing is a violation', () => {
		const plan = goodPlan();
		plan.windows = plan.windows.filter((w) => w.windowId !== 'f1');
		plan.windows[plan.windows.findIndex((w) => w.windowId === 'c1')] = at('c1', 's-c', 's-home');
		expect(keys(checkDayPlan(plan, ruleSet, context))).toEqual([
			'rule_r4_wrong_staff',
			'rule_r4_missing_fee'
		]);
		// A closed certificate window is as good as none.
		const closed = goodPlan();
		closed.windows[7] = { ...closed.windows[7], open: false };
		expect(keys(checkDayPlan(closed, ruleSet, context))).toEqual(['rule_r4_missing_certificate']);
	});

	it('R5: operations duty counts only staff of the operations section', () => {
		const plan = { ...goodPlan(), operationsDutyIds: ['s-a1'] };
		const v = checkDayPlan(plan, ruleSet, context).filter((x) => x.rule === 'R5');
		expect(v.map((x) => [x.severity, x.messageKey])).toEqual([
			['error', 'rule_r5_too_few'],
			['warning', 'rule_r5_not_operations_staff']
		]);
		expect(v[0].params).toEqual({ onDuty: 0, minimum: 1 });
	});

	it('R6: departments with appointments that day need their contact there on time', () => {
		const plan = { ...goodPlan(), appointmentContacts: goodPlan().appointmentContacts.slice(0, 1) };
		// No count given: every department that takes appointments is checked.
		expect(keys(checkDayPlan(plan, ruleSet, context))).toEqual(['rule_r6_no_contact']);
		// The tax office has no appointments that day, so no contact is needed.
		const counts = { re: 12, tax: 0 };
		expect(checkDayPlan(plan, ruleSet, { ...context, appointmentsByDepartment: counts })).toEqual(
			[]
		);
		const v = checkDayPlan(plan, ruleSet, { ...context, appointmentsByDepartment: { tax: 3 } });
		expect(v[0]).toMatchObject({
			rule: 'R6',
			departmentId: 'tax',
			params: { department: '税务局' }
		});
	});

	it('R6: the contact must have checked in on time', () => {
		const counts = { re: 5, tax: 0 };
		const base = { ...context, appointmentsByDepartment: counts };
		const late = checkDayPlan(goodPlan(), ruleSet, {
			...base,
			attendance: staffOnTime().map((a) =>
				a.staffId === 's-re1' ? checkin('s-re1', 'late', 20) : a
			)
		});
		expect(late.map((v) => [v.rule, v.messageKey, v.params.minutes])).toEqual([
			['R6', 'rule_r6_contact_late', 20],
			['ATTENDANCE', 'attendance_late', 20]
		]);
		const graceful = { ...ruleSet, lateGraceMinutes: 30 };
		expect(
			checkDayPlan(goodPlan(), graceful, {
				...base,
				attendance: staffOnTime().map((a) =>
					a.staffId === 's-re1' ? checkin('s-re1', 'late', 20) : a
				)
			})
		).toEqual([]);
		const missing = checkDayPlan(goodPlan(), ruleSet, {
			...base,
			attendance: staffOnTime().filter((a) => a.staffId !== 's-re1'),
			now: '2025-10-12T09:10:00+08:00'
		});
		expect(keys(missing)).toEqual(['rule_r6_contact_missing', 'attendance_missing']);
	});

	it('R6: warns when a department never named its contact', () => {
		const deps = departments.map((d) =>
			d.id === 'tax' ? { ...d, appointmentContactId: undefined } : d
		);
		expect(keys(checkDayPlan(goodPlan(), ruleSet, { ...context, departments: deps }))).toEqual([
			'rule_r6_contact_not_named'
		]);
	});

	it('R7: review staff must be qualified and arranged by the right heads', () => {
		const plan = {
			...goodPlan(),
			realEstateReview: [
				{ staffId: 's-re2', arrangedBy: 's-re-head' },
				{ staffId: 's-re1', arrangedBy: 'nobody' },
				{ staffId: 's-re1', arrangedBy: 's-a1' }
			]
		};
		const ctx = { ...context, realEstateArrangerDepartmentIds: ['re', 'tax'] };
		expect(keys(checkDayPlan(plan, ruleSet, ctx))).toEqual([
			'rule_r7_not_qualified',
			'rule_r7_unknown_arranger',
			'rule_r7_wrong_arranger'
		]);
		expect(keys(checkDayPlan({ ...goodPlan(), realEstateReview: [] }, ruleSet, context))).toEqual([
			'rule_r7_none_arranged'
		]);
		const noReview = staff.map((s) => ({ ...s, realEstateReview: false }));
		const v = checkDayPlan({ ...goodPlan(), realEstateReview: [] }, ruleSet, {
			...context,
			staff: noReview
		});
		expect(v).toEqual([]);
	});

	it('R7: the roster offers as arranger exactly whom the check accepts', () => {
		const arrangerDepartmentIds = ['re', 'tax'];
		const offered = reviewArrangers(
			staff,
			reviewArrangerScope(departments, staff, arrangerDepartmentIds)
		);
		expect(offered.length).toBeGreaterThan(0);
		expect(offered.every((s) => s.active)).toBe(true);
		const ctx = { ...context, realEstateArrangerDepartmentIds: arrangerDepartmentIds };
		const reviewer = staff.find((s) => s.active && s.realEstateReview)!;
		for (const s of staff.filter((x) => x.active)) {
			const plan = {
				...goodPlan(),
				realEstateReview: [{ staffId: reviewer.id, arrangedBy: s.id }]
			};
			const wrong = keys(checkDayPlan(plan, ruleSet, ctx)).includes('rule_r7_wrong_arranger');
			expect(wrong, s.id).toBe(!offered.includes(s));
		}
		// Without named departments or heads anyone active may arrange, and the check agrees.
		expect(reviewArrangers(staff, reviewArrangerScope(departments, staff))).toEqual(
			staff.filter((s) => s.active)
		);
	});

	it('R7 with heads: only the heads (负责人) of the review departments arrange, roster and check alike', () => {
		const withHeads = departments.map((d) =>
			d.id === 're'
				? { ...d, headStaffId: 's-re-head' }
				: d.id === 'reg'
					? { ...d, headStaffId: 's-a1' }
					: d
		);
		const ctx = { ...context, departments: withHeads };
		// 注册科 does no review (no qualified member): its head is no arranger.
		const scope = reviewArrangerScope(withHeads, staff);
		expect(reviewArrangers(staff, scope).map((s) => s.id)).toEqual(['s-re-head']);
		const reviewer = 's-re1';
		const verdict = (arrangedBy: string) =>
			keys(
				checkDayPlan(
					{ ...goodPlan(), realEstateReview: [{ staffId: reviewer, arrangedBy }] },
					ruleSet,
					ctx
				)
			).filter((k) => k.startsWith('rule_r7'));
		expect(verdict('s-re-head')).toEqual([]);
		// A member of the department who is not its head, or another department's head: refused.
		expect(verdict('s-re2')).toEqual(['rule_r7_wrong_arranger']);
		expect(verdict('s-a1')).toEqual(['rule_r7_wrong_arranger']);
		// The centre names the departments: their heads arrange, 税务局's too once it has one.
		const named = withHeads.map((d) => (d.id === 'tax' ? { ...d, headStaffId: 's-tax' } : d));
		const namedScope = reviewArrangerScope(named, staff, ['re', 'tax']);
		expect(reviewArrangers(staff, namedScope).map((s) => s.id)).toEqual(['s-re-head', 's-tax']);
		for (const s of staff.filter((x) => x.active)) {
			const wrong = keys(
				checkDayPlan(
					{ ...goodPlan(), realEstateReview: [{ staffId: reviewer, arrangedBy: s.id }] },
					ruleSet,
					{ ...ctx, departments: named, realEstateArrangerDepartmentIds: ['re', 'tax'] }
				)
			).includes('rule_r7_wrong_arranger');
			expect(wrong, s.id).toBe(!mayArrangeReview(s, namedScope));
		}
	});

	it('R8: business staff off duty must be on call', () => {
		const plan = { ...goodPlan(), onCallIds: [] };
		const v = checkDayPlan(plan, ruleSet, context);
		expect(v).toEqual([
			{
				rule: 'R8',
				severity: 'warning',
				messageKey: 'rule_r8_not_on_call',
				params: { staff: '人员s-home', department: '注册科' },
				staffId: 's-home',
				departmentId: 'reg',
				clause: { key: 'rules_r8', params: {} }
			}
		]);
		// Someone on duty need not be on call.
		const onDuty = {
			...plan,
			windows: [...plan.windows.slice(1), at('a1', 's-home')],
			operationsDutyIds: ['s-ops']
		};
		expect(checkDayPlan(onDuty, ruleSet, context).filter((x) => x.rule === 'R8')).toEqual([]);
	});

	it('flags one person at two windows at the same time, but not morning and afternoon', () => {
		const plan = goodPlan();
		plan.windows[1] = at('a2', 's-a1');
		const v = checkDayPlan(plan, ruleSet, context);
		expect(v).toContainEqual({
			rule: 'ASSIGNMENT',
			severity: 'error',
			messageKey: 'assignment_double',
			params: { staff: '人员s-a1', windowA: 'A1', windowB: 'A2' },
			windowId: 'a2',
			staffId: 's-a1'
		});
		const split = goodPlan();
		split.windows[0] = { ...at('a1', 's-a1'), sessions: [sessions[0]] };
		split.windows[1] = { ...at('a2', 's-a1'), sessions: [sessions[1]] };
		// No double booking; but 行政审批 then has one window in each session, short of R1's two.
		expect(keys(checkDayPlan(split, ruleSet, context))).toEqual(['rule_r1_too_few']);
	});

	it('flags staff who are unknown or no longer active', () => {
		const plan = goodPlan();
		plan.windows[0] = at('a1', 'ghost');
		const v = checkDayPlan(plan, ruleSet, context);
		expect(keys(v)).toEqual(['assignment_unknown_staff']);
	});

	it('reports late and absent duty staff, and missing check-ins only after the start', () => {
		const attendance = staffOnTime()
			.filter((a) => a.staffId !== 's-ops')
			.map((a) => (a.staffId === 's-p' ? checkin('s-p', 'absent') : a));
		const before = checkDayPlan(goodPlan(), ruleSet, {
			...context,
			attendance,
			now: '2025-10-12T08:30:00+08:00'
		});
		expect(keys(before)).toEqual(['attendance_absent']);
		const after = checkDayPlan(goodPlan(), ruleSet, {
			...context,
			attendance,
			now: '2025-10-12T01:00:00Z' // 09:00 in the hall
		});
		expect(after.map((v) => [v.messageKey, v.staffId, v.severity])).toEqual([
			['attendance_absent', 's-p', 'error'],
			['attendance_missing', 's-ops', 'warning']
		]);
		// Records of another day do not count.
		const otherDay = staffOnTime().map((a) => ({ ...a, date: '2025-10-11' }));
		const v = checkDayPlan(goodPlan(), ruleSet, {
			...context,
			attendance: otherDay,
			now: '2025-10-12T10:00:00+08:00'
		});
		expect(v.filter((x) => x.rule === 'ATTENDANCE')).toHaveLength(onDutyIds().length);
	});

	it('uses the latest record of a person that day', () => {
		const attendance = [
			...staffOnTime().filter((a) => a.staffId !== 's-p'),
			{ ...checkin('s-p', 'absent'), recordedAt: '2025-10-12T09:00:00+08:00' },
			{ ...checkin('s-p', 'on-time'), id: 'x', recordedAt: '2025-10-12T09:20:00+08:00' }
		];
		expect(checkDayPlan(goodPlan(), ruleSet, { ...context, attendance })).toEqual([]);
	});
});

describe('ruleStatus', () => {
	it('shows the worst finding per rule and disabled rules as off', () => {
		const rs = { ...ruleSet, enabled: { ...ruleSet.enabled, R7: false } };
		const plan = { ...goodPlan(), onCallIds: [], operationsDutyIds: ['s-a1'] };
		const status = ruleStatus(checkDayPlan(plan, rs, context), rs);
		expect(status).toEqual({
			R1: 'ok',
			R2: 'ok',
			R3: 'ok',
			R4: 'ok',
			R5: 'error',
			R6: 'ok',
			R7: 'off',
			R8: 'warning'
		});
	});
});

function onDutyIds() {
	return ['s-a1', 's-a2', 's-re1', 's-re2', 's-p', 's-c', 's-f', 's-z', 's-ops', 's-lead', 's-tax'];
}
function staffOnTime(): Attendance[] {
	return onDutyIds().map((id) => checkin(id, 'on-time'));
}

describe("rules that match the hall's day (issue 16)", () => {
	describe('R1 per session', () => {
		const log = (...events: [string, boolean][]) =>
			events.map(([time, open]) => ({ at: `${SUNDAY}T${time}:00+08:00`, open }));
		const withLog = (windowId: string, events: [string, boolean][]) => {
			const plan = goodPlan();
			plan.windows = plan.windows.map((w) =>
				w.windowId === windowId ? { ...w, open: events.at(-1)![1], log: log(...events) } : w
			);
			return plan;
		};

		it('a window closed at 16:30 once the queue is empty served the afternoon: no finding', () => {
			const plan = withLog('b2', [['16:30', false]]);
			expect(checkDayPlan(plan, ruleSet, context)).toEqual([]);
			// The snapshot alone (no log, open: false) still counts it closed all day.
			const old = goodPlan();
			old.windows[3] = { ...old.windows[3], open: false };
			expect(keys(checkDayPlan(old, ruleSet, context))).toEqual(['rule_r1_too_few']);
		});

		it('a window closed over lunch is short in the afternoon only, named by session', () => {
			const v = checkDayPlan(withLog('b2', [['12:00', false]]), ruleSet, context);
			expect(v).toEqual([
				{
					rule: 'R1',
					severity: 'error',
					messageKey: 'rule_r1_too_few_session',
					params: { category: '不动产登记', open: 1, minimum: 2, session: '14:00–17:00' },
					category: '不动产登记',
					clause: { key: 'rules_r1', params: { count: 2 } }
				}
			]);
		});

		it('a window closed before the day and opened again at 14:10 serves the afternoon only', () => {
			const plan = withLog('a1', [
				['08:00', false],
				['14:10', true]
			]);
			const v = checkDayPlan(plan, ruleSet, context);
			expect(v.map((x) => [x.messageKey, x.params.session])).toEqual([
				['rule_r1_too_few_session', '09:00–11:30']
			]);
		});

		it('openDuring follows the spells of the log; a window not planned for a session never counts', () => {
			const [morning, afternoon] = sessions;
			const pw = { windowId: 'a1', staffIds: [], sessions, open: true };
			expect(openDuring(pw, SUNDAY, afternoon)).toBe(true);
			const shut = { ...pw, open: false, log: log(['11:30', false]) };
			expect(openDuring(shut, SUNDAY, morning)).toBe(true);
			expect(openDuring(shut, SUNDAY, afternoon)).toBe(false);
			// Closed at the very start of the afternoon: no moment of it was served.
			expect(openDuring({ ...shut, log: log(['14:00', false]) }, SUNDAY, afternoon)).toBe(false);
			const added = { ...pw, unplanned: true, log: log(['15:00', true]) };
			expect(openDuring(added, SUNDAY, morning)).toBe(false);
			expect(openDuring(added, SUNDAY, afternoon)).toBe(true);
			expect(openDuring({ ...pw, sessions: [morning] }, SUNDAY, afternoon)).toBe(false);
		});
	});

	it('R3: a public service window open on the day but not in the plan is flagged', () => {
		const ctx = { ...context, windows: [...windows, win('p2', 'public-service')] };
		const plan = goodPlan();
		plan.windows.push({
			windowId: 'p2',
			staffIds: ['s-home'],
			sessions,
			open: true,
			unplanned: true,
			log: [{ at: `${SUNDAY}T10:00:00+08:00`, open: true }]
		});
		const r3 = (p: DayPlan, c = ctx) => checkDayPlan(p, ruleSet, c).filter((x) => x.rule === 'R3');
		expect(r3(plan)).toEqual([
			{
				rule: 'R3',
				severity: 'error',
				messageKey: 'rule_r3_not_planned',
				params: { window: 'P2' },
				windowId: 'p2',
				clause: { key: 'rules_r3', params: { count: 1 } }
			}
		]);
		// Closed again, it is no longer open off the plan.
		const closed = structuredClone(plan);
		closed.windows.at(-1)!.open = false;
		expect(r3(closed)).toEqual([]);
		// The planned public service window is no finding, and neither is an unplanned comprehensive one.
		const extra = goodPlan();
		extra.windows[3] = { ...extra.windows[3], unplanned: true };
		expect(r3(extra, context)).toEqual([]);
	});

	it('R6: the roster and the board reach the same verdict from the same appointments', () => {
		const booked = [
			{ departmentId: 're', status: 'booked' as const },
			{ departmentId: 'tax', status: 'cancelled' as const }
		];
		const plan = { ...goodPlan(), appointmentContacts: [] };
		// The roster judges the plan alone; the board adds check-ins and the clock. R6's demand is
		// the same appointmentsByDepartment for both.
		const roster = checkDayPlan(plan, ruleSet, {
			...context,
			appointmentsByDepartment: appointmentsByDepartment(booked)
		});
		const board = checkDayPlan(plan, ruleSet, {
			...context,
			appointmentsByDepartment: appointmentsByDepartment(booked),
			attendance: [],
			now: `${SUNDAY}T08:00:00+08:00`
		});
		const r6 = (vs: Violation[]) => vs.filter((v) => v.rule === 'R6');
		expect(r6(roster)).toEqual(r6(board));
		// 税务局's only appointment was cancelled: no contact is due there.
		expect(r6(roster).map((v) => [v.messageKey, v.departmentId])).toEqual([
			['rule_r6_no_contact', 're']
		]);
		expect(appointmentsByDepartment(booked)).toEqual({ re: 1 });
	});

	it('cites the plan clause of each rule in words, with the centre numbers', () => {
		expect(ruleClause('R1', { ...ruleSet, minComprehensivePerCategory: 3 })).toEqual({
			key: 'rules_r1',
			params: { count: 3 }
		});
		expect(ruleClause('R7', ruleSet)).toEqual({ key: 'rules_r7', params: {} });
		const plan = { ...goodPlan(), windows: [], operationsDutyIds: [] };
		const found = checkDayPlan(plan, ruleSet, context);
		expect(found.length).toBeGreaterThan(0);
		for (const v of found) {
			if (v.rule === 'ATTENDANCE' || v.rule === 'ASSIGNMENT') expect(v.clause).toBeUndefined();
			else expect(v.clause).toEqual(ruleClause(v.rule, ruleSet));
		}
	});
});
