/**
 * HTTP calls of the sync protocol. Answers are parsed with the shared Zod schemas; anything else
 * becomes a typed failure the engine knows how to wait out.
 */
import {
	PROTOCOL_VERSION,
	pullResponse,
	pushResponse,
	type Mutation,
	type PullResponse,
	type PushResponse
} from '$lib/schemas';

export type SyncFailure =
	| { kind: 'offline' }
	| { kind: 'unauthorised' }
	| { kind: 'server'; status: number }
	/** 429: the server asks this device to wait `retryAfterSeconds` before pushing again. */
	| { kind: 'throttled'; retryAfterSeconds: number }
	| { kind: 'protocol'; detail: string };

export class SyncError extends Error {
	constructor(readonly failure: SyncFailure) {
		super(failure.kind);
		this.name = 'SyncError';
	}
}

async function call(input: string, init?: RequestInit): Promise<unknown> {
	let res: Response;
	try {
		res = await fetch(input, { credentials: 'same-origin', ...init });
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
	if (!res.ok) throw new SyncError({ kind: 'server', status: res.status });
	try {
		return await res.json();
	} catch {
		throw new SyncError({ kind: 'protocol', detail: 'not JSON' });
	}
}

export async function push(deviceId: string, mutations: Mutation[]): Promise<PushResponse> {
	const body = await call('/api/sync/push', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ protocol: PROTOCOL_VERSION, deviceId, mutations })
	});
	const parsed = pushResponse.safeParse(body);
	if (!parsed.success) throw new SyncError({ kind: 'protocol', detail: parsed.error.message });
	return parsed.data;
}

/** `scope` is what the device's rows were filtered for; the server resets a different one. */
export async function pull(deviceId: string, cursor: number, scope: string): Promise<PullResponse> {
	const query = new URLSearchParams({ cursor: String(cursor), deviceId, scope });
	const body = await call(`/api/sync/pull?${query}`);
	const parsed = pullResponse.safeParse(body);
	if (!parsed.success) throw new SyncError({ kind: 'protocol', detail: parsed.error.message });
	return parsed.data;
}
