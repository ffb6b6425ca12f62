import { beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { pullResponse, type SessionUser } from '$lib/schemas';
import { records } from '../db/schema';
import { drivers } from '../testing/databases';
import { seedPagedCentre } from '../testing/fixtures';
import { useTestDb } from '../testing/suite';
import { pull } from './pull';

// Opening PGlite and a fresh PostgreSQL database is slow on a busy 2-core machine.
vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

const centreId = 'progress-a';

describe.each(drivers)('pull progress on %s', (driver) => {
	const t = useTestDb(driver);
	let manager: SessionUser;

	beforeAll(async () => {
		manager = await seedPagedCentre(t.db, centreId);
	});

	it('tells a new device, page by page, how many rows are still to come', async () => {
		const total = (await t.db.orm.select().from(records).where(eq(records.centreId, centreId)))
			.length;
		expect(total).toBeGreaterThan(30);
		let cursor = 0;
		let received = 0;
		let pages = 0;
		for (;;) {
			const page = pullResponse.parse(await pull(t.db, manager, { cursor }, { pageSize: 10 }));
			received += page.changes.length;
			pages++;
			// What came plus what is announced is the whole centre, on every page.
			expect(page.remaining).toBe(total - received);
			cursor = page.cursor;
			if (!page.hasMore) break;
		}
		expect(pages).toBeGreaterThan(3);
		expect(received).toBe(total);
	});

	it('announces nothing more to a device that is up to date', async () => {
		const first = await pull(t.db, manager, { cursor: 0 });
		expect(first).toMatchObject({ hasMore: false, remaining: 0 });
		const again = await pull(t.db, manager, { cursor: first.cursor });
		expect(again).toMatchObject({ changes: [], hasMore: false, remaining: 0 });
	});
});
