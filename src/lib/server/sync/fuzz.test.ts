/**
 * The sync endpoints fed thousands of random malformed, hostile and oversized bodies (fast-check):
 * every one is answered 400 or 413, never 500, and nothing reaches the database. Hostile means
 * what PostgreSQL or the runtime would trip on later: NUL and unpaired surrogates, nesting a
 * thousand levels deep, numbers that overflow to Infinity, `__proto__` keys.
 */
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { count, eq } from 'drizzle-orm';
import { GET as pullGet } from '../../../routes/api/sync/pull/+server';
import { POST as pushPost } from '../../../routes/api/sync/push/+server';
import { auditLog, centreVersions, devices, mutationResults, records } from '../db/schema';
import { drivers } from '../testing/databases';
import { appOf, fakeEvent } from '../testing/events';
import { mutation, volumeArgs } from '../testing/fixtures';
import { useTestCentre, useTestDb } from '../testing/suite';
import { MAX_DEPTH, PROTOCOL_VERSION } from '$lib/schemas';

// A small limit keeps oversized bodies cheap to make; config() reads it on first use.
const LIMIT = 64 * 1024;
process.env.MAX_BODY_BYTES = String(LIMIT);

vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

const valid = () => ({
	protocol: 1,
	deviceId: 'fuzz-device',
	mutations: [mutation(1, 'volume.add', volumeArgs(1))]
});

const nested = (depth: number): unknown => {
	let v: unknown = 1;
	for (let i = 0; i < depth; i++) v = i % 3 ? [v] : { a: v };
	return v;
};

/** A lone surrogate or NUL placed at a random spot of otherwise ordinary text. */
const storableBreaking = fc
	.record({
		before: fc.string({ maxLength: 8 }),
		bad: fc.oneof(
			fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
			fc.constant('\u0000'),
			// A pair the wrong way round is two lone surrogates.
			fc.constant('\uDE00\uD83D')
		),
		after: fc.string({ maxLength: 8 })
	})
	.map(({ before, bad, after }) => `${before}${bad}${after}`);

const textPlaces: ((text: string) => unknown)[] = [
	(text) => ({ ...valid(), deviceId: text }),
	(text) => ({
		...valid(),
		mutations: [{ ...mutation(1, 'volume.add', volumeArgs(1)), name: text }]
	}),
	(text) => ({
		...valid(),
		mutations: [mutation(1, 'volume.add', { ...volumeArgs(1), category: text })]
	}),
	(text) => ({
		...valid(),
		mutations: [mutation(1, 'volume.add', { ...volumeArgs(1), refusalReason: text })]
	}),
	(text) => ({
		...valid(),
		mutations: [
			mutation(1, 'volume.addBatch', {
				date: '2026-06-06',
				source: 'form',
				cells: [
					{ hour: 9, category: '税务', channel: 'window', delta: {}, refusalReasons: { [text]: 1 } }
				]
			})
		]
	})
];

const protoPlaces = [
	'{"__proto__":{"protocol":1},"protocol":1,"deviceId":"d","mutations":[]}',
	JSON.stringify(valid()).replace('"args":{', '"args":{"__proto__":{"waiting":5},'),
	JSON.stringify({
		...valid(),
		mutations: [
			mutation(1, 'volume.addBatch', {
				date: '2026-06-06',
				source: 'form',
				cells: [
					{ hour: 9, category: '税务', channel: 'window', delta: {}, refusalReasons: { x: 1 } }
				]
			})
		]
	}).replace('"refusalReasons":{"x":1}', '"refusalReasons":{"__proto__":1}')
];

