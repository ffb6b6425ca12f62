/**
 * A backup is only as good as its restore: data is written, backed up, restored into a fresh
 * place, and every row of every table is read back the same, for PGlite (the scripts'
 * functions) and for PostgreSQL (pg_dump and pg_restore, as docs/operations.md tells).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { push } from '../sync/push';
import { bookArgs, createTestCentre, mutation, newDeviceId, volumeArgs } from '../testing/fixtures';
import { backupPglite, restorePglite, tableCounts } from './backup';
import { openDatabase, type Db } from './open';

vi.setConfig({ hookTimeout: 180_000, testTimeout: 180_000 });

const run = promisify(execFile);
const migrationsFolder = resolve(process.cwd(), 'drizzle');
const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Every row of every table, in a stable order, to compare a restored copy with its original. */
async function everyRow(db: Db): Promise<Record<string, string[]>> {
	const rowsOf = (result: unknown) =>
		(Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<
			string,
			unknown
		>[];
	const rows: Record<string, string[]> = {};
	for (const { table } of await tableCounts(db)) {
		const [schema, name] = table.split('.');
		// row_to_json renders dates and numbers the same way whichever driver reads them.
		const result = await db.orm.execute(
			sql`select row_to_json(t)::text as row from ${sql.identifier(schema)}.${sql.identifier(name)} t`
		);
		rows[table] = rowsOf(result)
			.map((r) => String(r.row))
			.sort();
	}
	return rows;
}

/** A centre with accounts and records, then a device's pushes: results, audit, change log. */
async function writeData(db: Db, centreId: string) {
	const centre = await createTestCentre(db, centreId);
	const deviceId = newDeviceId();
	const results = await push(db, centre.users.manager, {
		protocol: 1,
		deviceId,
		mutations: [
			mutation(1, 'volume.add', volumeArgs(3, 9)),
			mutation(2, 'volume.add', volumeArgs(2, 10)),
			mutation(3, 'appointment.book', bookArgs(`${centreId}-appt-1`, centre.slots[0]))
		]
	});
	expect(results.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
}

describe('PGlite backup and restore', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'budayang-backup-'));
	});
	afterAll(() => rm(dir, { recursive: true, force: true }));

	it('restores into a fresh folder the same rows it backed up', async () => {
		const original = join(dir, 'data', 'pglite');
		const db = await openDatabase({ dataDir: original, migrationsFolder });
		let before: Record<string, string[]>;
		try {
			await writeData(db, 'bak-lite');
			before = await everyRow(db);
		} finally {
			await db.close();
		}
		expect(before['public.records'].length).toBeGreaterThan(5);
		expect(before['public.audit_log']).toHaveLength(3);

		const file = join(dir, 'backups', 'budayang.tar.gz');
		const { bytes } = await backupPglite(original, file);
		expect(bytes).toBeGreaterThan(1000);
		await expect(backupPglite(original, file)).rejects.toThrow(/exists/);

		const restored = join(dir, 'restored', 'pglite');
		await restorePglite(file, restored);
		const copy = await openDatabase({ dataDir: restored, migrationsFolder });
		try {
			expect(await everyRow(copy)).toEqual(before);
		} finally {
			await copy.close();
		}
	});

	it('refuses to restore over a folder that holds files, and to back up nothing', async () => {
		const occupied = join(dir, 'occupied');
		await mkdir(occupied, { recursive: true });
		await writeFile(join(occupied, 'PG_VERSION'), '17\n');
		await expect(restorePglite(join(dir, 'none.tar.gz'), occupied)).rejects.toThrow(/not empty/);
		expect(await readdir(occupied)).toEqual(['PG_VERSION']);
		await expect(backupPglite(join(dir, 'nothing'), join(dir, 'x.tar.gz'))).rejects.toThrow(
			/no PGlite database/
		);
	});
});

describe('PostgreSQL backup (pg_dump) and restore (pg_restore)', () => {
	const names = [1, 2].map(() => `budayang_bak_${randomBytes(5).toString('hex')}`);
	const urlOf = (name: string) => {
		const url = new URL(adminUrl);
		url.pathname = `/${name}`;
		return url.toString();
	};
	let admin: postgres.Sql;
	let dir: string;

	beforeAll(async () => {
		admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
		dir = await mkdtemp(join(tmpdir(), 'budayang-pgdump-'));
	});
	afterAll(async () => {
		for (const name of names) await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
		await rm(dir, { recursive: true, force: true });
	});

	it('restores into a fresh database the same rows it dumped', async () => {
		const [source, target] = names;
		await admin.unsafe(`create database ${source}`);
		const db = await openDatabase({ url: urlOf(source), migrationsFolder, poolSize: 2 });
		let before: Record<string, string[]>;
		try {
			await writeData(db, 'bak-pg');
			before = await everyRow(db);
		} finally {
			await db.close();
		}
		expect(before['public.audit_log']).toHaveLength(3);

		const file = join(dir, 'budayang.dump');
		await run('pg_dump', ['--format=custom', '--file', file, urlOf(source)]);
		await admin.unsafe(`create database ${target}`);
		await run('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', urlOf(target), file]);

		// The server opens the restored database as at any start: migrations find nothing to do.
		const copy = await openDatabase({ url: urlOf(target), migrationsFolder, poolSize: 2 });
		try {
			expect(await everyRow(copy)).toEqual(before);
		} finally {
			await copy.close();
		}
	});
});
