/**
 * Restores a backup made by db-backup.ts into DATA_DIR/pglite, which must not exist or be
 * empty (move the old folder aside first: a restore never overwrites a database). Run it with
 * the server stopped; the next start applies any newer migrations to the restored data.
 *
 *   npm run db:restore -- --from backups/budayang-2026-06-06.tar.gz
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { config } from '../src/lib/server/config';
import { restorePglite, tableCounts } from '../src/lib/server/db/backup';
import { openDatabase } from '../src/lib/server/db/open';

async function main() {
	const { values } = parseArgs({ options: { from: { type: 'string' } } });
	if (!values.from) throw new Error('usage: npm run db:restore -- --from FILE.tar.gz');
	const c = config();
	if (c.databaseUrl) {
		throw new Error('DATABASE_URL is set: restore PostgreSQL with pg_restore (docs/operations.md)');
	}
	const folder = join(resolve(c.dataDir), 'pglite');
	await restorePglite(resolve(values.from), folder);
	// Opened as the server opens it, migrations included, so a restore that will not start fails here.
	const db = await openDatabase({ dataDir: folder, migrationsFolder: resolve(c.migrationsDir) });
	try {
		console.log(`restored ${values.from} into ${folder}`);
		for (const { table, rows } of await tableCounts(db)) console.log(`  ${table}: ${rows} rows`);
	} finally {
		await db.close();
	}
}

main().catch((e: unknown) => {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
});
