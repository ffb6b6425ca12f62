/** The wire protocol between a device and the server (docs/sync-protocol.md; fields in docs/api.md). */
import { z } from 'zod';
import { id, instant } from './common';
import { rejectionCode } from './result';

export const PROTOCOL_VERSION = 1;

export const mutationSchema = z.object({
	id: z.number().int().positive(),
	name: z.string().min(1).max(60),
	args: z.unknown(),
	createdAt: instant
});
export type Mutation = z.infer<typeof mutationSchema>;

export const pushRequest = z.object({
	protocol: z.literal(PROTOCOL_VERSION),
	deviceId: id,
	mutations: z.array(mutationSchema).max(500)
});
export type PushRequest = z.infer<typeof pushRequest>;

export const pushResult = z.object({
	id: z.number().int().positive(),
	status: z.enum(['applied', 'rejected']),
	code: rejectionCode.optional(),
	/** The message key of a rejection, rendered in the user's language with `params`. */
	message: z.string().optional(),
	params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
	detail: z.unknown().optional()
});
export type PushResult = z.infer<typeof pushResult>;

export const pushResponse = z.object({ results: z.array(pushResult) });
export type PushResponse = z.infer<typeof pushResponse>;

export const change = z.object({
	version: z.number().int().positive(),
	entity: z.string(),
	id,
	op: z.enum(['put', 'del']),
	data: z.unknown().optional()
});
export type Change = z.infer<typeof change>;

export const pullResponse = z.object({
	cursor: z.number().int().min(0),
	changes: z.array(change),
	hasMore: z.boolean(),
	lastMutationId: z.number().int().min(0),
	results: z.array(pushResult),
	reset: z.boolean().optional(),
	/**
	 * Rows still to come after this page, 0 on the last one, so a new device can show how far its
	 * first sync has got. Optional: a server of the previous release does not send it.
	 */
	remaining: z.number().int().min(0).optional(),
	/**
	 * What the records were filtered for (role, department, policy version; docs/roles.md). A
	 * device keeps it beside its cursor and sends it back; the server answers a different one with
	 * `reset`, so the device drops what it may no longer hold and starts again.
	 */
	scope: z.string().max(200).optional()
});
export type PullResponse = z.infer<typeof pullResponse>;
