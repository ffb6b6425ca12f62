/**
 * The mutators' transaction interface over SQL. Reads lock what they read; writes are buffered
 * and only reach the tables through `flush`, so a rejected mutation is undone by dropping the
 * buffer (no savepoints), and every write is checked against its entity's schema first.
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { entities, parseRecord, type Entity, type EntityName } from '$lib/schemas';
import type { EntityRecord, Filter, MutationTx } from '$lib/model';
import type { OrmTx } from '../db/open';
import { records } from '../db/schema';

export interface Change {
	entity: EntityName;
	id: string;
	op: 'put' | 'del';
	before: unknown;
	after: unknown;
}

/** A record a mutator tried to write that does not fit its entity's schema: a rejection, not a fault. */
export class InvalidRecordError extends Error {
	constructor(
		message: string,
		readonly detail: unknown
	) {
		super(message);
	}
}

type Write = { entity: EntityName; id: string; data: Record<string, unknown> | null };

/** The entity's schema and migrations, widened: the union of all twelve does not narrow by name. */
export const entityOf = (name: EntityName) => entities[name] as Entity<z.ZodType>;

const key = (entity: string, id: string) => `${entity}\u0000${id}`;

/** Only plain field names reach the SQL text, so the date filter can use its expression index. */
const fieldName = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

function fieldEquals(field: string, value: string | number | boolean): SQL {
	if (!fieldName.test(field)) throw new Error(`list: bad field name ${JSON.stringify(field)}`);
	const path = sql.raw(`'${field}'`);
	return typeof value === 'string'
		? sql`${records.data}->>${path} = ${value}`
		: sql`${records.data}->${path} = ${JSON.stringify(value)}::jsonb`;
}

const matches = (data: Record<string, unknown>, filter: Filter) =>
	Object.entries(filter).every(([field, value]) => data[field] === value);

export class SqlMutationTx implements MutationTx {
	readonly #tx: OrmTx;
	readonly #centreId: string;
	readonly #writes = new Map<string, Write>();
	/** Set when a statement failed: the transaction is aborted and the fault is not the mutation's. */
	failed = false;

	constructor(tx: OrmTx, centreId: string) {
		this.#tx = tx;
		this.#centreId = centreId;
	}

	async #run<T>(query: () => Promise<T>): Promise<T> {
		try {
			return await query();
		} catch (e) {
			this.failed = true;
			throw e;
		}
	}

	async get<E extends EntityName>(entity: E, id: string): Promise<EntityRecord<E> | undefined> {
		const written = this.#writes.get(key(entity, id));
		if (written) return (written.data ?? undefined) as EntityRecord<E> | undefined;
		const rows = await this.#run(async () => {
			// A row that does not exist yet cannot be locked with FOR UPDATE; the advisory lock makes two
			// first volume deltas for the same hour wait for each other instead of both inserting.
			await this.#tx.execute(
				sql`select pg_advisory_xact_lock(hashtextextended(${`${this.#centreId}|${entity}|${id}`}, 0))`
			);
			return this.#tx
				.select({ data: records.data, deleted: records.deleted })
				.from(records)
				.where(
					and(eq(records.centreId, this.#centreId), eq(records.entity, entity), eq(records.id, id))
				)
				.for('update');
		});
		const row = rows[0];
		if (!row || row.deleted) return undefined;
		return parseRecord(entityOf(entity), row.data) as EntityRecord<E>;
	}

	async list<E extends EntityName>(entity: E, filter: Filter): Promise<EntityRecord<E>[]> {
		const rows = await this.#run(() =>
			this.#tx
				.select({ id: records.id, data: records.data })
				.from(records)
				.where(
					and(
						eq(records.centreId, this.#centreId),
						eq(records.entity, entity),
						eq(records.deleted, false),
						...Object.entries(filter).map(([field, value]) => fieldEquals(field, value))
					)
				)
				.orderBy(records.id)
		);
		const found = new Map<string, Record<string, unknown>>();
		for (const row of rows) {
			found.set(row.id, parseRecord(entityOf(entity), row.data) as Record<string, unknown>);
		}
		// Read your own writes: the buffer overrides what the table holds.
		for (const write of this.#writes.values()) {
			if (write.entity !== entity) continue;
			if (write.data && matches(write.data, filter)) found.set(write.id, write.data);
			else found.delete(write.id);
		}
		return [...found.values()] as EntityRecord<E>[];
	}

	async put<E extends EntityName>(entity: E, record: EntityRecord<E>): Promise<void> {
		const checked = entityOf(entity).schema.safeParse(record);
		if (!checked.success) {
			throw new InvalidRecordError(
				`${entity}: record does not fit its schema`,
				checked.error.issues
			);
		}
		const data = checked.data as Record<string, unknown>;
		if (data.centreId !== this.#centreId) {
			throw new InvalidRecordError(`${entity}: record belongs to another centre`, null);
		}
		this.#writes.set(key(entity, String(data.id)), { entity, id: String(data.id), data });
	}

	async del(entity: EntityName, id: string): Promise<void> {
		this.#writes.set(key(entity, id), { entity, id, data: null });
	}

	get hasWrites(): boolean {
		return this.#writes.size > 0;
	}

	/** Writes the buffered rows and tombstones with `version`; returns each row before and after. */
	async flush(version: number): Promise<Change[]> {
		const writes = [...this.#writes.values()];
		if (writes.length === 0) return [];
		const before = await this.#run(() =>
			this.#tx
				.select({
					entity: records.entity,
					id: records.id,
					data: records.data,
					deleted: records.deleted
				})
				.from(records)
				.where(
					and(
						eq(records.centreId, this.#centreId),
						inArray(records.entity, [...new Set(writes.map((w) => w.entity))]),
						inArray(records.id, [...new Set(writes.map((w) => w.id))])
					)
				)
		);
		const previous = new Map(
			before.filter((r) => !r.deleted).map((r) => [key(r.entity, r.id), r.data])
		);
		const changes: Change[] = [];
		const rows: (typeof records.$inferInsert)[] = [];
		for (const w of writes) {
			const was = previous.get(key(w.entity, w.id)) ?? null;
			// Deleting what is not there leaves nothing for a device to forget.
			if (!w.data && was === null) continue;
			changes.push({
				entity: w.entity,
				id: w.id,
				op: w.data ? 'put' : 'del',
				before: was,
				after: w.data
			});
			rows.push({
				centreId: this.#centreId,
				entity: w.entity,
				id: w.id,
				data: w.data,
				version,
				deleted: !w.data
			});
		}
		if (rows.length === 0) return [];
		await this.#run(() =>
			this.#tx
				.insert(records)
				.values(rows)
				.onConflictDoUpdate({
					target: [records.centreId, records.entity, records.id],
					set: {
						data: sql`excluded.data`,
						version: sql`excluded.version`,
						deleted: sql`excluded.deleted`
					}
				})
		);
		return changes;
	}
}
