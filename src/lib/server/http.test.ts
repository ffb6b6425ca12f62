import { describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION } from '$lib/schemas';
import { GET as auditGet } from '../../routes/api/audit/+server';
import { POST as loginPost } from '../../routes/api/auth/login/+server';
import { GET as eventsGet } from '../../routes/api/sync/events/+server';
import { GET as pullGet } from '../../routes/api/sync/pull/+server';
import { POST as pushPost } from '../../routes/api/sync/push/+server';
import { handle } from '../../hooks.server';
import { createSession, sessionCookie } from './auth/session';
import { crossOrigin } from './guard';
import { pokeStream } from './sync/events';
import { drivers } from './testing/databases';
import { appOf, fakeEvent, jsonBody } from './testing/events';
import { centreVersion, mutation, newDeviceId, volumeArgs, written } from './testing/fixtures';
import { useTestCentre, useTestDb } from './testing/suite';

// Opening PGlite and a fresh PostgreSQL database is slow on a busy 2-core machine.
vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

describe.each(drivers)('HTTP endpoints on %s', (driver) => {
	const t = useTestDb(driver);
	const centre = useTestCentre(t, 'http-a');

	const pushWith = (init: Parameters<typeof fakeEvent>[1]) =>
		pushPost(fakeEvent(appOf(t.db), { method: 'POST', user: centre.users.duty, ...init }).event);

	it('refuses bad bodies with 400 and changes nothing', async () => {
		const before = await written(t.db, centre.id);
		const cases = [
			'not json',
			'',
			JSON.stringify({ protocol: 99, deviceId: 'd', mutations: [] }),
			JSON.stringify({ protocol: 1, deviceId: '', mutations: [] }),
			JSON.stringify({ protocol: 1, deviceId: 'd', mutations: [{ id: -1, name: 'x', args: {} }] }),
			JSON.stringify({
				protocol: 1,
				deviceId: 'd',
				mutations: [mutation(1, 'volume.add', { note: 'a\u0000' })]
			}),
			// An unpaired surrogate: PostgreSQL's jsonb refuses it as it refuses NUL.
			JSON.stringify({
				protocol: 1,
				deviceId: 'd',
				mutations: [mutation(1, 'volume.add', { ...volumeArgs(1), category: '税\uD83D' })]
			}),
			JSON.stringify({ protocol: 1, deviceId: '\uDC00', mutations: [] }),
			// A thousand levels deep.
			`{"protocol":1,"deviceId":"d","mutations":[${'['.repeat(1000)}${']'.repeat(1000)}]}`,
			// Overflows to Infinity.
			'{"protocol":1,"deviceId":"d","mutations":[{"id":1e400,"name":"volume.add","args":{},"createdAt":"2026-06-06T09:00:00+08:00"}]}',
			'{"protocol":1,"deviceId":"d","mutations":[],"__proto__":{"x":1}}'
		];
		for (const body of cases) {
			const res = await pushWith({ body, headers: { 'content-type': 'application/json' } });
			expect(res.status, body).toBe(400);
			const answer = await res.json();
			expect(answer.error).toBe('请求格式不正确');
			expect(answer.detail).toBeDefined();
		}
		expect(await written(t.db, centre.id)).toEqual(before);
	});

	it('refuses text PostgreSQL cannot store at login and in queries with 400, not 500', async () => {
		const app = appOf(t.db);
		for (const username of ['a\u0000b', '\uD800', 'x\uDFFFy']) {
			const res = await loginPost(
				fakeEvent(app, { method: 'POST', ...jsonBody({ username, password: 'p' }) }).event
			);
			expect(res.status, JSON.stringify(username)).toBe(400);
			expect((await res.json()).detail).toEqual({ problem: 'text', path: 'username' });
		}
		const pulled = await pullGet(
			fakeEvent(app, {
				url: 'http://localhost/api/sync/pull?cursor=0&deviceId=a%00b',
				user: centre.users.viewer
			}).event
		);
		expect(pulled.status).toBe(400);
		const audit = await auditGet(
			fakeEvent(app, { url: 'http://localhost/api/audit?limit=%00', user: centre.users.manager })
				.event
		);
		expect(audit.status).toBe(400);
	});

	it('refuses bodies over the limit with 413, declared or not', async () => {
		const before = await written(t.db, centre.id);
		const big = JSON.stringify({
			protocol: PROTOCOL_VERSION,
			deviceId: 'd',
			mutations: [mutation(1, 'volume.add', { pad: 'x'.repeat(1100 * 1024) })]
		});
		const declared = await pushWith({
			body: big,
			headers: { 'content-length': String(big.length) }
		});
		expect(declared.status).toBe(413);
		expect((await declared.json()).error).toBe('请求内容过大');
		// A chunked body with no length is counted as it arrives.
		const bytes = new TextEncoder().encode(big);
		const stream = new ReadableStream<Uint8Array>({
			start(controller) {
				for (let i = 0; i < bytes.length; i += 64 * 1024)
					controller.enqueue(bytes.slice(i, i + 64 * 1024));
				controller.close();
			}
		});
		const chunked = await pushWith({ body: stream });
		expect(chunked.status).toBe(413);
		expect(await written(t.db, centre.id)).toEqual(before);
	});

	it('answers 503 with Retry-After when the database has a transient fault', async () => {
		const fault = Object.assign(new Error('terminating connection'), { code: '57P01' });
		const broken = {
			...t.db,
			orm: {
				transaction: () => Promise.reject(new Error('query failed', { cause: fault })),
				// The wiped-device check reads before the push's transaction (sync/devices.ts).
				select: () => {
					throw new Error('query failed', { cause: fault });
				}
			}
		} as never;
		const res = await pushPost(
			fakeEvent(appOf(broken), {
				method: 'POST',
				user: centre.users.duty,
				...jsonBody({
					protocol: 1,
					deviceId: 'd',
					mutations: [mutation(1, 'volume.add', volumeArgs(1))]
				})
			}).event
		);
		expect(res.status).toBe(503);
		expect(res.headers.get('retry-after')).toBe('5');
		expect((await res.json()).error).toBe('服务暂时不可用，请稍后重试');
	});

	it('needs a session for every sync and audit endpoint', async () => {
		const app = appOf(t.db);
		const post = fakeEvent(app, {
			method: 'POST',
			...jsonBody({ protocol: 1, deviceId: 'd', mutations: [] })
		});
		expect((await pushPost(post.event)).status).toBe(401);
		expect(
			(await pullGet(fakeEvent(app, { url: 'http://localhost/api/sync/pull?cursor=0' }).event))
				.status
		).toBe(401);
		expect((await eventsGet(fakeEvent(app).event)).status).toBe(401);
		expect((await auditGet(fakeEvent(app).event)).status).toBe(401);
	});

	it('pushes, pulls and reads the audit log over HTTP', async () => {
		const app = appOf(t.db);
		const device = newDeviceId();
		const body = {
			protocol: PROTOCOL_VERSION,
			deviceId: device,
			mutations: [mutation(1, 'volume.add', volumeArgs(2))]
		};
		const res = await pushWith(jsonBody(body));
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ results: [{ id: 1, status: 'applied' }] });

		const bad = await pullGet(
			fakeEvent(app, { url: 'http://localhost/api/sync/pull?cursor=-4', user: centre.users.viewer })
				.event
		);
		expect(bad.status).toBe(400);
		// The device is the duty lead's: another user may not read its state.
		const others = await pullGet(
			fakeEvent(app, {
				url: `http://localhost/api/sync/pull?cursor=0&deviceId=${device}`,
				user: centre.users.viewer
			}).event
		);
		expect(others.status).toBe(403);
		const pulled = await pullGet(
			fakeEvent(app, {
				url: `http://localhost/api/sync/pull?cursor=0&deviceId=${device}`,
				user: centre.users.duty
			}).event
		);
		expect(pulled.status).toBe(200);
		const page = await pulled.json();
		expect(page.lastMutationId).toBe(1);
		expect(page.changes.some((c: { entity: string }) => c.entity === 'volume')).toBe(true);

		const forbidden = await auditGet(fakeEvent(app, { user: centre.users.duty }).event);
		expect(forbidden.status).toBe(403);
		const audit = await auditGet(
			fakeEvent(app, { url: 'http://localhost/api/audit?limit=1', user: centre.users.manager })
				.event
		);
		const entries = await audit.json();
		expect(entries.entries).toHaveLength(1);
		expect(entries.entries[0]).toMatchObject({
			name: 'volume.add',
			status: 'applied',
			deviceId: device,
			userName: 'duty'
		});
		// Which fields changed, never their values (docs/security.md).
		expect(entries.entries[0].changes[0]).toMatchObject({ entity: 'volume', op: 'put' });
		expect(entries.entries[0].changes[0].fields).toContain('counters');
		expect(entries.entries[0].changes[0]).not.toHaveProperty('after');
		expect(entries.entries[0].args).toEqual(volumeArgs(2));
	});

	it('streams pokes over SSE and stops listening when the client goes', async () => {
		const app = appOf(t.db);
		const abort = new AbortController();
		const { token } = await createSession(t.db, centre.users.viewer.id, { hours: 1 });
		const { event } = fakeEvent(app, {
			user: centre.users.viewer,
			cookies: { [sessionCookie(new URL('http://localhost')).name]: token }
		});
		(event as { request: Request }).request = new Request('http://localhost/api/sync/events', {
			signal: abort.signal
		});
		const res = await eventsGet(event);
		expect(res.headers.get('content-type')).toContain('text/event-stream');
		const reader = res.body!.getReader();
		const decoder = new TextDecoder();
		let text = '';
		const readUntil = async (pattern: RegExp) => {
			while (!pattern.test(text)) {
				const { value, done } = await reader.read();
				if (done) throw new Error(`stream ended before ${pattern}: ${text}`);
				text += decoder.decode(value);
			}
		};
		const version = await centreVersion(t.db, centre.id);
		await readUntil(new RegExp(`event: poke\\ndata: \\{"version":${version}\\}\\n\\n`));
		expect(app.hub.size).toBe(1);
		await pushWith(
			jsonBody({
				protocol: 1,
				deviceId: newDeviceId(),
				mutations: [mutation(1, 'volume.add', volumeArgs(1))]
			})
		);
		await readUntil(new RegExp(`"version":${version + 1}\\}`));
		abort.abort();
		await expect.poll(() => app.hub.size).toBe(0);
	});
});

