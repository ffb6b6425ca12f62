/** The wire protocol between a device and the server (docs/sync-protocol.md; fields in docs/api.md). */
import { z } from 'zod';
import { id, instant } from './common';
import type { MessageKey } from './message-key';
import { rejectionCode } from './result';

/**
 * What this build of the app speaks on the wire. 1 was the first release, which announced nothing
 * outside a push body and skipped rows it could not read; 2 announces itself on every sync
 * request and never moves its cursor past a row it could not read; 3 takes a first sync's day
 * roll-ups lean, without the tally and the id filter (`wireRollup`). Raise it when a device of the
 * previous build would misread the server, and the server's SYNC_MIN_PROTOCOL with it when such
 * devices must stop (docs/sync-protocol.md, "Versions and handshake").
 */
export const PROTOCOL_VERSION = 3;

/** Request headers that carry a device's versions (the SSE stream, which cannot set headers, uses the query). */
export const CLIENT_PROTOCOL_HEADER = 'budayang-protocol';
export const CLIENT_SCHEMA_HEADER = 'budayang-schema';

/**
 * The versions a device announces. Nothing announced means a device of the first release, which
 * sent no header: protocol 1. The schema version is the sum of its entities' versions (index.ts).
 */
export const clientVersion = z.object({
	protocol: z.coerce.number().int().min(1).max(1_000_000).default(1),
	schema: z.coerce.number().int().min(1).max(1_000_000).optional()
});
export type ClientVersion = z.infer<typeof clientVersion>;

/** The answer (HTTP 426) to a device older than the server's minimum; it stops syncing and asks for an update. */
export const clientTooOld = z.object({
	error: z.string(),
	code: z.literal('client_too_old'),
	messageKey: z.literal('sync_client_too_old' satisfies MessageKey),
	/** The lowest protocol this server still serves. */
	minProtocol: z.number().int().min(1),
	/** What the device announced. */
	protocol: z.number().int().min(1),
	/** What the server itself speaks, and the schema version it writes. */
	serverProtocol: z.number().int().min(1),
	serverSchema: z.number().int().min(1)
});
export type ClientTooOld = z.infer<typeof clientTooOld>;

export const mutationSchema = z.object({
	id: z.number().int().positive(),
	name: z.string().min(1).max(60),
	args: z.unknown(),
	createdAt: instant
});
export type Mutation = z.infer<typeof mutationSchema>;

/** The most mutations one push carries. */
export const PUSH_MUTATIONS_MAX = 500;

export const pushRequest = z.object({
	/** Kept from the first release, which had no header; the handshake headers decide (426). */
	protocol: z.number().int().min(1).max(PROTOCOL_VERSION),
	deviceId: id,
	mutations: z.array(mutationSchema).max(PUSH_MUTATIONS_MAX),
	/**
	 * The highest id the server has confirmed to this device. A server whose record of the device
	 * is older (restored from a backup) takes it as the device's last id instead of waiting for ids
	 * the device settled and dropped. Optional: a device of an earlier build does not send it.
	 */
	confirmed: z.number().int().min(0).optional(),
	/**
	 * The device's cursor: the answer then carries the changes since it (`pull`), so a tap costs
	 * one request instead of a push and a pull. Optional: a device of an earlier build pulls.
	 */
	since: z.number().int().min(0).optional(),
	/** With `since`: the scope the device's rows were filtered for, as a pull would send it. */
	scope: z.string().max(200).optional()
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

export const pushResponse = z.object({
	results: z.array(pushResult),
	/**
	 * The page a pull from the request's `since` would answer, read after the push. Absent when the
	 * request named no cursor, or the server could not read it then: the device pulls instead.
	 */
	pull: pullResponse.optional()
});
export type PushResponse = z.infer<typeof pushResponse>;

/** The dates a first sync takes first: today's week behind and the two weeks ahead. */
export const firstSyncQuery = z
	.object({
		from: z.iso.date(),
		to: z.iso.date(),
		deviceId: id.optional(),
		scope: z.string().max(200).optional()
	})
	.refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] });
export type FirstSyncQuery = z.infer<typeof firstSyncQuery>;

/**
 * A day's volume roll-up as the server built it from the day's rows (domain/day-rollup.ts,
 * `rollupDay`). The tally and the Bloom filter of the ids it holds (`known`, as its 32-bit words)
 * serve only an update by difference, and were a third of a new tablet's first answer: a device of
 * protocol 3 or later gets the day without them and rolls it up again from its rows on the first
 * write that meets it (local/rollup.ts, `applyChanges`); older devices still get them.
 */
export const wireRollup = z.looseObject({
	key: z.string().max(200),
	centreId: id,
	date: z.iso.date(),
	rv: z.number().int(),
	totals: z.record(z.string(), z.number()),
	byCategory: z.record(z.string(), z.record(z.string(), z.number())),
	byChannel: z.record(z.string(), z.record(z.string(), z.number())),
	tally: z.record(z.string(), z.number()).optional(),
	known: z.array(z.number().int().min(0).max(0xffffffff)).max(1024).optional()
});
export type WireRollup = z.infer<typeof wireRollup>;

/** Where the background history of a first sync stands; kept in meta so a reload resumes it. */
export const historyPosition = z.object({
	/** The centre's version when the priority set was read: history holds rows up to it. */
	upTo: z.number().int().min(0),
	/** The last version of history received. */
	after: z.number().int().min(0),
	from: z.iso.date(),
	to: z.iso.date(),
	/** Rows of the first sync (priority and history) and how many have come. */
	total: z.number().int().min(0),
	received: z.number().int().min(0)
});
export type HistoryPosition = z.infer<typeof historyPosition>;

/**
 * GET /api/sync/first: the priority set of a new device, a pull page (cursor = the centre's
 * version) with the roll-ups of every other day and where the history starts.
 */
export const firstSyncResponse = pullResponse.extend({
	rollups: z.array(wireRollup),
	history: z.object({ upTo: z.number().int().min(0), rows: z.number().int().min(0) })
});
export type FirstSyncResponse = z.infer<typeof firstSyncResponse>;

export const historyQuery = z
	.object({
		after: z.coerce.number().int().min(0),
		upTo: z.coerce.number().int().min(0),
		from: z.iso.date(),
		to: z.iso.date(),
		scope: z.string().max(200).optional(),
		device: id.optional()
	})
	.refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] });
export type HistoryQuery = z.infer<typeof historyQuery>;

/** GET /api/sync/history: a page of the rows a first sync left for later. */
export const historyResponse = z.object({
	changes: z.array(change),
	/** The last version of this page; the next page starts after it. */
	after: z.number().int().min(0),
	hasMore: z.boolean(),
	/** The scope changed since the first sync began: the device starts again from nothing. */
	reset: z.boolean().optional()
});
export type HistoryResponse = z.infer<typeof historyResponse>;
