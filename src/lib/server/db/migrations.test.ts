import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { redactPersonal } from '$lib/schemas/personal';
import { auditChanges } from '../audit';
import { drivers, openTestDb, type TestDb } from '../testing/databases';
import { openDatabase, type Db, type Orm } from './open';
import { auditLog, centreVersions, refusedMutations } from './schema';

vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

const folder = resolve(process.cwd(), 'drizzle');
const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The checked-in migrations up to (not including) `tag`, as a folder of their own. */
async function migrationsBefore(tag: string): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), 'budayang-migrations-'));
	await cp(folder, dir, { recursive: true });
	const journalPath = join(dir, 'meta', '_journal.json');
	const journal = JSON.parse(await readFile(journalPath, 'utf8'));
	const at = journal.entries.findIndex((e: { tag: string }) => e.tag === tag);
	journal.entries = journal.entries.slice(0, at);
	await writeFile(journalPath, JSON.stringify(journal));
	return dir;
}

async function migrate(driver: string, orm: Orm) {
	const { migrate: run } =
		driver === 'pglite'
			? await import('drizzle-orm/pglite/migrator')
			: await import('drizzle-orm/postgres-js/migrator');
	await run(orm as never, { migrationsFolder: folder });
}

const booking = {
	id: 'appt-old',
	slotId: 's1',
	applicant: { kind: 'person', name: '旧日志申请人', phone: '13512345678', idNumber: 'X' },
	channel: 'phone',
	notes: '电话 13512345678'
};
const before = { id: 'appt-old', status: 'booked', applicant: null, notes: '' };
const after = { id: 'appt-old', status: 'booked', applicant: booking.applicant, notes: 'n' };

describe.each(drivers)('migration 0002 on %s', (driver) => {
	let t: TestDb;
	let older: string;

	beforeAll(async () => {
		older = await migrationsBefore('0002_audit_without_personal_data');
		t = await openTestDb(driver, { migrations: older });
		const row = (mutationId: number, name: string, code: string | null, args: unknown) => ({
			centreId: 'mig-a',
			userId: 'u1',
			deviceId: 'd1',
			mutationId,
			name,
			status: code ? ('rejected' as const) : ('applied' as const),
			code,
			args,
			at: new Date(`2026-01-0${mutationId}T00:00:00Z`)
		});
		await t.db.orm.insert(auditLog).values([
			{
				...row(1, 'appointment.book', null, booking),
				changes: [{ entity: 'appointment', id: 'appt-old', op: 'put', before, after }]
			},
			{ ...row(2, 'no.such', 'UNKNOWN_MUTATION', { phone: '13512345678' }), changes: [] },
			{ ...row(3, 'no.such', 'UNKNOWN_MUTATION', {}), changes: [] },
			{
				...row(4, 'appointment.erase', null, { cutoff: '2025-07-01', count: 1 }),
				changes: [{ entity: 'appointment', id: 'appt-old', op: 'put' }]
			}
		]);
		await migrate(driver, t.db.orm);
	});
	afterAll(async () => {
		await t?.dispose();
		if (older) await rm(older, { recursive: true, force: true });
	});

	it('rewrites old audit rows as push.ts writes new ones, and keeps no personal value', async () => {
		const rows = await t.db.orm.select().from(auditLog).orderBy(auditLog.mutationId);
		expect(JSON.stringify(rows)).not.toContain('13512345678');
		expect(JSON.stringify(rows)).not.toContain('旧日志申请人');
		// The SQL in the migration and the TypeScript the server runs agree.
		expect(rows[0].args).toEqual(redactPersonal(booking));
		expect(rows[0].changes).toEqual(
			auditChanges([{ entity: 'appointment', id: 'appt-old', op: 'put', before, after }])
		);
		expect(rows[1].args).toBeNull();
		expect(rows[3]).toMatchObject({
			args: { cutoff: '2025-07-01', count: 1 },
			changes: [{ entity: 'appointment', id: 'appt-old', op: 'put' }]
		});
	});

	it('counts the refused mutations it found and leaves the log append-only', async () => {
		const counted = await t.db.orm
			.select()
			.from(refusedMutations)
			.where(eq(refusedMutations.centreId, 'mig-a'));
		expect(counted).toMatchObject([{ name: 'no.such', code: 'UNKNOWN_MUTATION', count: 2 }]);
		await expect(t.db.orm.update(auditLog).set({ args: null })).rejects.toThrow();
		await expect(t.db.orm.delete(auditLog)).rejects.toThrow();
	});
});

