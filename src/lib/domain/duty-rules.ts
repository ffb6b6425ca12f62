/**
 * Duty rules: R5 (operations section on duty), R6 (appointment contacts there on time),
 * R7 (real-estate review arranged), R8 (everyone else on call), and the supervision of
 * punctuality (督导检查) for everyone the plan puts in the hall.
 */
import type { Attendance, Department, Staff } from '$lib/schemas';
import { clockMinutes } from './calendar';
import { hallInstant } from './hall-clock';
import { distinct, type Lookup, type Violation } from './rule-context';

function isOperationsStaff(l: Lookup, staffId: string): boolean {
	const s = l.staff.get(staffId);
	return !!s && s.active && l.department.get(s.departmentId)?.operations === true;
}

/** R5: the operations section (政务服务科) has its own staff on duty. */
export function checkR5(l: Lookup): Violation[] {
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
	if (Number.isNaN(now) || now < Date.parse(hallInstant(l.plan.date, start)))
		return { state: 'ok' };
	return { state: 'missing', start };
}

/** R6: each department with appointments that day has its appointment contact there, on time. */
export function checkR6(l: Lookup): Violation[] {
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

/**
 * R7's arrangers: the heads (负责人) of the departments that do real-estate review — those the
 * centre names (不动产登记中心, 房产管理处, 税务局), or else every department with an active
 * review-qualified member. Until none of those departments has a head named, the older reading
 * holds: anyone of the named departments, or anyone at all. The roster offers exactly these
 * people, and checkR7 accepts exactly them.
 */
export interface ReviewArrangerScope {
	/** Staff ids of the heads; undefined while no review department has one. */
	heads?: ReadonlySet<string>;
	departmentIds?: readonly string[];
}

export function reviewArrangerScope(
	departments: readonly Pick<Department, 'id' | 'headStaffId'>[],
	staff: readonly Pick<Staff, 'active' | 'departmentId' | 'realEstateReview'>[],
	arrangerDepartmentIds?: readonly string[]
): ReviewArrangerScope {
	const reviewing = arrangerDepartmentIds ?? [
		...new Set(staff.filter((s) => s.active && s.realEstateReview).map((s) => s.departmentId))
	];
	const heads = departments
		.filter((d) => reviewing.includes(d.id) && d.headStaffId)
		.map((d) => d.headStaffId!);
	return {
		...(heads.length > 0 && { heads: new Set(heads) }),
		...(arrangerDepartmentIds && { departmentIds: arrangerDepartmentIds })
	};
}

export function mayArrangeReview(
	staff: Pick<Staff, 'id' | 'departmentId'>,
	scope: ReviewArrangerScope
): boolean {
	if (scope.heads) return scope.heads.has(staff.id);
	return !scope.departmentIds || scope.departmentIds.includes(staff.departmentId);
}

/** The active staff the roster may name as arranger of real-estate review. */
export function reviewArrangers<S extends Pick<Staff, 'id' | 'active' | 'departmentId'>>(
	staff: readonly S[],
	scope: ReviewArrangerScope
): S[] {
	return staff.filter((s) => s.active && mayArrangeReview(s, scope));
}

/** R7: review staff are qualified and arranged by the right heads. */
export function checkR7(l: Lookup): Violation[] {
	const entries = l.plan.realEstateReview;
	if (entries.length === 0) {
		// Only a centre that has review-qualified staff does real-estate review at all.
		const reviews = l.context.staff.some((s) => s.active && s.realEstateReview);
		return reviews
			? [{ rule: 'R7', severity: 'warning', messageKey: 'rule_r7_none_arranged', params: {} }]
			: [];
	}
	const arrangers = reviewArrangerScope(
		l.context.departments,
		l.context.staff,
		l.context.realEstateArrangerDepartmentIds
	);
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
		} else if (!mayArrangeReview(by, arrangers)) {
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
export function checkR8(l: Lookup): Violation[] {
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

export function checkAttendance(l: Lookup): Violation[] {
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
