import { z } from 'zod';
import { channel, id, instant, recordBase } from './common';
import { defineEntity } from './entity';
import { keyName } from './plain';

/** 事项: a service the hall offers, with its channels and completion deadline (限时办结). */
export const serviceItemSchema = z.object({
	...recordBase,
	v: z.literal(1),
	name: z.string().min(1).max(80),
	departmentId: id,
	category: keyName(30),
	channels: z.array(channel).min(1),
	/** Working days to completion; 0 means completed on the spot (即办). */
	deadlineDays: z.number().int().min(0).max(365),
	availableNonWorking: z.boolean(),
	bookable: z.boolean(),
	/** Average minutes a window spends on one case, used by the window advice. */
	handleMinutes: z.number().min(1).max(240),
	retired: z.boolean(),
	updatedAt: instant
});
export type ServiceItem = z.infer<typeof serviceItemSchema>;
export const serviceItem = defineEntity('serviceItem', 1, serviceItemSchema);
