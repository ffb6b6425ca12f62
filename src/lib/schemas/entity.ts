/**
 * One place that ties an entity's name, its current schema version and its migrations together,
 * so that a record read from IndexedDB or received in a pull is upgraded and validated the same way
 * in the browser and on the server.
 */
import type { z } from 'zod';

export type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

export interface Entity<S extends z.ZodType> {
	name: string;
	version: number;
	schema: S;
	/** migrations[n] turns a version n record into version n + 1 */
	migrations: Record<number, Migration>;
}

export function defineEntity<S extends z.ZodType>(
	name: string,
	version: number,
	schema: S,
	migrations: Record<number, Migration> = {}
): Entity<S> {
	return { name, version, schema, migrations };
}

/** Upgrades a stored record to the current version, then validates it. */
export function parseRecord<S extends z.ZodType>(entity: Entity<S>, raw: unknown): z.infer<S> {
	let record = raw as Record<string, unknown>;
	let v = typeof record?.v === 'number' ? record.v : 1;
	while (v < entity.version) {
		const step = entity.migrations[v];
		if (!step) throw new Error(`${entity.name}: no migration from version ${v}`);
		record = { ...step(record), v: v + 1 };
		v += 1;
	}
	return entity.schema.parse(record);
}

export function safeParseRecord<S extends z.ZodType>(
	entity: Entity<S>,
	raw: unknown
): { ok: true; value: z.infer<S> } | { ok: false; error: string } {
	try {
		return { ok: true, value: parseRecord(entity, raw) };
	} catch (e) {
		return { ok: false, error: e instanceof Error ? e.message : String(e) };
	}
}