/** A push body that breaks exactly one rule of the wire schema (or of JSON itself). */
const brokenPush: fc.Arbitrary<string> = fc
	.oneof(
		// Not JSON at all, or JSON of the wrong shape.
		fc.string({ maxLength: 200 }).filter((s) => !isJson(s)),
		fc.json({ maxDepth: 3 }).filter((s) => !isPushShaped(JSON.parse(s))),
		// One field broken.
		fc
			.oneof(
				fc.constant(undefined),
				fc.integer().filter((n) => n < 1 || n > PROTOCOL_VERSION),
				fc.string(),
				fc.constant(null)
			)
			.map((protocol) => ({ ...valid(), protocol })),
		fc
			.oneof(
				fc.constant(''),
				fc.string({ minLength: 65, maxLength: 100 }),
				fc.integer(),
				fc.constant(null)
			)
			.map((deviceId) => ({ ...valid(), deviceId })),
		fc
			.oneof(fc.string(), fc.integer(), fc.dictionary(fc.string(), fc.integer()), fc.constant(null))
			.map((mutations) => ({ ...valid(), mutations })),
		fc
			.record({
				id: fc.oneof(
					fc.integer({ max: 0 }),
					fc.double({ noInteger: true }),
					fc.string(),
					fc.constant(undefined)
				),
				name: fc.oneof(fc.constant('volume.add'), fc.constant(''), fc.string({ minLength: 61 })),
				createdAt: fc.oneof(fc.constant('2026-06-06T09:00:00+08:00'), fc.string({ maxLength: 10 }))
			})
			.map((m) => ({ ...valid(), mutations: [{ ...m, args: volumeArgs(1) }] })),
		fc
			.record({
				name: fc.oneof(fc.constant(''), fc.string({ minLength: 61, maxLength: 80 })),
				createdAt: fc.string({ maxLength: 12 })
			})
			.map((m) => ({ ...valid(), mutations: [{ ...mutation(1, 'volume.add', {}), ...m }] })),
		// More mutations than one push may carry.
		fc.integer({ min: 501, max: 520 }).map((n) => ({
			...valid(),
			mutations: Array.from({ length: n }, (_, i) => ({ id: i + 1, name: 'x', createdAt: 'x' }))
		})),
		// A NUL character anywhere in the arguments (PostgreSQL refuses it in jsonb).
		fc
			.string({ maxLength: 20 })
			.map((s) => ({ ...valid(), mutations: [mutation(1, 'volume.add', { note: `${s}\u0000` })] })),
		// Text PostgreSQL cannot store, in any string of the body or in a key.
		fc
			.record({ text: storableBreaking, where: fc.constantFrom(...textPlaces) })
			.map(({ text, where }) => where(text)),
		// Nesting far past any record of ours, in the arguments or around the whole body.
		fc.integer({ min: MAX_DEPTH, max: 3000 }).map((depth) => ({
			...valid(),
			mutations: [mutation(1, 'volume.add', { ...volumeArgs(1), waiting: nested(depth) })]
		})),
		fc.integer({ min: MAX_DEPTH, max: 3000 }).map((depth) => JSON.stringify(nested(depth))),
		// Numbers JSON.parse turns into ±Infinity, where a number or an id is expected.
		fc
			.record({
				n: fc.constantFrom('1e400', '-1e400', '1E999', '123456789e999'),
				field: fc.constantFrom('"protocol":1', '"id":1', '"accepted":1', '"hour":9')
			})
			.map(({ n, field }) =>
				JSON.stringify({
					...valid(),
					mutations: [mutation(1, 'volume.add', { ...volumeArgs(1), delta: { accepted: 1 } })]
				}).replace(field, field.replace(/\d+$/, n))
			),
		// A `__proto__` key, which Zod would drop without a word, anywhere in the body.
		fc.constantFrom(...protoPlaces)
	)
	.map((body) => (typeof body === 'string' ? body : JSON.stringify(body)));

function isJson(s: string) {
	try {
		JSON.parse(s);
		return true;
	} catch {
		return false;
	}
}

function isPushShaped(v: unknown) {
	return typeof v === 'object' && v !== null && 'protocol' in v && 'mutations' in v;
}

/** Bodies over the limit: well-formed pushes padded out, random bytes, with or without a length. */
const oversized = fc.record({
	pad: fc.integer({ min: LIMIT + 1, max: LIMIT * 4 }),
	declared: fc.boolean(),
	chunk: fc.integer({ min: 512, max: 8192 }),
	json: fc.boolean()
});

