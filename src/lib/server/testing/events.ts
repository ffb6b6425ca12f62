/** A RequestEvent as the endpoints use it, to call them in-process without a server. */
import type { SessionUser } from '$lib/schemas';
import type { App } from '../db';
import type { Db } from '../db/open';
import { PokeHub } from '../sync/events';
import { PullMemory } from '../sync/tip';
import { PushLimiter, type PushLimits } from '../rate-limit';

export interface FakeCookie {
	value: string;
	options: Record<string, unknown>;
}

export interface EventInit {
	method?: string;
	url?: string;
	body?: BodyInit | null;
	headers?: Record<string, string>;
	user?: SessionUser | null;
	cookies?: Record<string, string>;
	address?: string;
}

/**
 * `pushLimits` defaults to limits no test reaches, so only the rate-limit tests meet them;
 * `minProtocol` to 1, the server's own default.
 */
export function appOf(db: Db, pushLimits?: PushLimits, { minProtocol = 1 } = {}): App {
	const generous = { perMinute: 1_000_000, burst: 1_000_000 };
	return {
		db,
		hub: new PokeHub(db),
		pulls: new PullMemory(db),
		pushLimiter: new PushLimiter(pushLimits ?? { device: generous, user: generous }),
		minProtocol
	};
}

/** Builds the event; `jar` shows what the endpoint set or deleted. */
export function fakeEvent(app: App, init: EventInit = {}) {
	const url = new URL(init.url ?? 'http://localhost/api/test');
	const jar = new Map<string, FakeCookie | null>(
		Object.entries(init.cookies ?? {}).map(([k, v]) => [k, { value: v, options: {} }])
	);
	const request = new Request(url, {
		method: init.method ?? 'GET',
		body: init.body ?? null,
		headers: init.headers,
		// A stream body needs this in Node's fetch.
		...(init.body instanceof ReadableStream && { duplex: 'half' })
	} as RequestInit);
	const event = {
		request,
		url,
		params: {},
		route: { id: url.pathname },
		locals: {
			user: init.user ?? null,
			centre: init.user ? { id: init.user.centreId, name: 'x', slug: 'x' } : null,
			app: async () => app
		},
		cookies: {
			get: (name: string) => jar.get(name)?.value,
			getAll: () => [...jar].flatMap(([name, c]) => (c ? [{ name, value: c.value }] : [])),
			set: (name: string, value: string, options: Record<string, unknown>) =>
				void jar.set(name, { value, options }),
			delete: (name: string) => void jar.set(name, null),
			serialize: () => ''
		},
		getClientAddress: () => init.address ?? '127.0.0.1',
		platform: undefined,
		isDataRequest: false,
		isSubRequest: false,
		setHeaders: () => {},
		fetch
	};
	return { event: event as never, jar, locals: event.locals };
}

export const jsonBody = (value: unknown) => ({
	body: JSON.stringify(value),
	headers: { 'content-type': 'application/json' }
});
