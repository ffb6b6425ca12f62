/**
 * Message keys that checkDayPlan can produce, with {param} placeholders in their texts.
 * Their wording lives in messages/zh.json and messages/en.json; src/lib/i18n/messages.test.ts
 * checks that every key is there in both languages with the same placeholders.
 */
import type { MessageKey } from '$lib/schemas';

export const ruleMessageKeys = [
	'rule_r1_too_few',
	'rule_r2_wrong_staff',
	'rule_r3_too_few',
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
