/**
 * Checks a day plan against the staffing rules R1–R8 of the plan (domain.md). The numbers come
 * from the centre's RuleSet, so a busy season changes data, not code. Every finding carries a
 * message key and parameters; the texts live in rule-messages.ts.
 */
import {
	ruleIds,
	type Attendance,
	type DayPlan,
	type Department,
	type PlannedWindow,
	type RuleId,
	type RuleSet,
	type ServiceWindow,
	type Staff,
	type WindowKind
} from '../schemas';
import { clockMinutes, dayKind, hallInstant, type DayKind, type DayOverride } from './calendar';
import type { RuleMessageKey } from './rule-messages';

export { ruleMessageKeys, ruleMessageText, type RuleMessageKey } from './rule-messages';

/** ASSIGNMENT covers plan errors no rule names: double bookings, unknown windows or staff. */
export type ViolationRule = RuleId | 'ATTENDANCE' | 'ASSIGNMENT';

export interface Violation {
	rule: ViolationRule;
	severity: 'error' | 'warning';
	messageKey: RuleMessageKey;
	params: Record<string, string | number>;
	windowId?: string;
	departmentId?: string;
	staffId?: string;
	category?: string;
}

export interface RuleContext {
	windows: ServiceWindow[];
	departments: Department[];
	staff: Staff[];
	/** Check-ins of the plan's date. Leave out to skip every attendance check. */
	attendance?: Attendance[];
	/** The day's kind; computed from plan.date and overrides when left out. */
	day?: DayKind;
	overrides?: DayOverride[];
	/** Appointments (or booked slots) per departmentId that day; R6 applies where > 0. */
	appointmentsByDepartment?: Record<string, number>;
	/** ISO instant of the check; check-ins are missing only once their start has passed. */
	now?: string;
	/** R7: departments whose heads arrange real-estate review (不动产登记中心, 房产管理处, 税务局). */
	realEstateArrangerDepartmentIds?: string[];
}

const DESKS: { kind: WindowKind; missing: RuleMessageKey }[] = [
	{ kind: 'consultation', missing: 'rule_r4_missing_consultation' },
	{ kind: 'fee', missing: 'rule_r4_missing_fee' },
	{ kind: 'certificate', missing: 'rule_r4_missing_certificate' }
];

interface Lookup {
	plan: DayPlan;
	ruleSet: RuleSet;
	context: RuleContext;
	window: Map<string, ServiceWindow>;
	staff: Map<string, Staff>;
	department: Map<string, Department>;
	/** Planned windows that exist, are not retired and were not closed by the duty lead. */
	open: { planned: PlannedWindow; window: ServiceWindow; staffIds: string[] }[];
}

const distinct = (ids: readonly string[]) => [...new Set(ids)];

function byId<T extends { id: string }>(rows: readonly T[]): Map<string, T> {
	return new Map(rows.map((r) => [r.id, r]));
}

export function checkDayPlan(plan: DayPlan, ruleSet: RuleSet, context: RuleContext): Violation[] {
	const day = context.day ?? dayKind(plan.date, context.overrides);
	// The rules are written for 不打烊 days; a centre may extend them to working days.
	if (day.working && !ruleSet.applyOnWorkingDays) return [];
	const window = byId(context.windows);
	const l: Lookup = {
		plan,
		ruleSet,
		context,
		window,
		staff: byId(context.staff),
		department: byId(context.departments),
		open: plan.windows.flatMap((planned) => {
			const w = window.get(planned.windowId);
			if (!w || w.retired || planned.open === false) return [];
			return [{ planned, window: w, staffIds: distinct(planned.staffIds) }];
		})
	};
	const on = (rule: RuleId) => ruleSet.enabled[rule] !== false;
	return [
		...(on('R1') ? checkR1(l) : []),
		...(on('R2') ? checkR2(l) : []),
		...(on('R3') ? checkR3(l) : []),
		...(on('R4') ? checkR4(l) : []),
		...(on('R5') ? checkR5(l) : []),
		...(on('R6') ? checkR6(l) : []),
		...(on('R7') ? checkR7(l) : []),
		...(on('R8') ? checkR8(l) : []),
		...checkAssignments(l),
		...checkAttendance(l)
	];
}

