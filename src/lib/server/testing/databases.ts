/**
 * Test databases: every server test runs against the embedded PGlite (in memory) and against
 * the PostgreSQL server, each test file in a database of its own that is dropped afterwards.
 * When PostgreSQL is unreachable the tests fail; they never skip.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import postgres from 'postgres';
import { openDatabase, type Db } from '../db/open';

export const drivers = ['pglite', 'postgres'] as const;
export type Driver = (typeof drivers)[number];

/** A connection to a maintenance database, where test databases are created and dropped. */
const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const migrationsFolder = resolve(process.cwd(), 'drizzle');

export interface TestDb {
	db: Db;
	dispose(): Promise<void>;
}

/** `migrations` replaces the checked-in folder, for a test that starts from an older schema. */
export async function openTestDb(
	driver: Driver,
	{ migrations = migrationsFolder }: { migrations?: string } = {}
): Promise<TestDb> {
	if (driver === 'pglite') {
		const db = await openDatabase({ migrationsFolder: migrations });
		return { db, dispose: () => db.close() };
	}
	const name = `budayang_t_${randomBytes(6).toString('hex')}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
	try {
		await admin.unsafe(`create database ${name}`);
	} catch (e) {
		await admin.end();
		throw new Error(`PostgreSQL at ${adminUrl} is needed by the server tests: ${String(e)}`, {
			cause: e
		});
	}
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const db = await openDatabase({
		url: url.toString(),
		migrationsFolder: migrations,
		poolSize: 5
	});
	return {
		db,
		async dispose() {
			await db.close();
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	};
}
