/**
 * Demo mode (DEMO=1): on the first start, a demo centre with its generated records and one
 * account per role. Everything goes in in one transaction, so a start that dies half-way seeds
 * again from scratch next time, and a centre that exists is never seeded twice.
 */
import { eq } from 'drizzle-orm';
import { entities, parseRecord, type EntityName, type Role } from '$lib/schemas';
import type { Db } from './db/open';
import { centres, centreVersions, records } from './db/schema';
import type { HashCost } from './auth/password';
import { createUser } from './auth/users';
import { entityOf } from './sync/sql-tx';
import { hallDate } from '$lib/domain/hall-clock';

export interface DemoData {
	centre: unknown;
	records: { entity: EntityName; data: unknown }[];
	/** The district the centre reports to (centres.district); none: a centre on its own. */
	district?: string;
}

export interface DemoAccount {
	username: string;
	name: string;
	role: Role;
	departmentId?: string;
}

/** Demo mode only; a real install starts with an admin made by scripts/create-admin.ts. */
export const DEMO_PASSWORD = 'demo-pass-2026';

export interface SeedOptions {
	hashCost?: HashCost;
	/** Rows per version: a pull page (about 2,000 rows) then holds whole versions. */
	rowsPerVersion?: number;
}

/** Seeds the demo centre unless a centre with its id or slug exists; returns whether it did. */
export async function seedDemo(
	db: Db,
	demo: DemoData,
	accounts: readonly DemoAccount[],
	{ hashCost, rowsPerVersion = 1000 }: SeedOptions = {}
): Promise<boolean> {
	const centre = parseRecord(entities.centre, demo.centre);
	const rows = demo.records
		// The centre's own record goes in first, at version 1, from demo.centre.
		.filter((r) => r.entity !== 'centre')
		.map(({ entity, data }, i) => {
			if (!Object.hasOwn(entities, entity))
				throw new Error(`demo record ${i}: no entity ${entity}`);
			const record = parseRecord(entityOf(entity), data) as { id: string; centreId: string };
			if (record.centreId !== centre.id) {
				throw new Error(`demo ${entity} ${record.id}: belongs to another centre`);
			}
			return { entity, id: record.id, data: record as unknown };
		});
	const batches: (typeof rows)[] = [];
	for (let i = 0; i < rows.length; i += rowsPerVersion) {
		batches.push(rows.slice(i, i + rowsPerVersion));
	}
	// A clerk keeps one department's ledger: the one named, or the first that takes appointments.
	const firstBooking = rows.find(
		(r) => r.entity === 'department' && (r.data as { takesAppointments: boolean }).takesAppointments
	)?.id;

	return db.orm.transaction(async (tx) => {
		const inserted = await tx
			.insert(centres)
			.values({ id: centre.id, slug: centre.slug, name: centre.name, district: demo.district })
			.onConflictDoNothing()
			.returning({ id: centres.id });
		if (inserted.length === 0) return false;
		await tx
			.insert(centreVersions)
			.values({ centreId: centre.id, version: 1 + batches.length })
			.onConflictDoNothing();
		await tx
			.insert(records)
			.values({ centreId: centre.id, entity: 'centre', id: centre.id, data: centre, version: 1 });
		for (const [i, batch] of batches.entries()) {
			await tx
				.insert(records)
				.values(batch.map((r) => ({ centreId: centre.id, ...r, version: i + 2 })));
		}
		for (const account of accounts) {
			const departmentId =
				account.role === 'clerk' ? (account.departmentId ?? firstBooking) : account.departmentId;
			await createUser(
				{ orm: tx },
				{ ...account, departmentId, password: DEMO_PASSWORD, centreId: centre.id },
				hashCost
			);
		}
		return true;
	});
}

/** Whether a centre with this id exists: a seeded branch is not generated again at each start. */
export async function centreExists(db: Db, id: string): Promise<boolean> {
	const found = await db.orm.select({ id: centres.id }).from(centres).where(eq(centres.id, id));
	return found.length > 0;
}

/** Today's date in the hall's time zone, as the demo generator expects it. */
export function hallToday(now: Date = new Date()): string {
	return hallDate(now);
}
