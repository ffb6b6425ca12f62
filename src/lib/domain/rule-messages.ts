/**
 * Message keys that checkDayPlan can produce, with {param} placeholders in their texts.
 * Their wording lives in messages/zh.json and messages/en.json; src/lib/i18n/messages.test.ts
 * checks that every key is there in both languages with the same placeholders.
 */
import type { MessageKey, RuleId, RuleSet } from '$lib/schemas';

export const ruleMessageKeys = [
	'rule_r1_too_few',
	'rule_r1_too_few_session',
	'rule_r2_wrong_staff',
	'rule_r3_too_few',
	'rule_r3_not_planned',
	'rule_r4_missing_consultation',
	'rule_r4_missing_fee',
	'rule_r4_missing_certificate',
	'rule_r4_wrong_staff',
	'rule_r5_too_few',
	'rule_r5_not_operations_staff',
	'rule_r6_no_contact',
	'rule_r6_unknown_contact',
	'rule_r6_contact_not_named',
	'rule_r6_contact_absent',
	'rule_r6_contact_late',
	'rule_r6_contact_missing',
	'rule_r7_none_arranged',
	'rule_r7_not_qualified',
	'rule_r7_unknown_arranger',
	'rule_r7_wrong_arranger',
	'rule_r8_not_on_call',
	'attendance_absent',
	'attendance_late',
	'attendance_missing',
	'assignment_double',
	'assignment_unknown_window',
	'assignment_unknown_staff'
] as const satisfies readonly MessageKey[];

export type RuleMessageKey = (typeof ruleMessageKeys)[number];

/** The plan's clause of each rule, worded in messages as `rules_r1` … `rules_r8`. */
export const ruleClauseKeys = [
	'rules_r1',
	'rules_r2',
	'rules_r3',
	'rules_r4',
	'rules_r5',
	'rules_r6',
	'rules_r7',
	'rules_r8'
] as const satisfies readonly MessageKey[];

export interface RuleClause {
	key: (typeof ruleClauseKeys)[number];
	params: Record<string, number>;
}

/**
 * The plan's clause of a rule in words, with the centre's numbers in it ("每类综合受理窗口每天至少
 * 开放2个"): what the rule editor shows as each rule's heading and every finding cites.
 */
export function ruleClause(
	rule: RuleId,
	n: Pick<
		RuleSet,
		| 'minComprehensivePerCategory'
		| 'staffPerComprehensive'
		| 'minPublicServiceStaff'
		| 'deskStaff'
		| 'operationsDuty'
	>
): RuleClause {
	const count: Partial<Record<RuleId, number>> = {
		R1: n.minComprehensivePerCategory,
		R2: n.staffPerComprehensive,
		R3: n.minPublicServiceStaff,
		R4: n.deskStaff,
		R5: n.operationsDuty
	};
	const key = `rules_${rule.toLowerCase()}` as RuleClause['key'];
	const c = count[rule];
	return { key, params: c === undefined ? {} : { count: c } };
}