/** R1: enough comprehensive windows open per category. */
function checkR1(l: Lookup): Violation[] {
	const categories = new Set(
		l.context.windows
			.filter((w) => w.kind === 'comprehensive' && !w.retired && w.category)
			.map((w) => w.category!)
	);
	// A category the centre raised explicitly is checked even before it has windows.
	for (const [c, min] of Object.entries(l.ruleSet.categoryMinimum)) if (min > 0) categories.add(c);
	return [...categories].sort().flatMap((category) => {
		const minimum = l.ruleSet.categoryMinimum[category] ?? l.ruleSet.minComprehensivePerCategory;
		const open = l.open.filter(
			(o) => o.window.kind === 'comprehensive' && o.window.category === category
		).length;
		if (open >= minimum) return [];
		return [
			{
				rule: 'R1',
				severity: 'error',
				messageKey: 'rule_r1_too_few',
				params: { category, open, minimum },
				category
			}
		];
	});
}

/** R2: exactly the set number of staff at each comprehensive window. */
function checkR2(l: Lookup): Violation[] {
	const required = l.ruleSet.staffPerComprehensive;
	return l.open
		.filter((o) => o.window.kind === 'comprehensive' && o.staffIds.length !== required)
		.map((o) => ({
			rule: 'R2',
			severity: 'error',
			messageKey: 'rule_r2_wrong_staff',
			params: { window: o.window.code, staffCount: o.staffIds.length, required },
			windowId: o.window.id,
			category: o.window.category
		}));
}

/** R3: at least the set number of staff at each public service window. */
function checkR3(l: Lookup): Violation[] {
	const minimum = l.ruleSet.minPublicServiceStaff;
	return l.open
		.filter((o) => o.window.kind === 'public-service' && o.staffIds.length < minimum)
		.map((o) => ({
			rule: 'R3',
			severity: 'error',
			messageKey: 'rule_r3_too_few',
			params: { window: o.window.code, staffCount: o.staffIds.length, minimum },
			windowId: o.window.id
		}));
}

/** R4: a consultation desk, a fee window and a certificate window, each with exactly deskStaff. */
function checkR4(l: Lookup): Violation[] {
	const required = l.ruleSet.deskStaff;
	return DESKS.flatMap(({ kind, missing }): Violation[] => {
		const desks = l.open.filter((o) => o.window.kind === kind);
		if (desks.length === 0) {
			return required > 0
				? [{ rule: 'R4', severity: 'error', messageKey: missing, params: {} }]
				: [];
		}
		return desks
			.filter((o) => o.staffIds.length !== required)
			.map((o) => ({
				rule: 'R4',
				severity: 'error',
				messageKey: 'rule_r4_wrong_staff',
				params: { window: o.window.code, staffCount: o.staffIds.length, required },
				windowId: o.window.id
			}));
	});
}

function isOperationsStaff(l: Lookup, staffId: string): boolean {
	const s = l.staff.get(staffId);
	return !!s && s.active && l.department.get(s.departmentId)?.operations === true;
}

/** R5: the operations section (政务服务科) has its own staff on duty. */
function checkR5(l: Lookup): Violation[] {
	const ids = distinct(l.plan.operationsDutyIds);
	const minimum = l.ruleSet.operationsDuty;
	const onDuty = ids.filter((id) => isOperationsStaff(l, id)).length;
	const out: Violation[] = ids
		.filter((id) => !isOperationsStaff(l, id))
		.map((id) => ({
			rule: 'R5',
			severity: 'warning',
			messageKey: 'rule_r5_not_operations_staff',
			params: { staff: l.staff.get(id)?.name ?? id },
			staffId: id
		}));
	if (onDuty < minimum) {
		out.unshift({
			rule: 'R5',
			severity: 'error',
			messageKey: 'rule_r5_too_few',
			params: { onDuty, minimum }
		});
	}
	return out;
}

/** The latest check-in of each staff member on the plan's date. */
function attendanceByStaff(l: Lookup): Map<string, Attendance> | undefined {
	if (!l.context.attendance) return undefined;
	const latest = new Map<string, Attendance>();
	for (const a of l.context.attendance) {
		if (a.date !== l.plan.date) continue;
		const seen = latest.get(a.staffId);
		if (!seen || seen.recordedAt < a.recordedAt) latest.set(a.staffId, a);
	}
	return latest;
}

type Punctuality =
	| { state: 'ok' }
	| { state: 'absent' }
	| { state: 'late'; minutes: number }
	| { state: 'missing'; start: string };

/** How a person on duty stands: late beyond the grace, absent, or not yet checked in after start. */
function punctuality(
	l: Lookup,
	records: Map<string, Attendance>,
	staffId: string,
	start: string
): Punctuality {
	const a = records.get(staffId);
	if (a?.status === 'absent') return { state: 'absent' };
	if (a?.status === 'late') {
		const minutes = a.minutesLate ?? 0;
		return minutes > l.ruleSet.lateGraceMinutes ? { state: 'late', minutes } : { state: 'ok' };
	}
	if (a) return { state: 'ok' };
	const now = l.context.now ? Date.parse(l.context.now) : NaN;
	// Without a clock we cannot tell "not yet" from "missing", so say nothing.
	if (Number.isNaN(now) || now < hallInstant(l.plan.date, start)) return { state: 'ok' };
	return { state: 'missing', start };
}

