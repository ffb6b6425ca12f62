/**
 * 好差评: one rating a citizen gave the hall through the national 政务服务好差评 system, on its
 * five-step scale, about a staff member at a window, a department and a service item. Entered at
 * the window or imported from the 好差评 system's export; its number there is the key, so a second
 * import of the same file adds nothing.
 *
 * No evaluator identity is stored (no name, phone or account): the figures need none, and the
 * least personal data is kept (PIPL). Only the optional comment is free text a citizen wrote, and
 * the follow-up's 整改情况 is free text staff wrote; both are personal (personal.ts) and withheld
 * from a viewer (domain/disclosure.ts).
 */
import { z } from 'zod';
import { id, instant, isoDate, recordBase } from './common';
import { defineEntity } from './entity';

/** 非常满意, 满意, 基本满意, 不满意, 非常不满意, best first. */
export const evaluationRatings = [
	'very-satisfied',
	'satisfied',
	'basic',
	'dissatisfied',
	'very-dissatisfied'
] as const;
export const evaluationRating = z.enum(evaluationRatings);
export type EvaluationRating = z.infer<typeof evaluationRating>;

/** 窗口评价器, 二维码, 短信, 网站, 电话. */
export const evaluationChannels = ['device', 'qr-code', 'sms', 'website', 'phone'] as const;
export const evaluationChannel = z.enum(evaluationChannels);
export type EvaluationChannel = z.infer<typeof evaluationChannel>;

/** 评价编号 as the 好差评 system prints it: letters, digits and - _ / . */
export const evaluationNumber = z
	.string()
	.trim()
	.regex(/^[A-Za-z0-9][A-Za-z0-9\-_/.]{0,39}$/, 'evaluation number is not valid');

/** A citizen's comment: free text, at most 200 characters. */
export const evaluationComment = z.string().trim().max(200);

/** 整改情况: what was done about a bad rating, by whom, when, and whether the citizen was called back. */
export const evaluationFollowUp = z.object({
	staffId: id,
	/** Empty only as a viewer receives it (withheld free text). */
	correction: z.string().trim().max(500),
	followedUpOn: isoDate,
	calledBack: z.boolean()
});

export const evaluationSchema = z.object({
	...recordBase,
	v: z.literal(1),
	number: evaluationNumber,
	ratedOn: isoDate,
	rating: evaluationRating,
	channel: evaluationChannel,
	staffId: id,
	/** A rating given on the website or by phone may name no window. */
	windowId: id.optional(),
	departmentId: id,
	serviceItemId: id,
	comment: evaluationComment.optional(),
	followUp: evaluationFollowUp.optional(),
	source: z.enum(['window', 'import']),
	updatedAt: instant
});
export type Evaluation = z.infer<typeof evaluationSchema>;
export const evaluationRecord = defineEntity('evaluation', 1, evaluationSchema);

/** An evaluation's id: its number, which the 好差评 system keeps unique. */
export const evaluationId = (number: string) => `evaluation-${number.trim()}`;

/** 不满意 and 非常不满意 are bad ratings: each needs a follow-up. */
export const isBadRating = (rating: EvaluationRating) =>
	rating === 'dissatisfied' || rating === 'very-dissatisfied';
