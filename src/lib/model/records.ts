/**
 * What a mutator may see of the stored records: one row by id, rows by equal fields, a write, a
 * delete. The browser's overlay and the server's SQL transaction both implement it.
 */
import type { z } from 'zod';
import type { EntityName, entities } from '$lib/schemas';

export type EntityRecord<E extends EntityName> = z.infer<(typeof entities)[E]['schema']>;

/** Equality filters over top-level fields; both sides index centreId + date. */
export type Filter = Record<string, string | number | boolean>;

/**
 * `S` is the record kinds a mutator declared (Mutator.stores): handed a MutationTx<'volume'>, a
 * mutator that reaches for slots does not compile, and `declaredTx` refuses it at run time too.
 */
export interface MutationTx<S extends EntityName = EntityName> {
	get<E extends S>(entity: E, id: string): Promise<EntityRecord<E> | undefined>;
	/** Rows of the caller's centre whose fields equal the filter. */
	list<E extends S>(entity: E, filter: Filter): Promise<EntityRecord<E>[]>;
	put<E extends S>(entity: E, record: EntityRecord<E>): Promise<void>;
	del(entity: S, id: string): Promise<void>;
}

/** A mutator reached for a record kind it did not declare: its declaration is wrong. */
export class UndeclaredStoreError extends Error {
	constructor(
		readonly mutator: string,
		readonly entity: string
	) {
		super(`${mutator} touched ${entity}, which it does not declare in its stores`);
		this.name = 'UndeclaredStoreError';
	}
}

/**
 * `tx` limited to the stores a mutator declared. The device opens its transaction over those
 * stores only, so an undeclared read there would fail with a vague Dexie error and an undeclared
 * write would land in the overlay unnoticed; this names the mutator and the store instead, in the
 * tests of every mutator as on the device.
 */
export function declaredTx<S extends EntityName>(
	tx: MutationTx,
	mutator: string,
	stores: readonly S[]
): MutationTx<S> {
	const allowed = new Set<EntityName>(stores);
	const check = (entity: EntityName) => {
		if (!allowed.has(entity)) throw new UndeclaredStoreError(mutator, entity);
	};
	return {
		get(entity, id) {
			check(entity);
			return tx.get(entity, id);
		},
		list(entity, filter) {
			check(entity);
			return tx.list(entity, filter);
		},
		put(entity, record) {
			check(entity);
			return tx.put(entity, record);
		},
		del(entity, id) {
			check(entity);
			return tx.del(entity, id);
		}
	};
}