/** R6: each department with appointments that day has its appointment contact there, on time. */
function checkR6(l: Lookup): Violation[] {
	const counts = l.context.appointmentsByDepartment;
	const records = attendanceByStaff(l);
	return l.context.departments
		.filter((d) => d.takesAppointments && (counts ? (counts[d.id] ?? 0) > 0 : true))
		.flatMap((d): Violation[] => {
			const base = { rule: 'R6' as const, departmentId: d.id };
			const department = d.name;
			const out: Violation[] = [];
			if (!d.appointmentContactId) {
				out.push({
					...base,
					severity: 'warning',
					messageKey: 'rule_r6_contact_not_named',
					params: { department }
				});
			}
			const contact = l.plan.appointmentContacts.find((c) => c.departmentId === d.id);
			if (!contact) {
				return [
					...out,
					{ ...base, severity: 'error', messageKey: 'rule_r6_no_contact', params: { department } }
				];
			}
			const s = l.staff.get(contact.staffId);
			if (!s || !s.active) {
				return [
					...out,
					{
						...base,
						severity: 'error',
						messageKey: 'rule_r6_unknown_contact',
						params: { department },
						staffId: contact.staffId
					}
				];
			}
			if (!records) return out;
			const start = Number.isNaN(clockMinutes(contact.from)) ? firstStart(l) : contact.from;
			const p = punctuality(l, records, s.id, start);
			const who = { ...base, staffId: s.id };
			const params = { department, staff: s.name };
			if (p.state === 'absent') {
				out.push({ ...who, severity: 'error', messageKey: 'rule_r6_contact_absent', params });
			} else if (p.state === 'late') {
				out.push({
					...who,
					severity: 'warning',
					messageKey: 'rule_r6_contact_late',
					params: { ...params, minutes: p.minutes }
				});
			} else if (p.state === 'missing') {
				out.push({
					...who,
					severity: 'warning',
					messageKey: 'rule_r6_contact_missing',
					params: { ...params, start: p.start }
				});
			}
			return out;
		});
}

/** R7: review staff are qualified and arranged by the right heads. */
function checkR7(l: Lookup): Violation[] {
	const entries = l.plan.realEstateReview;
	if (entries.length === 0) {
		// Only a centre that has review-qualified staff does real-estate review at all.
		const reviews = l.context.staff.some((s) => s.active && s.realEstateReview);
		return reviews
			? [{ rule: 'R7', severity: 'warning', messageKey: 'rule_r7_none_arranged', params: {} }]
			: [];
	}
	const arrangers = l.context.realEstateArrangerDepartmentIds;
	return entries.flatMap(({ staffId, arrangedBy }): Violation[] => {
		const s = l.staff.get(staffId);
		const staff = s?.name ?? staffId;
		const out: Violation[] = [];
		if (!s || !s.active || !s.realEstateReview) {
			out.push({
				rule: 'R7',
				severity: 'error',
				messageKey: 'rule_r7_not_qualified',
				params: { staff },
				staffId
			});
		}
		const by = l.staff.get(arrangedBy);
		if (!by) {
			out.push({
				rule: 'R7',
				severity: 'error',
				messageKey: 'rule_r7_unknown_arranger',
				params: { staff },
				staffId
			});
		} else if (arrangers && !arrangers.includes(by.departmentId)) {
			out.push({
				rule: 'R7',
				severity: 'error',
				messageKey: 'rule_r7_wrong_arranger',
				params: { staff, arranger: by.name },
				staffId
			});
		}
		return out;
	});
}

/** Everyone the plan puts in the hall, with the clock time they are due. */
function onDuty(l: Lookup): Map<string, string> {
	const due = new Map<string, string>();
	const put = (id: string, start: string) => {
		const seen = due.get(id);
		if (!seen || start < seen) due.set(id, start);
	};
	for (const pw of l.plan.windows) {
		const start = pw.sessions.map((s) => s.start).sort()[0] ?? firstStart(l);
		for (const id of pw.staffIds) put(id, start);
	}
	const first = firstStart(l);
	for (const id of l.plan.operationsDutyIds) put(id, first);
	if (l.plan.dutyLeadId) put(l.plan.dutyLeadId, first);
	for (const c of l.plan.appointmentContacts) {
		put(c.staffId, Number.isNaN(clockMinutes(c.from)) ? first : c.from);
	}
	for (const r of l.plan.realEstateReview) put(r.staffId, first);
	return due;
}

