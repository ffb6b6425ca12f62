/**
 * Checks a day plan against the staffing rules R1–R8 of the plan (docs/domain.md). The numbers come
 * from the centre's RuleSet, so a busy season changes data, not code. Every finding carries a
 * message key and parameters; the texts live in rule-messages.ts.
 */
import { ruleIds, type Appointment, type DayPlan, type RuleId, type RuleSet } from '$lib/schemas';
import { addTo, keyed } from './keyed';
import { dayKind } from './calendar';
import { checkAttendance, checkR5, checkR6, checkR7, checkR8 } from './duty-rules';
import { byId, distinct, type Lookup, type RuleContext, type Violation } from './rule-context';
import { ruleClause } from './rule-messages';
import { checkAssignments, checkR1, checkR2, checkR3, checkR4 } from './window-rules';

export { ruleClause, ruleMessageKeys } from './rule-messages';
export type { RuleContext, Violation } from './rule-context';

/**
 * R6's demand: the appointments of the day per department, cancelled ones left out. The roster,
 * the board and the review all build `appointmentsByDepartment` here, so a department's contact
 * is required (or not) by the same verdict wherever the day is checked.
 */
export function appointmentsByDepartment(
	appointments: readonly Pick<Appointment, 'departmentId' | 'status'>[]
): Record<string, number> {
	const counts = keyed<number>();
	for (const a of appointments) if (a.status !== 'cancelled') addTo(counts, a.departmentId, 1);
	return counts;
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
	const found = [
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
	return found.map((v) =>
		v.rule === 'ATTENDANCE' || v.rule === 'ASSIGNMENT'
			? v
			: { ...v, clause: ruleClause(v.rule, ruleSet) }
	);
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
