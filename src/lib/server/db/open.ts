/**
 * Opens the database: PostgreSQL through postgres-js when a URL is given, otherwise the embedded
 * PGlite (in a folder, or in memory for tests). Both run the same checked-in migrations and are
 * used through the same drizzle interface, so the rest of the server never asks which it has.
 */
import { mkdir } from 'node:fs/promises';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sealAuditLog } from './backup';
import * as schema from './schema';

export type Orm = PgDatabase<PgQueryResultHKT, typeof schema>;
export type OrmTx = Parameters<Parameters<Orm['transaction']>[0]>[0];

export interface Db {
	kind: 'pglite' | 'postgres';
	orm: Orm;
	/** Calls `onPayload` for every NOTIFY on `channel` until the returned function is called. */
	listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
	close(): Promise<void>;
}

export interface OpenOptions {
	/** postgres:// URL; without it PGlite is used. */
	url?: string;
	/** PGlite folder; without it (and without url) the database lives in memory. */
	dataDir?: string;
	/**
	 * PGlite only: a data folder dumped from a database of the same migrations, loaded instead of
	 * starting empty (the tests' template: loading is quicker than migrating afresh).
	 */
	loadDataDir?: Blob;
	migrationsFolder: string;
	poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Db> {
	const db = options.url
		? await openPostgres(options.url, options.poolSize ?? 10)
		: await openPglite(options.dataDir, options.loadDataDir);
	try {
		await db.migrate(options.migrationsFolder);
		await sealAuditLog(db);
	} catch (e) {
		await db.close();
		throw e;
	}
	return db;
}

async function openPglite(
	dataDir?: string,
	loadDataDir?: Blob
): Promise<Db & { migrate(folder: string): Promise<void> }> {
	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const { migrate } = await import('drizzle-orm/pglite/migrator');
	if (dataDir) await mkdir(dataDir, { recursive: true });
	const client = await PGlite.create({ dataDir, loadDataDir });
	const orm = drizzle(client, { schema });
	return {
		kind: 'pglite',
		orm: orm as unknown as Orm,
		migrate: (migrationsFolder) => migrate(orm, { migrationsFolder }),
		listen: (channel, onPayload) => client.listen(channel, onPayload),
		close: () => client.close()
	};
}

async function openPostgres(
	url: string,
	max: number
): Promise<Db & { migrate(folder: string): Promise<void> }> {
	const { default: postgres } = await import('postgres');
	const { drizzle } = await import('drizzle-orm/postgres-js');
	const { migrate } = await import('drizzle-orm/postgres-js/migrator');
	// Migrations print NOTICEs ("already exists, skipping"); they are not news to an operator.
	const client = postgres(url, { max, onnotice: () => {} });
	const orm = drizzle(client, { schema });
	return {
		kind: 'postgres',
		orm: orm as unknown as Orm,
		migrate: (migrationsFolder) => migrate(orm, { migrationsFolder }),
		async listen(channel, onPayload) {
			const { unlisten } = await client.listen(channel, onPayload);
			return unlisten;
		},
		close: () => client.end({ timeout: 5 })
	};
}
