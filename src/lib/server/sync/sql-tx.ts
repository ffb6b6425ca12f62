/**
 * The mutators' transaction interface over SQL, for a group of mutations applied in one database
 * transaction (push.ts). Each mutation writes into a layer of its own; a kept layer joins the
 * group's overlay, a rejected one is dropped (no savepoints), and nothing reaches the tables before
 * `flush`, which writes every changed row once. Reads see the kept layers over what the table held
 * when the group began; the centre is locked by then (centre-version.ts), so no other writer can
 * change a row under the group and reads need no row locks.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
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
type RecordRow = typeof records.$inferInsert;

/** What one kept layer changed, and the version its changes carry (none when it changed nothing). */
export interface Flushed {
	version?: number;
	changes: Change[];
}

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

/**
 * Every row in one statement and one parameter: a JSON array read by jsonb_to_recordset costs the
 * database less than a parameter per value, and has no limit of 65,535 parameters.
 */
function upsertRecords(tx: OrmTx, rows: RecordRow[]) {
	const json = JSON.stringify(
		rows.map((r) => ({
			centre_id: r.centreId,
			entity: r.entity,
			id: r.id,
			data: r.data,
			version: r.version,
			deleted: r.deleted
		}))
	);
	return tx.execute(sql`
		insert into ${records} (centre_id, entity, id, data, version, deleted)
		select centre_id, entity, id, nullif(data, 'null'::jsonb), version, deleted
		from jsonb_to_recordset(${json}::jsonb)
			as x(centre_id text, entity text, id text, data jsonb, version bigint, deleted boolean)
		on conflict (centre_id, entity, id) do update
		set data = excluded.data, version = excluded.version, deleted = excluded.deleted`);
}

export class GroupRecords {
	readonly #tx: OrmTx;
	readonly #centreId: string;
	/** The table's rows as the group found them, by key: stored data, or null for none (or a tombstone). */
	readonly #stored = new Map<string, unknown>();
	/** The kept layers' writes, the newest over the older. */
	readonly #overlay = new Map<string, Write>();
	readonly #kept: RecordLayer[] = [];
	/** Set when a statement failed: the transaction is aborted and the fault is not the mutation's. */
	failed = false;

	constructor(tx: OrmTx, centreId: string) {
		this.#tx = tx;
		this.#centreId = centreId;
	}

	get centreId(): string {
		return this.#centreId;
	}

	async run<T>(query: () => Promise<T>): Promise<T> {
		try {
			return await query();
		} catch (e) {
			this.failed = true;
			throw e;
		}
	}

