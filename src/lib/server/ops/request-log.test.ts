import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { createLogger } from './log';
import { requestIdOf, requestLog } from './request-log';

function capture() {
	const lines: Record<string, unknown>[] = [];
	const log = createLogger('info', (line) => lines.push(JSON.parse(line)));
	return { lines, logger: () => log };
}

function eventFor(url: string, routeId: string | null, headers: Record<string, string> = {}) {
	return {
		request: new Request(url, { headers }),
		url: new URL(url),
		route: { id: routeId },
		locals: { user: null }
	} as unknown as RequestEvent;
}

const user = {
	id: 'user-7',
	username: 'zhangwei',
	name: '张伟',
	role: 'duty' as const,
	centreId: 'centre-1'
};

describe('requestLog', () => {
	it('logs route, status, duration and user id, and never the query or personal fields', async () => {
		const { lines, logger } = capture();
		const event = eventFor('http://hall.test/api/sync/pull?cursor=5&q=张伟', '/api/sync/pull');
		const response = await requestLog(logger, ({ event, resolve }) => resolve(event))({
			event,
			resolve: async (e) => {
				// The guard sets the user after the log hook has started.
				e.locals.user = user;
				return new Response('{}', { status: 200 });
			}
		});
		expect(response.headers.get('x-request-id')).toBe(event.locals.requestId);
		expect(lines).toHaveLength(1);
		const [line] = lines;
		expect(line).toMatchObject({
			level: 'info',
			event: 'request',
			requestId: event.locals.requestId,
			method: 'GET',
			route: '/api/sync/pull',
			status: 200,
			userId: 'user-7',
			centreId: 'centre-1'
		});
		expect(typeof line.durationMs).toBe('number');
		const text = JSON.stringify(line);
		for (const personal of ['张伟', 'zhangwei', 'cursor', 'q='])
			expect(text).not.toContain(personal);
	});

	it('uses the path without its query when no route matched', async () => {
		const { lines, logger } = capture();
		const event = eventFor('http://hall.test/nowhere?name=李娜', null);
		await requestLog(logger, ({ event, resolve }) => resolve(event))({
			event,
			resolve: async () => new Response('', { status: 404 })
		});
		expect(lines[0]).toMatchObject({ route: '/nowhere', status: 404, userId: null });
	});

	it('logs a 500 when the chain throws, and lets the error through', async () => {
		const { lines, logger } = capture();
		const event = eventFor('http://hall.test/api/x', '/api/x');
		const failing = requestLog(logger, ({ event, resolve }) => resolve(event))({
			event,
			resolve: async () => {
				throw new Error('boom');
			}
		});
		await expect(failing).rejects.toThrow('boom');
		expect(lines[0]).toMatchObject({ route: '/api/x', status: 500 });
	});

	it('sets the id on an answer whose headers are immutable', async () => {
		const { logger } = capture();
		const immutable = Response.redirect('http://hall.test/login', 302);
		const response = await requestLog(logger, ({ event, resolve }) => resolve(event))({
			event: eventFor('http://hall.test/', '/'),
			resolve: async () => immutable
		});
		expect(response.status).toBe(302);
		expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
	});
});

describe('requestIdOf', () => {
	it("keeps a proxy's id and replaces anything odd", () => {
		const asked = (id: string) =>
			requestIdOf(new Request('http://hall.test/', { headers: { 'x-request-id': id } }));
		expect(asked('7d1c0e5b9a2f4c3e')).toBe('7d1c0e5b9a2f4c3e');
		expect(asked('<script>alert(1)</script>')).toMatch(/^[0-9a-f-]{36}$/);
		expect(requestIdOf(new Request('http://hall.test/'))).toMatch(/^[0-9a-f-]{36}$/);
	});
});
