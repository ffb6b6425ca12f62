import { beforeAll, describe, expect, it, vi } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { PROTOCOL_VERSION, pullResponse, pushResponse } from '$lib/schemas';
import { GET as pullEndpoint } from '../../routes/api/sync/pull/+server';
import { POST as pushEndpoint } from '../../routes/api/sync/push/+server';
import { acceptedEncoding } from './compress';
import type { App } from './db';
import { drivers } from './testing/databases';
import { appOf, fakeEvent, jsonBody } from './testing/events';
import { mutation, newDeviceId, volumeArgs } from './testing/fixtures';
import { useTestCentre, useTestDb } from './testing/suite';

vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

describe('acceptedEncoding', () => {
	it('prefers brotli, takes gzip, and honours q=0', () => {
		expect(acceptedEncoding('gzip, deflate, br, zstd')).toBe('br');
		expect(acceptedEncoding('gzip, deflate')).toBe('gzip');
		expect(acceptedEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
		expect(acceptedEncoding('BR')).toBe('br');
		expect(acceptedEncoding('*')).toBe('gzip');
		expect(acceptedEncoding('identity')).toBeUndefined();
		expect(acceptedEncoding('gzip;q=0')).toBeUndefined();
		expect(acceptedEncoding(null)).toBeUndefined();
	});
});

describe.each(drivers)('sync answers compressed on %s', (driver) => {
	const t = useTestDb(driver);
	const centre = useTestCentre(t, 'compress', { slotCount: 30 });
	let app: App;

	beforeAll(() => {
		app = appOf(t.db);
	});

	async function pullWith(headers: Record<string, string>, cursor = 0) {
		const { event } = fakeEvent(app, {
			url: `http://localhost/api/sync/pull?cursor=${cursor}`,
			user: centre.users.manager,
			headers
		});
		const res = await pullEndpoint(event);
		expect(res.status).toBe(200);
		return { res, bytes: Buffer.from(await res.arrayBuffer()) };
	}

	it('brotli or gzip as the client accepts, the same JSON after decoding', async () => {
		const plain = await pullWith({});
		expect(plain.res.headers.get('content-encoding')).toBeNull();
		const expected = pullResponse.parse(JSON.parse(plain.bytes.toString()));
		expect(expected.changes.length).toBeGreaterThan(30);

		const br = await pullWith({ 'accept-encoding': 'gzip, deflate, br' });
		expect(br.res.headers.get('content-encoding')).toBe('br');
		expect(br.res.headers.get('vary')).toBe('accept-encoding');
		expect(br.bytes.length).toBeLessThan(plain.bytes.length / 3);
		expect(JSON.parse(brotliDecompressSync(br.bytes).toString())).toEqual(expected);

		const gz = await pullWith({ 'accept-encoding': 'gzip' });
		expect(gz.res.headers.get('content-encoding')).toBe('gzip');
		expect(gz.bytes.length).toBeLessThan(plain.bytes.length / 3);
		expect(JSON.parse(gunzipSync(gz.bytes).toString())).toEqual(expected);
	});

	it('leaves a short answer as it is', async () => {
		const first = await pullWith({});
		const cursor = pullResponse.parse(JSON.parse(first.bytes.toString())).cursor;
		const atTip = await pullWith({ 'accept-encoding': 'br' }, cursor);
		expect(atTip.res.headers.get('content-encoding')).toBeNull();
		expect(pullResponse.parse(JSON.parse(atTip.bytes.toString())).changes).toEqual([]);
	});

	it('compresses a push answer that carries a page', async () => {
		const { body, headers } = jsonBody({
			protocol: PROTOCOL_VERSION,
			deviceId: newDeviceId(),
			mutations: [mutation(1, 'volume.add', volumeArgs(1))],
			since: 0
		});
		const { event } = fakeEvent(app, {
			method: 'POST',
			url: 'http://localhost/api/sync/push',
			user: centre.users.manager,
			body,
			headers: { ...headers, 'accept-encoding': 'br' }
		});
		const res = await pushEndpoint(event);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-encoding')).toBe('br');
		const text = brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString();
		const answer = pushResponse.parse(JSON.parse(text));
		expect(answer.results.map((r) => r.status)).toEqual(['applied']);
		expect(answer.pull?.changes.length).toBeGreaterThan(30);
	});
});
