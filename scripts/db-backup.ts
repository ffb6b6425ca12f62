/**
 * Backs up the embedded PGlite database (DATA_DIR/pglite) into one gzipped tarball, then opens
 * the copy in memory and prints its tables' row counts, so a backup that cannot be read is known
 * now and not on the day it is needed. Run it with the server stopped:
 *
 *   npm run db:backup -- --out backups/budayang-2026-06-06.tar.gz
 *
 * With DATABASE_URL set, use pg_dump instead (docs/operations.md).
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { config } from '../src/lib/server/config';
import { backupPglite, tableCounts } from '../src/lib/server/db/backup';
import type { Orm } from '../src/lib/server/db/open';

async function main() {
	const { values } = parseArgs({ options: { out: { type: 'string' } } });
	if (!values.out) throw new Error('usage: npm run db:backup -- --out FILE.tar.gz');
	const c = config();
	if (c.databaseUrl) {
		throw new Error('DATABASE_URL is set: back PostgreSQL up with pg_dump (docs/operations.md)');
	}
	const folder = join(resolve(c.dataDir), 'pglite');
	const file = resolve(values.out);
	const { bytes } = await backupPglite(folder, file);
	console.log(`backed up ${folder} to ${file} (${bytes} bytes)`);

	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const copy = await PGlite.create({ loadDataDir: new Blob([await readFile(file)]) });
	try {
		const counts = await tableCounts({ orm: drizzle(copy) as unknown as Orm });
		for (const { table, rows } of counts) console.log(`  ${table}: ${rows} rows`);
	} finally {
		await copy.close();
	}
}

main().catch((e: unknown) => {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
});
