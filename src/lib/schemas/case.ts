/**
 * 办件 (限时办结): one application the hall accepted, from acceptance to its outcome, against the
 * deadlines in working days that the law sets and that the hall promises. Entered at the window
 * or imported from the approval system's export; the 办件 number is the key, so a second import
 * of the same file adds nothing.
 */
import { z } from 'zod';
import { id, instant, isoDate, recordBase } from './common';
import { defineEntity } from './entity';

/**
 * How a case ended. approved: 办结 (准予); told: 一次性告知, materials to supplement, all at
 * once; not-accepted: 不予受理; not-permitted: 不予许可. The plan counts each one separately.
 */
export const caseOutcomes = ['approved', 'told', 'not-accepted', 'not-permitted'] as const;
export const caseOutcome = z.enum(caseOutcomes);
export type CaseOutcome = z.infer<typeof caseOutcome>;

/** The short list of reasons a case was not approved; `other` needs the free text. */
export const caseReasons = [
	'materials-incomplete',
	'materials-invalid',
	'out-of-scope',
	'conditions-unmet',
	'other'
] as const;
export const caseReasonCode = z.enum(caseReasons);
export type CaseReasonCode = z.infer<typeof caseReasonCode>;

export const caseReason = z.object({
	code: caseReasonCode,
	text: z.string().trim().max(200)
});

/** 办件编号 as the approval system prints it: letters, digits and - _ / . */
export const caseNumber = z
	.string()
	.trim()
	.regex(/^[A-Za-z0-9][A-Za-z0-9\-_/.]{0,39}$/, 'case number is not valid');

export const caseSchema = z.object({
	...recordBase,
	v: z.literal(1),
	number: caseNumber,
	serviceItemId: id,
	departmentId: id,
	/** 受理日期 */
	acceptedOn: isoDate,
	/** 法定时限, working days */
	legalDays: z.number().int().min(0).max(365),
	/** 承诺时限, working days; never longer than the legal one */
	promisedDays: z.number().int().min(0).max(365),
	/** 办结日期 */
	completedOn: isoDate.optional(),
	outcome: caseOutcome.optional(),
	/** Why it was told, not accepted or not permitted. */
	reason: caseReason.optional(),
	/** 一次性告知: every material to supplement. */
	materials: z.array(z.string().trim().min(1).max(120)).max(30).optional(),
	source: z.enum(['window', 'import']),
	updatedAt: instant
});
export type Case = z.infer<typeof caseSchema>;
export const caseRecord = defineEntity('case', 1, caseSchema);

/** A case's id: its number, which the approval system keeps unique. */
export const caseId = (number: string) => `case-${number.trim()}`;
