import { describe, expect, it, vi } from 'vitest';
import { healthResponse } from '$lib/schemas';
import { GET } from '../../../routes/api/health/+server';
import { drivers, openTestDb } from '../testing/databases';
import { appOf, fakeEvent } from '../testing/events';
import { useTestDb } from '../testing/suite';
import { checkHealth } from './health';

vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

describe.each(drivers)('GET /api/health on %s', (driver) => {
	const t = useTestDb(driver);

	it('answers 200 after asking the database', async () => {
		const { event } = fakeEvent(appOf(t.db), { url: 'http://localhost/api/health' });
		const res = await GET(event);
		expect(res.status).toBe(200);
		const body = healthResponse.parse(await res.json());
		expect(body).toMatchObject({ ok: true, database: { ok: true, kind: driver } });
		expect(body.database.ms).toBeGreaterThanOrEqual(0);
		expect(res.headers.get('retry-after')).toBeNull();
	});

	it('answers 503 when the database does not answer within the timeout', async () => {
		// A transaction that locks the probed table: PostgreSQL makes the probe wait for the lock,
		// PGlite (one connection) makes every other query wait for the transaction.
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		let locked!: () => void;
		const isLocked = new Promise<void>((resolve) => (locked = resolve));
		const blocker = t.db.orm.transaction(async (tx) => {
			await tx.execute('lock table centres in access exclusive mode');
			locked();
			await held;
		});
		await isLocked;
		try {
			const health = await checkHealth(async () => appOf(t.db), 300);
			expect(health.status).toBe(503);
			expect(healthResponse.safeParse(health.body).success).toBe(true);
			expect(health.body).toEqual({
				ok: false,
				error: '数据库不可用，请稍后重试',
				database: { ok: false, kind: driver, detail: 'database did not answer within 300 ms' }
			});
		} finally {
			release();
			await blocker;
		}
		// The probe left behind finishes once the lock is gone; the next call is healthy again.
		expect((await checkHealth(async () => appOf(t.db), 5000)).status).toBe(200);
	});
});

describe('GET /api/health without a database', () => {
	it('answers 503 with the fault when the database cannot be opened', async () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.9:5432'), {
			code: 'ECONNREFUSED'
		});
		const health = await checkHealth(() => Promise.reject(refused), 300);
		expect(health).toEqual({
			status: 503,
			body: {
				ok: false,
				error: '数据库不可用，请稍后重试',
				database: { ok: false, detail: 'database could not be opened: ECONNREFUSED' }
			}
		});
	});

	it('answers 503 while the database is still opening', async () => {
		const health = await checkHealth(() => new Promise(() => {}), 200);
		expect(health.status).toBe(503);
		expect(health.body.database).toEqual({
			ok: false,
			detail: 'database not open after 200 ms (starting, or unreachable)'
		});
	});

	it('answers 503 when a closed database fails the query', async () => {
		const t = await openTestDb('pglite');
		await t.dispose();
		const health = await checkHealth(async () => appOf(t.db), 2000);
		expect(health.status).toBe(503);
		expect(health.body.database).toMatchObject({ ok: false, kind: 'pglite' });
		expect((health.body.database as { detail: string }).detail).toMatch(/^database query failed: /);
	});
});
