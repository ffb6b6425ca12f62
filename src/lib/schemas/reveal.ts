/**
 * POST /api/reveal: one masked field of one record, shown in full to a role that may see it
 * (docs/roles.md). The server answers with that single value and logs who asked for what.
 */
import { z } from 'zod';
import { id } from './common';

export const revealRequest = z.discriminatedUnion('entity', [
	z.object({
		entity: z.literal('appointment'),
		id,
		field: z.enum(['phone', 'idNumber', 'creditCode']),
		deviceId: id.optional()
	}),
	z.object({ entity: z.literal('staff'), id, field: z.literal('phone'), deviceId: id.optional() })
]);
export type RevealRequest = z.infer<typeof revealRequest>;

export const revealResponse = z.object({ value: z.string().min(1).max(40) });
