/**
 * Set-up per suite, as hooks of the enclosing `describe`: a test database and test centres in it.
 * Each returns an object its hook fills in, so tests and later hooks may read it; the describe
 * body itself may not. Kept apart from databases.ts and fixtures.ts, which the benches import
 * outside Vitest.
 */
import { afterAll, beforeAll } from 'vitest';
import { openTestDb, type Driver, type TestDb } from './databases';
import { createTestCentre, type TestCentre } from './fixtures';

/** Opens a test database before the suite's tests and drops it after them. */
export function useTestDb(driver: Driver): TestDb {
	const t = {} as TestDb;
	beforeAll(async () => {
		Object.assign(t, await openTestDb(driver));
	});
	afterAll(() => t.dispose?.());
	return t;
}

/** Seeds a test centre once the database of `useTestDb` is open. */
export function useTestCentre(
	t: TestDb,
	id: string,
	options?: { slotCount?: number; capacity?: number }
): TestCentre {
	const centre = {} as TestCentre;
	beforeAll(async () => {
		Object.assign(centre, await createTestCentre(t.db, id, options));
	});
	return centre;
}
