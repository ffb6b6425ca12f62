/**
 * Backup and restore of the embedded PGlite database. PGlite keeps a whole PostgreSQL cluster in
 * DATA_DIR/pglite; its own `dumpDataDir` packs that folder into one gzipped tarball, and
 * `loadDataDir` unpacks one into a new folder. PostgreSQL itself is backed up with pg_dump
 * (docs/operations.md). PGlite is one process's database: both run with the server stopped.
 */
import { constants } from 'node:fs';
import { access, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from './open';

/**
 * Takes UPDATE, DELETE and TRUNCATE on the audit log from the role the app connects as, which owns
 * the tables. Migration 0003 did it once; a dump restored with `pg_restore --no-acl`, or under
 * another role, arrives without it, so the server repeats it at every start (open.ts). Idempotent;
 * a superuser (PGlite, always) passes privilege checks anyway, and the row trigger stands in there.
 */
export async function sealAuditLog(db: Pick<Db, 'orm'>): Promise<void> {
	await db.orm.execute(sql`revoke update, delete, truncate on audit_log from current_user`);
}

export interface TableCount {
	table: string;
	rows: number;
}

async function exists(path: string): Promise<boolean> {
	return access(path, constants.F_OK).then(
		() => true,
		() => false
	);
}

async function isEmptyFolder(path: string): Promise<boolean> {
	return readdir(path).then(
		(names) => names.length === 0,
		() => true
	);
}

/** The rows of every table of the app and of the migration journal, to check a copy against. */
export async function tableCounts(db: Pick<Db, 'orm'>): Promise<TableCount[]> {
	// postgres-js answers an array of rows, PGlite an object with `rows`.
	const rowsOf = (result: unknown) =>
		Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
	const tables = await db.orm.execute(sql`
		select table_schema as schema, table_name as name from information_schema.tables
		where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE'
		order by table_schema, table_name`);
	const counts: TableCount[] = [];
	for (const t of rowsOf(tables) as { schema: string; name: string }[]) {
		const [row] = rowsOf(
			await db.orm.execute(
				sql`select count(*)::int as n from ${sql.identifier(t.schema)}.${sql.identifier(t.name)}`
			)
		) as { n: number }[];
		counts.push({ table: `${t.schema}.${t.name}`, rows: Number(row.n) });
	}
	return counts;
}

/**
 * Packs the PGlite folder into `file` (gzipped tar). Refuses to overwrite a file, and writes
 * through a temporary name so a crash never leaves half a backup under the real one.
 */
export async function backupPglite(folder: string, file: string): Promise<{ bytes: number }> {
	if (!(await exists(join(folder, 'PG_VERSION')))) {
		throw new Error(`no PGlite database in ${folder}`);
	}
	if (await exists(file)) throw new Error(`${file} exists; choose a new name`);
	const { PGlite } = await import('@electric-sql/pglite');
	const db = await PGlite.create(folder);
	let tarball: Blob;
	try {
		tarball = await db.dumpDataDir('gzip');
	} finally {
		await db.close();
	}
	const bytes = new Uint8Array(await tarball.arrayBuffer());
	await mkdir(dirname(file), { recursive: true });
	const partial = `${file}.partial`;
	await writeFile(partial, bytes, { flag: 'wx' });
	await rename(partial, file);
	return { bytes: bytes.byteLength };
}

/**
 * Unpacks a backup into a new PGlite folder. Refuses a folder that already holds files, so a
 * restore can never overwrite the database it was meant to replace; move that one aside first.
 */
export async function restorePglite(file: string, folder: string): Promise<void> {
	if (!(await isEmptyFolder(folder))) {
		throw new Error(`${folder} is not empty; move it aside before restoring into it`);
	}
	const tarball = new Blob([await readFile(file)]);
	const { PGlite } = await import('@electric-sql/pglite');
	await mkdir(folder, { recursive: true });
	try {
		const db = await PGlite.create(folder, { loadDataDir: tarball });
		await db.close();
	} catch (e) {
		// Leave no half-unpacked folder behind: the next attempt must start from empty.
		for (const name of await readdir(folder)) {
			await rm(join(folder, name), { recursive: true, force: true });
		}
		throw e;
	}
}
