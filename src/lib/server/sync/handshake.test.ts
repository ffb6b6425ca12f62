/**
 * The version handshake against the real endpoints and databases: a device below the server's
 * minimum is answered 426 with what it needs to tell its user, before anything is read or stored.
 */
import { describe, expect, it, vi } from 'vitest';
import {
	CLIENT_PROTOCOL_HEADER,
	CLIENT_SCHEMA_HEADER,
	clientTooOld,
	PROTOCOL_VERSION,
	SCHEMA_VERSION
} from '$lib/schemas';
import { POST as revealPost } from '../../../routes/api/reveal/+server';
import { GET as eventsGet } from '../../../routes/api/sync/events/+server';
import { GET as pullGet } from '../../../routes/api/sync/pull/+server';
import { POST as pushPost } from '../../../routes/api/sync/push/+server';
import { drivers } from '../testing/databases';
import { appOf, fakeEvent, jsonBody } from '../testing/events';
import { mutation, newDeviceId, volumeArgs, written } from '../testing/fixtures';
import { useTestCentre, useTestDb } from '../testing/suite';

vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

const announce = (protocol: number | string, schema: number | string = SCHEMA_VERSION) => ({
	[CLIENT_PROTOCOL_HEADER]: String(protocol),
	[CLIENT_SCHEMA_HEADER]: String(schema)
});

describe.each(drivers)('sync handshake on %s', (driver) => {
	const t = useTestDb(driver);
	const centre = useTestCentre(t, 'handshake');

	const push = (minProtocol: number, headers: Record<string, string>, deviceId = newDeviceId()) => {
		const body = jsonBody({
			protocol: PROTOCOL_VERSION,
			deviceId,
			mutations: [mutation(1, 'volume.add', volumeArgs(2))]
		});
		return pushPost(
			fakeEvent(appOf(t.db, undefined, { minProtocol }), {
				method: 'POST',
				url: 'http://localhost/api/sync/push',
				user: centre.users.duty,
				body: body.body,
				headers: { ...body.headers, ...headers }
			}).event
		);
	};

	it('answers 426 with the minimum to a push below it, and stores nothing', async () => {
		const before = await written(t.db, centre.id);
		const res = await push(PROTOCOL_VERSION + 1, announce(PROTOCOL_VERSION));
		expect(res.status).toBe(426);
		const body = clientTooOld.parse(await res.json());
		expect(body).toMatchObject({
			code: 'client_too_old',
			messageKey: 'sync_client_too_old',
			minProtocol: PROTOCOL_VERSION + 1,
			protocol: PROTOCOL_VERSION,
			serverProtocol: PROTOCOL_VERSION,
			serverSchema: SCHEMA_VERSION
		});
		expect(body.error).toMatch(/版本过旧/);
		expect(await written(t.db, centre.id)).toEqual(before);
	});

	it('takes a device that announces nothing for one of the first release (protocol 1)', async () => {
		const refused = await push(2, {});
		expect(refused.status).toBe(426);
		expect((await refused.json()).protocol).toBe(1);
		// With the default minimum the first release still syncs, so its outbox can drain.
		const before = await written(t.db, centre.id);
		const accepted = await push(1, {});
		expect(accepted.status).toBe(200);
		expect((await accepted.json()).results).toMatchObject([{ id: 1, status: 'applied' }]);
		expect((await written(t.db, centre.id)).version).toBe(before.version + 1);
	});

	it('serves the current build at the default minimum', async () => {
		const res = await push(1, announce(PROTOCOL_VERSION));
		expect(res.status).toBe(200);
	});

	it('answers pull, the event stream and reveal alike, from headers or the query', async () => {
		const app = appOf(t.db, undefined, { minProtocol: PROTOCOL_VERSION + 1 });
		const pulled = await pullGet(
			fakeEvent(app, {
				url: 'http://localhost/api/sync/pull?cursor=0',
				user: centre.users.viewer,
				headers: announce(PROTOCOL_VERSION)
			}).event
		);
		expect(pulled.status).toBe(426);
		expect(clientTooOld.parse(await pulled.json()).minProtocol).toBe(PROTOCOL_VERSION + 1);
		// An EventSource cannot send headers: the stream reads the same versions from its query.
		const stream = await eventsGet(
			fakeEvent(app, {
				url: `http://localhost/api/sync/events?protocol=${PROTOCOL_VERSION}&schema=${SCHEMA_VERSION}`,
				user: centre.users.viewer
			}).event
		);
		expect(stream.status).toBe(426);
		expect(stream.headers.get('content-type')).toMatch(/json/);
		const revealed = await revealPost(
			fakeEvent(app, {
				method: 'POST',
				url: 'http://localhost/api/reveal',
				user: centre.users.manager,
				...jsonBody({ entity: 'staff', id: 'nobody', field: 'phone' }),
				headers: { 'content-type': 'application/json', ...announce(PROTOCOL_VERSION) }
			}).event
		);
		expect(revealed.status).toBe(426);
	});

	it('refuses versions that are not whole numbers with 400', async () => {
		for (const bad of ['two', '0', '-1', '1.5', '']) {
			const res = await push(1, announce(bad));
			expect(res.status, bad).toBe(400);
		}
		const badSchema = await push(1, announce(PROTOCOL_VERSION, 'x'));
		expect(badSchema.status).toBe(400);
	});
});
