import { z } from 'zod';
import { id, instant } from './common';

/** Why the server refused a mutation. SLOT_FULL and CONFLICT keep the user's data for a person to settle. */
export const rejectionCode = z.enum([
	'INVALID',
	'FORBIDDEN',
	'NOT_FOUND',
	'SLOT_FULL',
	'CONFLICT',
	'DUPLICATE',
	'UNKNOWN_MUTATION'
]);
export type RejectionCode = z.infer<typeof rejectionCode>;

/** A rejected mutation as the device keeps it in 待处理 until a person settles it. */
export const mutationResultSchema = z.object({
	v: z.literal(1),
	mutationId: z.number().int().positive(),
	deviceId: id,
	name: z.string(),
	args: z.unknown(),
	status: z.enum(['applied', 'rejected']),
	code: rejectionCode.optional(),
	/** Message key with its parameters, rendered in the user's language. */
	messageKey: z.string().optional(),
	params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
	/** For SLOT_FULL: free alternatives; for CONFLICT: both values. */
	detail: z.unknown().optional(),
	at: instant,
	settledAt: instant.optional()
});
export type MutationResult = z.infer<typeof mutationResultSchema>;
