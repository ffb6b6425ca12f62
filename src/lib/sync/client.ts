/**
 * HTTP calls of the sync protocol. Answers are parsed with the shared Zod schemas; anything else
 * becomes a typed failure the engine knows how to wait out.
 */
import {
	CLIENT_PROTOCOL_HEADER,
	CLIENT_SCHEMA_HEADER,
	clientTooOld,
	firstSyncResponse,
	historyResponse,
	PROTOCOL_VERSION,
	pullResponse,
	pushResponse,
	type FirstSyncResponse,
	type HistoryPosition,
	type HistoryResponse,
	type Mutation,
	type PullResponse,
	type PushResponse,
	SCHEMA_VERSION
} from '$lib/schemas';

/** The handshake sent with every sync request (docs/sync-protocol.md, "Versions and handshake"). */
export const versionHeaders: Readonly<Record<string, string>> = {
	[CLIENT_PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
	[CLIENT_SCHEMA_HEADER]: String(SCHEMA_VERSION)
};

/** The same for the SSE stream, as a query: an EventSource cannot send headers. */
export const versionQuery = (): string =>
	new URLSearchParams({
		protocol: String(PROTOCOL_VERSION),
		schema: String(SCHEMA_VERSION)
	}).toString();

export type SyncFailure =
	| { kind: 'offline' }
	| { kind: 'unauthorised' }
	| { kind: 'server'; status: number }
	/** 429: the server asks this device to wait `retryAfterSeconds` before pushing again. */
	| { kind: 'throttled'; retryAfterSeconds: number }
	/** 426: this build is older than the server serves; nothing more is sent until it updates. */
	| { kind: 'outdated'; reason: 'client_too_old'; minProtocol?: number }
	/** A pull met a row this build cannot read and stopped before it (local/pull.ts). */
	| { kind: 'outdated'; reason: 'unreadable_row' }
	| { kind: 'protocol'; detail: string }
	/** 410 device-wiped: an admin wiped this device; it deletes its data and signs out. */
	| { kind: 'wiped' };

export class SyncError extends Error {
	constructor(readonly failure: SyncFailure) {
		super(failure.kind);
		this.name = 'SyncError';
	}
}

async function call(input: string, init?: RequestInit): Promise<unknown> {
	let res: Response;
	try {
		res = await fetch(input, {
			credentials: 'same-origin',
			...init,
			headers: { ...versionHeaders, ...init?.headers }
		});
	} catch {
		throw new SyncError({ kind: 'offline' });
	}
	if (res.status === 401) throw new SyncError({ kind: 'unauthorised' });
	if (res.status === 429) {
		const seconds = Number(res.headers.get('retry-after'));
		throw new SyncError({
			kind: 'throttled',
			retryAfterSeconds: Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 3600) : 30
		});
	}
	if (res.status === 426) {
		// The status alone says it; the body adds the minimum when a proxy has not replaced it.
		const body = clientTooOld.safeParse(await res.json().catch(() => undefined));
		throw new SyncError({
			kind: 'outdated',
			reason: 'client_too_old',
			minProtocol: body.success ? body.data.minProtocol : undefined
		});
	}
	if (res.status === 410) {
		const body = (await res.json().catch(() => undefined)) as { detail?: unknown } | undefined;
		if (body?.detail === 'device-wiped') throw new SyncError({ kind: 'wiped' });
	}
	if (!res.ok) throw new SyncError({ kind: 'server', status: res.status });
	try {
		return await res.json();
	} catch {
		throw new SyncError({ kind: 'protocol', detail: 'not JSON' });
	}
}

/** Where the device's confirmed rows stand: sent with a push, the answer carries what came since. */
export interface Position {
	cursor: number;
	scope: string;
}

export async function push(
	deviceId: string,
	mutations: Mutation[],
	position?: Position,
	confirmed?: number
): Promise<PushResponse> {
	const since = position && { since: position.cursor, scope: position.scope };
	const body = await call('/api/sync/push', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ protocol: PROTOCOL_VERSION, deviceId, mutations, confirmed, ...since })
	});
	const parsed = pushResponse.safeParse(body);
	if (!parsed.success) throw new SyncError({ kind: 'protocol', detail: parsed.error.message });
	return parsed.data;
}

/**
 * `scope` is what the device's rows were filtered for; the server resets a different one.
 * Without `deviceId` the answer carries no verdicts (the device has none waiting), and a server
 * at that cursor already answers from memory. `poked`: the highest version a poke announced.
 */
export async function pull(
	deviceId: string | undefined,
	position: Position,
	poked?: number,
	device?: string
): Promise<PullResponse> {
	const query = new URLSearchParams({ cursor: String(position.cursor), scope: position.scope });
	if (deviceId) query.set('deviceId', deviceId);
	// Who is pulling, for a remote wipe and the admin's last-sync time, without asking for verdicts.
	else if (device) query.set('device', device);
	if (poked !== undefined) query.set('poked', String(poked));
	const body = await call(`/api/sync/pull?${query}`);
	const parsed = pullResponse.safeParse(body);
	if (!parsed.success) throw new SyncError({ kind: 'protocol', detail: parsed.error.message });
	return parsed.data;
}

/**
 * A new device's priority set: rows without a date and rows dated `from`…`to`, the roll-ups of
 * every other day, and where the history starts (docs/sync-protocol.md, "First sync").
 */
export async function firstSync(
	deviceId: string,
	window: { from: string; to: string },
	scope: string
): Promise<FirstSyncResponse> {
	const query = new URLSearchParams({ ...window, deviceId, scope });
	const body = await call(`/api/sync/first?${query}`);
	const parsed = firstSyncResponse.safeParse(body);
	if (!parsed.success) throw new SyncError({ kind: 'protocol', detail: parsed.error.message });
	return parsed.data;
}

/** The next page of a first sync's history, after the position's version. */
export async function history(
	position: HistoryPosition,
	scope: string,
	device: string
): Promise<HistoryResponse> {
	const { after, upTo, from, to } = position;
	const query = new URLSearchParams({
		after: String(after),
		upTo: String(upTo),
		from,
		to,
		scope,
		device
	});
	const body = await call(`/api/sync/history?${query}`);
	const parsed = historyResponse.safeParse(body);
	if (!parsed.success) throw new SyncError({ kind: 'protocol', detail: parsed.error.message });
	return parsed.data;
}
