import { z } from 'zod';
import { id, recordBase } from './common';
import { defineEntity } from './entity';
import { keyName } from './plain';

/** 综合受理窗口, 公共服务窗口, 咨询台, 收费窗口, 出证窗口. */
export const windowKinds = [
	'comprehensive',
	'public-service',
	'consultation',
	'fee',
	'certificate'
] as const;
export const windowKind = z.enum(windowKinds);
export type WindowKind = z.infer<typeof windowKind>;

export const serviceWindowFields = z.object({
	...recordBase,
	v: z.literal(1),
	/** The number on the sign above the window, e.g. "A03". */
	code: z.string().min(1).max(12),
	kind: windowKind,
	/** Business category of a comprehensive window (行政审批, 不动产登记, …); R1 counts per category. */
	category: keyName(30).optional(),
	departmentId: id.optional(),
	retired: z.boolean()
});

/** R1 counts comprehensive windows per category, so such a window must name one. */
export const needsCategory = {
	check: (w: { kind: WindowKind; category?: string }) => w.kind !== 'comprehensive' || !!w.category,
	message: { message: 'a comprehensive window needs a category', path: ['category'] }
};

export const serviceWindowSchema = serviceWindowFields.refine(
	needsCategory.check,
	needsCategory.message
);
export type ServiceWindow = z.infer<typeof serviceWindowSchema>;
export const serviceWindow = defineEntity('window', 1, serviceWindowSchema);
