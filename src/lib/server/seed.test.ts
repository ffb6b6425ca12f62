import { describe, expect, it, vi } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { demoAccounts, generateDemo } from '$lib/demo';
import { cheapHashCost } from './auth/password';
import { login } from './auth/login';
import { centres, centreVersions, records, users } from './db/schema';
import { DEMO_PASSWORD, hallToday, seedDemo } from './seed';
import { pull } from './sync/pull';
import { drivers } from './testing/databases';
import { useTestDb } from './testing/suite';

// Opening PGlite and a fresh PostgreSQL database is slow on a busy 2-core machine.
vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

describe.each(drivers)('demo seeding on %s', (driver) => {
	const t = useTestDb(driver);

	it('seeds the generated centre once, in versions of whole batches, with an account per role', async () => {
		const demo = generateDemo({ seed: 2026, today: '2026-05-20', months: 1 });
		const options = { hashCost: cheapHashCost, rowsPerVersion: 1000 };
		expect(await seedDemo(t.db, demo, demoAccounts, options)).toBe(true);
		expect(await seedDemo(t.db, demo, demoAccounts, options)).toBe(false);

		const [centre] = await t.db.orm.select().from(centres);
		const [{ n }] = await t.db.orm.select({ n: count() }).from(records);
		expect(n).toBe(demo.records.length);
		const [clock] = await t.db.orm.select().from(centreVersions);
		expect(clock).toMatchObject({ centreId: centre.id });
		expect(clock.version).toBe(1 + Math.ceil((demo.records.length - 1) / 1000));

		const accounts = await t.db.orm.select().from(users).where(eq(users.centreId, centre.id));
		expect(accounts.map((u) => u.username).sort()).toEqual([
			'admin',
			'clerk',
			'district',
			'duty',
			'manager',
			'viewer'
		]);
		expect(accounts.find((u) => u.role === 'clerk')?.departmentId).toBeTruthy();
		const limits = { maxFailures: 5, maxFailuresPerAddress: 30, windowMinutes: 15 };
		const outcome = await login(
			t.db,
			{ username: 'manager', password: DEMO_PASSWORD, address: '127.0.0.1' },
			{ limits, sessionHours: 12 }
		);
		if (!outcome.ok) throw new Error('demo manager cannot log in');
		const first = await pull(t.db, outcome.me.user, { cursor: 0 });
		expect(first.hasMore).toBe(true);
		expect(first.changes.length).toBeLessThanOrEqual(3000);
	});

	it('knows the hall date', () => {
		expect(hallToday(new Date('2026-05-20T17:00:00Z'))).toBe('2026-05-21');
	});
});
