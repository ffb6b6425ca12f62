import { z } from 'zod';
import { id, maskedPhone, phone, recordBase } from './common';
import { defineEntity } from './entity';

export const staffSchema = z.object({
	...recordBase,
	v: z.literal(1),
	name: z.string().min(1).max(40),
	departmentId: id,
	title: z.string().max(40),
	/**
	 * Full on the server; masked or absent on a device whose role may not hold it (docs/roles.md).
	 * The mutators that write it refuse a masked value that is not the stored one's mask.
	 */
	phone: z.union([phone, maskedPhone]).optional(),
	/** R8: business staff not on duty stay reachable. */
	onCall: z.boolean(),
	/** Qualified for real-estate review (R7). */
	realEstateReview: z.boolean(),
	active: z.boolean()
});
export type Staff = z.infer<typeof staffSchema>;
export const staff = defineEntity('staff', 1, staffSchema);
