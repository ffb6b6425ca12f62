/**
 * Reads for the screens. Every row leaving IndexedDB is upgraded and checked with its Zod schema;
 * a row that fails is reported, not shown half-broken.
 */
import type { z } from 'zod';
import { safeParseEntityRow, type EntityName } from '$lib/schemas';
import type { EntityRecord } from '$lib/model';
import type { HallDatabase } from './db';
import { mergedRows } from './overlay';
import { openRows } from './sealing';

export type Row<E extends EntityName> = EntityRecord<E> & { pending?: boolean };

export interface ReadResult<E extends EntityName> {
	rows: Row<E>[];
	invalid: number;
}

/** Opens the sealed personal fields (sealing.ts), then checks every row. */
async function validate<E extends EntityName>(
	db: HallDatabase,
	entity: E,
	stored: Record<string, unknown>[]
): Promise<ReadResult<E>> {
	const raw = await openRows(db, entity, stored);
	const rows: Row<E>[] = [];
	let invalid = 0;
	for (const r of raw) {
		const { pending, ...data } = r;
		const parsed = safeParseEntityRow(entity, data);
		if (parsed.ok) rows.push({ ...(parsed.value as EntityRecord<E>), pending: pending === true });
		else invalid += 1;
	}
	return { rows, invalid };
}

/** All rows of one entity in a centre, pending changes included. */
export async function all<E extends EntityName>(
	db: HallDatabase,
	entity: E,
	centreId: string
): Promise<ReadResult<E>> {
	return validate(db, entity, await mergedRows(db, entity, centreId));
}

/** Rows of one entity on one day in a centre (uses the [centreId+date] index). */
export async function onDate<E extends EntityName>(
	db: HallDatabase,
	entity: E,
	centreId: string,
	date: string
): Promise<ReadResult<E>> {
	return validate(db, entity, await mergedRows(db, entity, centreId, date));
}

/** Rows of one entity between two dates, inclusive; confirmed rows only, for reviews. */
export async function between<E extends EntityName>(
	db: HallDatabase,
	entity: E,
	centreId: string,
	from: string,
	to: string
): Promise<ReadResult<E>> {
	const raw = await db
		.entityTable(entity)
		.where('[centreId+date]')
		.between([centreId, from], [centreId, to], true, true)
		.toArray();
	return validate(db, entity, raw);
}

/**
 * Some fields of the rows between two dates, each row checked with `shape` (a pick of the
 * entity's schema), for counts that read no personal field: no sealed value is opened and no
 * whole row parsed, so a year of bookings costs the board little. Confirmed rows only, like
 * `between`; a row that fails the shape is left out, as `between` leaves out an invalid row.
 */
export async function fieldsBetween<T>(
	db: HallDatabase,
	entity: EntityName,
	centreId: string,
	from: string,
	to: string,
	shape: z.ZodType<T>
): Promise<T[]> {
	const raw = await db
		.entityTable(entity)
		.where('[centreId+date]')
		.between([centreId, from], [centreId, to], true, true)
		.toArray();
	const out: T[] = [];
	for (const row of raw) {
		const parsed = shape.safeParse(row);
		if (parsed.success) out.push(parsed.data);
	}
	return out;
}

export async function one<E extends EntityName>(
	db: HallDatabase,
	entity: E,
	centreId: string,
	id: string
): Promise<Row<E> | undefined> {
	const rows = await mergedRows(db, entity, centreId);
	const hit = rows.find((r) => r.id === id);
	return hit ? (await validate(db, entity, [hit])).rows[0] : undefined;
}

export async function dailyVolume(db: HallDatabase, centreId: string, from: string, to: string) {
	return db.dailyVolume
		.where('[centreId+date]')
		.between([centreId, from], [centreId, to], true, true)
		.toArray();
}