describe('hooks', () => {
	const url = new URL('http://localhost:4173/api/sync/push');
	const request = (method: string, headers: Record<string, string>) =>
		new Request(url, { method, headers });

	it('refuses state-changing requests from another origin', () => {
		expect(crossOrigin(request('POST', { origin: 'http://localhost:4173' }), url)).toBe(false);
		expect(crossOrigin(request('POST', { 'sec-fetch-site': 'same-origin' }), url)).toBe(false);
		expect(crossOrigin(request('POST', { origin: 'http://evil.example' }), url)).toBe(true);
		expect(crossOrigin(request('DELETE', { origin: 'http://localhost:5173' }), url)).toBe(true);
		expect(crossOrigin(request('PUT', { 'sec-fetch-site': 'same-site' }), url)).toBe(true);
		expect(crossOrigin(request('PATCH', {}), url)).toBe(true);
		expect(crossOrigin(request('GET', {}), url)).toBe(false);
	});

	it('answers 403 before the endpoint runs, and sets security headers', async () => {
		let resolved = 0;
		const resolve = async () => {
			resolved++;
			return new Response('ok');
		};
		const evil = fakeEvent(appOf(null as never), {
			method: 'POST',
			url: url.href,
			headers: { origin: 'http://evil.example' }
		});
		const refused = await handle({ event: evil.event, resolve });
		expect(refused.status).toBe(403);
		expect(resolved).toBe(0);
		const fine = fakeEvent(appOf(null as never), { url: 'http://localhost:4173/api/auth/me' });
		const res = await handle({ event: fine.event, resolve });
		expect(resolved).toBe(1);
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('x-frame-options')).toBe('DENY');
		expect(res.headers.get('referrer-policy')).toBe('same-origin');
		expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
		expect(res.headers.get('permissions-policy')).toContain('camera=()');
		expect(res.headers.get('cache-control')).toBe('no-store');
	});
});

describe('poke stream', () => {
	it('stops listening when the client leaves before the subscription is made', async () => {
		let listeners = 0;
		const hub = {
			subscribe: async () => {
				await new Promise((r) => setTimeout(r, 20));
				listeners++;
				return () => void listeners--;
			}
		};
		const stream = pokeStream(hub as never, 'c', 1, { heartbeatMs: 5 });
		await stream.cancel();
		await new Promise((r) => setTimeout(r, 50));
		expect(listeners).toBe(0);
	});
});