describe.each(drivers)('migration 0003 on %s', (driver) => {
	let t: TestDb;
	let older: string;

	beforeAll(async () => {
		older = await migrationsBefore('0003_centre_versions');
		t = await openTestDb(driver, { migrations: older });
		await t.db.orm.execute(
			sql`insert into centres (id, slug, name, version, purged_before_version) values ('mig-c', 'mig-c', 'C', 42, 7)`
		);
		await migrate(driver, t.db.orm);
	});
	afterAll(async () => {
		await t?.dispose();
		if (older) await rm(older, { recursive: true, force: true });
	});

	it("moves each centre's clock into centre_versions and out of centres", async () => {
		expect(await t.db.orm.select().from(centreVersions)).toEqual([
			{ centreId: 'mig-c', version: 42, purgedBeforeVersion: 7 }
		]);
		const columns = await t.db.orm.execute(
			sql`select column_name from information_schema.columns where table_name = 'centres' order by column_name`
		);
		const rows = (Array.isArray(columns) ? columns : (columns as { rows: unknown[] }).rows) as {
			column_name: string;
		}[];
		const names = rows.map((r) => r.column_name);
		// `district` came later (0005), for the district view.
		expect(names).toEqual(['created_at', 'district', 'id', 'name', 'slug']);
	});

	it('still refuses to update or delete the audit log, even as a superuser', async () => {
		await t.db.orm.insert(auditLog).values({
			centreId: 'mig-c',
			userId: 'u1',
			deviceId: 'd1',
			mutationId: 1,
			name: 'volume.add',
			status: 'applied',
			changes: []
		});
		await expect(t.db.orm.update(auditLog).set({ args: null })).rejects.toThrow();
		await expect(t.db.orm.delete(auditLog)).rejects.toThrow();
	});
});

describe('the audit log under an app role on postgres', () => {
	const role = `budayang_app_${randomBytes(4).toString('hex')}`;
	const name = `budayang_role_${randomBytes(4).toString('hex')}`;
	let admin: postgres.Sql;
	let db: Db;

	beforeAll(async () => {
		admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
		// As docs/operations.md sets it up: a role of its own that owns the app's database.
		await admin.unsafe(`create role ${role} login`);
		await admin.unsafe(`create database ${name} owner ${role}`);
		const url = new URL(adminUrl);
		url.pathname = `/${name}`;
		url.username = role;
		db = await openDatabase({ url: url.toString(), migrationsFolder: folder, poolSize: 1 });
	});
	afterAll(async () => {
		await db?.close();
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.unsafe(`drop role if exists ${role}`);
		await admin.end();
	});

	it('lets the app add entries but not change, delete or truncate them (privileges, 42501)', async () => {
		await db.orm.insert(auditLog).values({
			centreId: 'c',
			userId: 'u1',
			deviceId: 'd1',
			mutationId: 1,
			name: 'volume.add',
			status: 'applied',
			changes: []
		});
		const refused = { cause: { code: '42501' } };
		await expect(db.orm.update(auditLog).set({ args: null })).rejects.toMatchObject(refused);
		await expect(db.orm.delete(auditLog)).rejects.toMatchObject(refused);
		await expect(db.orm.execute(sql`truncate audit_log`)).rejects.toMatchObject(refused);
		expect(await db.orm.select().from(auditLog)).toHaveLength(1);
	});
});