describe.each(drivers)('sync endpoints under random bad input on %s', (driver) => {
	const t = useTestDb(driver);
	const centre = useTestCentre(t, `fuzz-${driver}`);
	const runs = driver === 'pglite' ? 2500 : 1000;

	async function written() {
		const [v] = await t.db.orm
			.select({ v: centreVersions.version })
			.from(centreVersions)
			.where(eq(centreVersions.centreId, centre.id));
		const [r] = await t.db.orm.select({ n: count() }).from(records);
		const [d] = await t.db.orm.select({ n: count() }).from(devices);
		const [m] = await t.db.orm.select({ n: count() }).from(mutationResults);
		const [a] = await t.db.orm.select({ n: count() }).from(auditLog);
		return { version: v.v, records: r.n, devices: d.n, results: m.n, audit: a.n };
	}

	const push = (body: BodyInit, headers: Record<string, string> = {}) =>
		pushPost(
			fakeEvent(appOf(t.db), {
				method: 'POST',
				user: centre.users.duty,
				body,
				headers: { 'content-type': 'application/json', ...headers }
			}).event
		);

	it('answers every malformed push with 400 and writes nothing', async () => {
		const before = await written();
		const statuses = new Map<number, number>();
		await fc.assert(
			fc.asyncProperty(brokenPush, async (body) => {
				const res = await push(body);
				statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
				expect(res.status, body.slice(0, 200)).toBe(400);
				expect((await res.json()).error).toBe('请求格式不正确');
			}),
			{ numRuns: runs }
		);
		// Random bytes, valid UTF-8 or not.
		await fc.assert(
			fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
				const res = await push(bytes);
				expect(res.status).toBe(400);
			}),
			{ numRuns: Math.floor(runs / 5) }
		);
		expect([...statuses.keys()]).toEqual([400]);
		expect(await written()).toEqual(before);
	});

	it("rejects names an object treats specially in the user's language, and changes no record", async () => {
		const before = await written();
		const device = `fuzz-names-${driver}`;
		const hostile = fc.oneof(
			fc.constantFrom('__proto__', 'constructor', 'prototype').map((name) => ({ category: name })),
			fc.constantFrom('constructor', 'prototype').map((name) => ({
				refusalReason: name,
				delta: { refused: 1 }
			})),
			fc.constantFrom('constructor', 'prototype').map((name) => ({ windowId: name }))
		);
		let id = 0;
		await fc.assert(
			fc.asyncProperty(hostile, async (over) => {
				id++;
				const res = await push(
					JSON.stringify({
						protocol: 1,
						deviceId: device,
						mutations: [mutation(id, 'volume.add', { ...volumeArgs(1), ...over })]
					})
				);
				expect(res.status).toBe(200);
				expect((await res.json()).results).toEqual([
					expect.objectContaining({
						id,
						status: 'rejected',
						code: 'INVALID',
						message: 'input_error_reserved_name'
					})
				]);
			}),
			{ numRuns: 40 }
		);
		const after = await written();
		// The rejections are kept for the device (results and audit); no record and no version moved.
		expect({
			...after,
			results: before.results,
			audit: before.audit,
			devices: before.devices
		}).toEqual(before);
		expect(after.results - before.results).toBe(id);
	});

	it('answers every oversized push with 413, declared or streamed, and writes nothing', async () => {
		const before = await written();
		await fc.assert(
			fc.asyncProperty(oversized, async ({ pad, declared, chunk, json }) => {
				const text = json
					? JSON.stringify({
							...valid(),
							mutations: [mutation(1, 'volume.add', { ...volumeArgs(1), pad: 'x'.repeat(pad) })]
						})
					: 'y'.repeat(pad);
				const bytes = new TextEncoder().encode(text);
				const res = declared
					? await push(text, { 'content-length': String(bytes.length) })
					: await push(
							new ReadableStream<Uint8Array>({
								start(controller) {
									for (let i = 0; i < bytes.length; i += chunk) {
										controller.enqueue(bytes.slice(i, i + chunk));
									}
									controller.close();
								}
							})
						);
				expect(res.status).toBe(413);
				expect((await res.json()).error).toBe('请求内容过大');
			}),
			{ numRuns: Math.floor(runs / 10) }
		);
		expect(await written()).toEqual(before);
	});

	it('answers malformed pull queries with 400, any query without a 500, and writes nothing', async () => {
		const before = await written();
		const pull = (query: string) =>
			pullGet(
				fakeEvent(appOf(t.db), {
					url: `http://localhost/api/sync/pull?${query}`,
					user: centre.users.viewer
				}).event
			);
		const badCursor = fc.oneof(
			fc.integer({ max: -1 }).map(String),
			fc.double({ noInteger: true, noDefaultInfinity: true, noNaN: true }).map(String),
			fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e400', 'abc', '1.5'),
			fc.string({ minLength: 1, maxLength: 20 }).map((s) => `q${s}`)
		);
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					badCursor.map((c) => `cursor=${encodeURIComponent(c)}`),
					fc
						.string({ minLength: 65, maxLength: 120 })
						.map((d) => `cursor=0&deviceId=${encodeURIComponent(d)}`),
					fc.constant('cursor=0&deviceId='),
					// NUL in the device id: PostgreSQL would refuse it mid-query.
					fc.constantFrom('%00', 'a%00b').map((d) => `cursor=0&deviceId=${d}`),
					fc.constantFrom('1e400', '%00', '9'.repeat(400)).map((c) => `cursor=${c}`)
				),
				async (query) => {
					const res = await pull(query);
					expect(res.status, query).toBe(400);
				}
			),
			{ numRuns: runs }
		);
		// Broken UTF-8 decodes to U+FFFD, which is ordinary text: an answer, not an error.
		for (const d of ['%ED%A0%80', '%C0%80', '%FF']) {
			expect((await pull(`cursor=0&deviceId=${d}`)).status, d).toBe(200);
		}
		// Anything at all in the query: an answer, never a server error.
		await fc.assert(
			fc.asyncProperty(
				fc.dictionary(fc.constantFrom('cursor', 'deviceId', 'x'), fc.string({ maxLength: 40 })),
				async (params) => {
					const res = await pull(new URLSearchParams(params).toString());
					expect([200, 400]).toContain(res.status);
				}
			),
			{ numRuns: Math.floor(runs / 2) }
		);
		expect(await written()).toEqual(before);
	});
});
