/**
 * Test databases: every server test runs against the embedded PGlite (in memory) and against
 * the PostgreSQL server, each test file in a database of its own that is dropped afterwards.
 * When PostgreSQL is unreachable the tests fail; they never skip.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
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
		const db = await openDatabase({
			migrationsFolder: migrations,
			loadDataDir: await migrated(migrations)
		});
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

/**
 * A PGlite data folder with `migrations` applied, as a tar: loading one takes about 1 s, migrating
 * an empty database 2.5–4.5 s, and every server test file opens one per suite. Kept per process
 * and in the system's temporary folder under a hash of the migrations, so the test workers share
 * it and a changed migration makes a new one.
 */
const templates = new Map<string, Promise<Blob>>();

function migrated(migrations: string): Promise<Blob> {
	let template = templates.get(migrations);
	if (!template) templates.set(migrations, (template = makeTemplate(migrations)));
	return template;
}

async function makeTemplate(migrations: string): Promise<Blob> {
	// PGlite's own version too: a data folder of another release may not load.
	const hash = createHash('sha256').update(
		await readFile(resolve(process.cwd(), 'node_modules/@electric-sql/pglite/package.json'))
	);
	const files = (await readdir(migrations, { recursive: true, withFileTypes: true }))
		.filter((f) => f.isFile())
		.map((f) => join(f.parentPath, f.name))
		.sort();
	for (const file of files) hash.update(file.slice(migrations.length)).update(await readFile(file));
	const path = join(tmpdir(), `budayang-pglite-${hash.digest('hex').slice(0, 16)}.tar`);
	const kept = await readFile(path).catch(() => undefined);
	if (kept) return new Blob([kept]);
	const db = await openDatabase({ migrationsFolder: migrations });
	try {
		const client = (db.orm as unknown as { $client: PGlite }).$client;
		const dump = await client.dumpDataDir('none');
		// Written aside and renamed, so a worker never reads half a file another is writing.
		const partial = `${path}.${randomBytes(4).toString('hex')}`;
		await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
		await rename(partial, path);
		return dump;
	} finally {
		await db.close();
	}
}