	/** Reads the rows not yet known in one statement; a mutator's later reads of them cost nothing. */
	async prefetch(keys: readonly { entity: string; id: string }[]): Promise<void> {
		const wanted = keys.filter((k) => !this.#stored.has(key(k.entity, k.id)));
		if (wanted.length === 0) return;
		const rows = await this.run(() =>
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
						// The keys as one JSON parameter: a statement of any size, built and parsed once.
						sql`(${records.entity}, ${records.id}) in (select entity, id from jsonb_to_recordset(${JSON.stringify(
							wanted.map((k) => ({ entity: k.entity, id: k.id }))
						)}::jsonb) as k(entity text, id text))`
					)
				)
		);
		for (const k of wanted) this.#stored.set(key(k.entity, k.id), null);
		for (const r of rows) this.#stored.set(key(r.entity, r.id), r.deleted ? null : r.data);
	}

	/** The stored data of a row as the group found it (read through on a miss), or null. */
	async stored(entity: string, id: string): Promise<unknown> {
		const k = key(entity, id);
		if (!this.#stored.has(k)) await this.prefetch([{ entity, id }]);
		return this.#stored.get(k) ?? null;
	}

	/** A kept layer's write under `entity`/`id`, if any: what the group will have written. */
	written(entity: string, id: string): Write | undefined {
		return this.#overlay.get(key(entity, id));
	}

	overlayOf(entity: string): Write[] {
		return [...this.#overlay.values()].filter((w) => w.entity === entity);
	}

	/** A fresh layer for the next mutation, over everything kept so far. */
	layer(): RecordLayer {
		return new RecordLayer(this);
	}

	/** The mutation is applied: its writes become part of the group. */
	keep(layer: RecordLayer): void {
		if (!layer.hasWrites) return;
		this.#kept.push(layer);
		for (const [k, w] of layer.writes) this.#overlay.set(k, w);
	}

	/**
	 * What the kept layers changed, each row once, with the version of the last layer that changed
	 * it. Kept layers that changed something take versions `firstVersion`, `firstVersion + 1`, … in
	 * the order kept; answers the rows to write and, per kept layer, its version and its rows before
	 * and after. Rows written without being read are read first (one statement, when there are any).
	 */
	async changes(
		firstVersion: number
	): Promise<{ rows: RecordRow[]; flushed: Map<RecordLayer, Flushed> }> {
		const flushed = new Map<RecordLayer, Flushed>();
		if (this.#kept.length === 0) return { rows: [], flushed };
		await this.prefetch([...this.#overlay.values()]);
		const current = new Map<string, unknown>();
		const rows = new Map<string, RecordRow>();
		let next = firstVersion;
		for (const layer of this.#kept) {
			const changes: Change[] = [];
			for (const [k, w] of layer.writes) {
				const was = current.has(k) ? current.get(k) : (this.#stored.get(k) ?? null);
				// Deleting what is not there leaves nothing for a device to forget.
				if (!w.data && was === null) continue;
				changes.push({
					entity: w.entity,
					id: w.id,
					op: w.data ? 'put' : 'del',
					before: was,
					after: w.data
				});
				current.set(k, w.data);
			}
			if (changes.length === 0) {
				flushed.set(layer, { changes });
				continue;
			}
			const version = next++;
			for (const c of changes) {
				rows.set(key(c.entity, c.id), {
					centreId: this.#centreId,
					entity: c.entity,
					id: c.id,
					data: c.after,
					version,
					deleted: c.after === null
				});
			}
			flushed.set(layer, { version, changes });
		}
		return { rows: [...rows.values()], flushed };
	}

	/** Writes rows from `changes` in one statement. */
	async write(rows: RecordRow[]): Promise<void> {
		if (rows.length > 0) await this.run(() => upsertRecords(this.#tx, rows));
	}

	/** `changes`, then `write`. */
	async flush(firstVersion: number): Promise<Map<RecordLayer, Flushed>> {
		const { rows, flushed } = await this.changes(firstVersion);
		await this.write(rows);
		return flushed;
	}

	/** Rows of `entity` in the table whose fields equal the filter, as stored (not yet parsed). */
	async query(entity: EntityName, filter: Filter) {
		return this.run(() =>
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
	}
}

/** One mutation's view: its own writes over the group's kept layers over the table. */
export class RecordLayer implements MutationTx {
	readonly #group: GroupRecords;
	readonly writes = new Map<string, Write>();

	constructor(group: GroupRecords) {
		this.#group = group;
	}

	get hasWrites(): boolean {
		return this.writes.size > 0;
	}

	async get<E extends EntityName>(entity: E, id: string): Promise<EntityRecord<E> | undefined> {
		const own = this.writes.get(key(entity, id));
		if (own) return (own.data ?? undefined) as EntityRecord<E> | undefined;
		const kept = this.#group.written(entity, id);
		// A copy: a mutator that changes what it read in place must not change an earlier one's write.
		if (kept) return (kept.data ? structuredClone(kept.data) : undefined) as EntityRecord<E>;
		const data = await this.#group.stored(entity, id);
		if (data === null) return undefined;
		return parseRecord(entityOf(entity), data) as EntityRecord<E>;
	}

	async list<E extends EntityName>(entity: E, filter: Filter): Promise<EntityRecord<E>[]> {
		const rows = await this.#group.query(entity, filter);
		const found = new Map<string, Record<string, unknown>>();
		for (const row of rows) {
			found.set(row.id, parseRecord(entityOf(entity), row.data) as Record<string, unknown>);
		}
		// Read your own writes, and the group's: they override what the table holds.
		const overlay = (write: Write, copy: boolean) => {
			if (write.data && matches(write.data, filter)) {
				found.set(write.id, copy ? structuredClone(write.data) : write.data);
			} else found.delete(write.id);
		};
		for (const write of this.#group.overlayOf(entity)) overlay(write, true);
		for (const write of this.writes.values()) if (write.entity === entity) overlay(write, false);
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
		if (data.centreId !== this.#group.centreId) {
			throw new InvalidRecordError(`${entity}: record belongs to another centre`, null);
		}
		this.writes.set(key(entity, String(data.id)), { entity, id: String(data.id), data });
	}

	async del(entity: EntityName, id: string): Promise<void> {
		this.writes.set(key(entity, id), { entity, id, data: null });
	}
}

/**
 * A MutationTx that only notes which rows a mutator asks for, answering as if none existed: run
 * before the real pass, it lets the group read those rows in one statement instead of one each.
 */
export class ReadRecorder implements MutationTx {
	readonly wanted: { entity: EntityName; id: string }[] = [];

	async get<E extends EntityName>(entity: E, id: string): Promise<EntityRecord<E> | undefined> {
		this.wanted.push({ entity, id });
		return undefined;
	}
	async list<E extends EntityName>(): Promise<EntityRecord<E>[]> {
		return [];
	}
	async put(): Promise<void> {}
	async del(): Promise<void> {}
}
