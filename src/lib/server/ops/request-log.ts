/**
 * The request log: one line per request once its answer is ready, with what an operator needs to
 * follow a fault (request id, route, status, duration, which user) and nothing that identifies a
 * citizen. For a Server-Sent Events stream the duration is the time to open it, not its life.
 */
import { randomUUID } from 'node:crypto';
import type { Handle, RequestEvent } from '@sveltejs/kit';
import type { Logger, LogRecord } from './log';

/** A reverse proxy's id is kept so its access log and ours can be joined; anything odd is not. */
const proxyRequestId = /^[A-Za-z0-9._:-]{8,64}$/;

export function requestIdOf(request: Request): string {
	const given = request.headers.get('x-request-id');
	return given && proxyRequestId.test(given) ? given : randomUUID();
}

/**
 * Where the request went: the route id (`/api/sync/pull`, `/public/[centre]`) when a route
 * matched, so parameters and queries stay out; otherwise the bare path, cut short.
 */
export function routeOf(event: Pick<RequestEvent, 'route' | 'url'>): string {
	return event.route.id ?? event.url.pathname.slice(0, 120);
}

export interface RequestFacts {
	requestId: string;
	method: string;
	route: string;
	status: number;
	durationMs: number;
	userId?: string | null;
	centreId?: string | null;
}

export function requestRecord(facts: RequestFacts): LogRecord {
	return {
		requestId: facts.requestId,
		method: facts.method,
		route: facts.route,
		status: facts.status,
		durationMs: Math.round(facts.durationMs * 10) / 10,
		userId: facts.userId ?? null,
		centreId: facts.centreId ?? null
	};
}

/** Returns the answer with its request id, copying it when its headers are immutable. */
function withRequestId(response: Response, requestId: string): Response {
	try {
		response.headers.set('X-Request-Id', requestId);
		return response;
	} catch {
		const copy = new Response(response.body, response);
		copy.headers.set('X-Request-Id', requestId);
		return copy;
	}
}

/**
 * Wraps the app's hook: gives the request its id and logs it once `next` and the route have
 * answered. A wrapper rather than `sequence()`, which needs SvelteKit's request store and so
 * cannot be called by the tests that drive the hook directly. `logger` is asked for per
 * request so nothing reads the configuration at import (the build imports this file).
 */
export function requestLog(logger: () => Logger, next: Handle): Handle {
	return async ({ event, resolve }) => {
		const started = performance.now();
		const requestId = requestIdOf(event.request);
		event.locals.requestId = requestId;
		let status = 500;
		try {
			const response = await next({ event, resolve });
			status = response.status;
			return withRequestId(response, requestId);
		} finally {
			logger().info(
				'request',
				requestRecord({
					requestId,
					method: event.request.method,
					route: routeOf(event),
					status,
					durationMs: performance.now() - started,
					userId: event.locals.user?.id,
					centreId: event.locals.user?.centreId
				})
			);
		}
	};
}
