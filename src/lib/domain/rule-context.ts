/**
 * The shapes shared by the rule checks: what a finding looks like, what the checks are given,
 * and the lookup tables checkDayPlan builds once for all of them.
 */
import type {
	Attendance,
	DayPlan,
	Department,
	PlannedWindow,
	RuleId,
	RuleSet,
	ServiceWindow,
	Staff
} from '$lib/schemas';
import type { DayKind, DayOverride } from './calendar';
import type { RuleClause, RuleMessageKey } from './rule-messages';

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
	/** The plan's clause the finding breaks, in words (rules R1–R8 only; set by checkDayPlan). */
	clause?: RuleClause;
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

export interface Lookup {
	plan: DayPlan;
	ruleSet: RuleSet;
	context: RuleContext;
	window: Map<string, ServiceWindow>;
	staff: Map<string, Staff>;
	department: Map<string, Department>;
	/** Planned windows that exist, are not retired and were not closed by the duty lead. */
	open: { planned: PlannedWindow; window: ServiceWindow; staffIds: string[] }[];
}

export const distinct = (ids: readonly string[]) => [...new Set(ids)];

export function byId<T extends { id: string }>(rows: readonly T[]): Map<string, T> {
	return new Map(rows.map((r) => [r.id, r]));
}
