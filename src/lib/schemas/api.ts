/**
 * The HTTP API's requests and answers besides the sync wire (sync.ts): what the endpoints parse
 * and what they answer, in one place so that docs/api.md is generated from the same schemas.
 */
import { z } from 'zod';
import { id, isoDate } from './common';
import { sessionUser } from './role';

/** Every 4xx and 5xx of the API: a sentence for the user (Chinese) and a detail for developers. */
export const errorBody = z.object({ error: z.string(), detail: z.unknown().optional() });

export const loginRequest = z.object({
	username: z.string().trim().min(1).max(64),
	password: z.string().min(1).max(256)
});

export const centreSummary = z.object({ id: z.string(), name: z.string(), slug: z.string() });
export type CentreSummary = z.infer<typeof centreSummary>;

export const meResponse = z.object({ user: sessionUser, centre: centreSummary });

export const pullQuery = z.object({
	cursor: z.coerce.number().int().min(0).default(0),
	deviceId: id.optional(),
	/** The pulling device without a request for its verdicts: for a remote wipe and its last sync. */
	device: id.optional(),
	/** The scope the device's rows were filtered for (docs/roles.md); a different one resets. */
	scope: z.string().max(200).optional(),
	/** The highest version a poke announced to the device: a server that remembers less reads. */
	poked: z.coerce.number().int().min(0).optional()
});

export const auditQuery = z.object({
	limit: z.coerce.number().int().min(1).max(200).default(50),
	before: z.coerce.number().int().positive().optional()
});

export const auditPage = z.object({
	entries: z.array(
		z.object({
			id: z.number().int(),
			at: z.string(),
			userId: z.string(),
			userName: z.string().nullable(),
			deviceId: z.string(),
			mutationId: z.number().int(),
			name: z.string(),
			status: z.enum(['applied', 'rejected']),
			code: z.string().nullable(),
			args: z.unknown(),
			changes: z.unknown()
		})
	),
	/** Pass as `before` for the next, older page; null when this was the oldest. */
	nextBefore: z.number().int().nullable()
});

export const erasureReport = z.object({
	cutoff: isoDate,
	retentionDays: z.number().int(),
	erased: z.number().int().min(0),
	versions: z.array(z.number().int().positive())
});

/** What GET /api/health answers, with 200 when `ok` and 503 otherwise. */
export const healthResponse = z.object({
	ok: z.boolean(),
	/** Only when not ok: a sentence for the user. */
	error: z.string().optional(),
	database: z.object({
		ok: z.boolean(),
		/** Absent when the database could not be opened at all. */
		kind: z.enum(['pglite', 'postgres']).optional(),
		/** Only when ok: how long the probe query took. */
		ms: z.number().min(0).optional(),
		/** Only when not ok: why (a timeout, or the driver's error code). */
		detail: z.string().optional()
	})
});
