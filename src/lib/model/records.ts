/**
 * What a mutator may see of the stored records: one row by id, rows by equal fields, a write, a
 * delete. The browser's overlay and the server's SQL transaction both implement it.
 */
import type { z } from 'zod';
import type { EntityName, entities } from '$lib/schemas';

export type EntityRecord<E extends EntityName> = z.infer<(typeof entities)[E]['schema']>;

/** Equality filters over top-level fields; both sides index centreId + date. */
export type Filter = Record<string, string | number | boolean>;

export interface MutationTx {
	get<E extends EntityName>(entity: E, id: string): Promise<EntityRecord<E> | undefined>;
	/** Rows of the caller's centre whose fields equal the filter. */
	list<E extends EntityName>(entity: E, filter: Filter): Promise<EntityRecord<E>[]>;
	put<E extends EntityName>(entity: E, record: EntityRecord<E>): Promise<void>;
	del(entity: EntityName, id: string): Promise<void>;
}