function firstStart(l: Lookup): string {
	return (
		l.plan.windows
			.flatMap((w) => w.sessions.map((s) => s.start))
			.sort()
			.at(0) ?? '09:00'
	);
}

/** R8: business staff who are not on duty stay on call. */
function checkR8(l: Lookup): Violation[] {
	const duty = onDuty(l);
	const onCall = new Set(l.plan.onCallIds);
	return l.context.staff
		.filter((s) => s.active && s.onCall && !duty.has(s.id) && !onCall.has(s.id))
		.map((s) => ({
			rule: 'R8',
			severity: 'warning',
			messageKey: 'rule_r8_not_on_call',
			params: { staff: s.name, department: l.department.get(s.departmentId)?.name ?? '' },
			staffId: s.id,
			departmentId: s.departmentId
		}));
}

const overlaps = (a: PlannedWindow, b: PlannedWindow) =>
	a.sessions.some((x) => b.sessions.some((y) => x.start < y.end && y.start < x.end));

/** Plan errors: a person at two windows at the same time, unknown windows or staff. */
function checkAssignments(l: Lookup): Violation[] {
	const out: Violation[] = [];
	const planned = l.plan.windows;
	const code = (id: string) => l.window.get(id)?.code ?? id;
	for (const pw of planned) {
		const w = l.window.get(pw.windowId);
		if (!w || w.retired) {
			out.push({
				rule: 'ASSIGNMENT',
				severity: 'error',
				messageKey: 'assignment_unknown_window',
				params: { windowId: pw.windowId },
				windowId: pw.windowId
			});
		}
		for (const id of distinct(pw.staffIds)) {
			const s = l.staff.get(id);
			if (s?.active) continue;
			out.push({
				rule: 'ASSIGNMENT',
				severity: 'error',
				messageKey: 'assignment_unknown_staff',
				params: { window: code(pw.windowId), staffId: id },
				windowId: pw.windowId,
				staffId: id
			});
		}
	}
	for (let i = 0; i < planned.length; i++) {
		for (let j = i + 1; j < planned.length; j++) {
			const [a, b] = [planned[i], planned[j]];
			if (!overlaps(a, b)) continue;
			for (const id of distinct(a.staffIds).filter((s) => b.staffIds.includes(s))) {
				out.push({
					rule: 'ASSIGNMENT',
					severity: 'error',
					messageKey: 'assignment_double',
					params: {
						staff: l.staff.get(id)?.name ?? id,
						windowA: code(a.windowId),
						windowB: code(b.windowId)
					},
					windowId: b.windowId,
					staffId: id
				});
			}
		}
	}
	return out;
}

/** Supervision (督导检查): late and absent duty staff, and check-ins missing after the start. */
function checkAttendance(l: Lookup): Violation[] {
	const records = attendanceByStaff(l);
	if (!records) return [];
	return [...onDuty(l)].flatMap(([staffId, start]): Violation[] => {
		const p = punctuality(l, records, staffId, start);
		const staff = l.staff.get(staffId)?.name ?? staffId;
		const base = { rule: 'ATTENDANCE' as const, staffId };
		switch (p.state) {
			case 'absent':
				return [{ ...base, severity: 'error', messageKey: 'attendance_absent', params: { staff } }];
			case 'late':
				return [
					{
						...base,
						severity: 'warning',
						messageKey: 'attendance_late',
						params: { staff, minutes: p.minutes }
					}
				];
			case 'missing':
				return [
					{
						...base,
						severity: 'warning',
						messageKey: 'attendance_missing',
						params: { staff, start: p.start }
					}
				];
			default:
				return [];
		}
	});
}

export type RuleStatus = 'ok' | 'warning' | 'error' | 'off';

/** One light per rule for the board: the worst finding, or 'off' when the centre disabled it. */
export function ruleStatus(violations: readonly Violation[], ruleSet: RuleSet) {
	const status = {} as Record<RuleId, RuleStatus>;
	for (const r of ruleIds) {
		status[r] = ruleSet.enabled[r] === false ? 'off' : 'ok';
	}
	for (const v of violations) {
		if (v.rule === 'ATTENDANCE' || v.rule === 'ASSIGNMENT' || status[v.rule] === 'off') continue;
		if (v.severity === 'error' || status[v.rule] !== 'error') status[v.rule] = v.severity;
	}
	return status;
}
