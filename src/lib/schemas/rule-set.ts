import { z } from 'zod';
import { recordBase } from './common';
import { defineEntity } from './entity';
import { keyName } from './plain';

export const ruleIds = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8'] as const;
export const ruleId = z.enum(ruleIds);
export type RuleId = z.infer<typeof ruleId>;

/** The staffing rules R1–R8 of the plan as numbers a centre may change (docs/domain.md). */
export const ruleSetSchema = z.object({
	...recordBase,
	v: z.literal(1),
	enabled: z.record(ruleId, z.boolean()),
	/** R1: comprehensive windows open per category per day. */
	minComprehensivePerCategory: z.number().int().min(0).max(50),
	/** Per-category overrides of R1, e.g. 3 for 不动产登记 in a busy season. */
	categoryMinimum: z.record(keyName(30), z.number().int().min(0).max(50)),
	/** R2: staff per comprehensive window (exactly). */
	staffPerComprehensive: z.number().int().min(1).max(5),
	/** R3: staff at least per public service window. */
	minPublicServiceStaff: z.number().int().min(0).max(10),
	/** R4: staff per consultation, fee and certificate desk. */
	deskStaff: z.number().int().min(0).max(10),
	/** R5: own staff of the operations section on duty. */
	operationsDuty: z.number().int().min(0).max(10),
	/** Minutes of grace before a check-in counts as late. */
	lateGraceMinutes: z.number().int().min(0).max(60),
	/** Rules apply to non-working days only unless this is set. */
	applyOnWorkingDays: z.boolean(),
	/** Counts the saved changes, from 1 (a set saved before revisions were kept counts as 1). */
	revision: z.number().int().min(1).optional()
});
export type RuleSet = z.infer<typeof ruleSetSchema>;
export const ruleSet = defineEntity('ruleSet', 1, ruleSetSchema);

/** One rule set per centre, under a fixed id, so two devices creating it agree. */
export const ruleSetId = (centreId: string) => `${centreId}:rules`;

export const defaultRuleNumbers = {
	enabled: Object.fromEntries(ruleIds.map((r) => [r, true])) as Record<RuleId, boolean>,
	minComprehensivePerCategory: 2,
	categoryMinimum: {},
	staffPerComprehensive: 1,
	minPublicServiceStaff: 1,
	deskStaff: 1,
	operationsDuty: 1,
	lateGraceMinutes: 0,
	applyOnWorkingDays: false
} satisfies Omit<RuleSet, 'id' | 'centreId' | 'v'>;
