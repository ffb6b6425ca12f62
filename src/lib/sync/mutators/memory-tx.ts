/** An in-memory MutationTx for tests of mutators: the same interface both real stores implement. */
import type { EntityName } from '$lib/schemas';
import type { EntityRecord, Filter, MutationTx } from './types';

export function memoryTx(rows: { entity: EntityName; data: Record<string, unknown> }[] = []) {
	const store = new Map<string, Record<string, unknown>>();
	for (const r of rows) store.set(`${r.entity}|${r.data.id}`, structuredClone(r.data));
	const tx: MutationTx = {
		async get<E extends EntityName>(entity: E, id: string) {
			const hit = store.get(`${entity}|${id}`);
			return hit ? (structuredClone(hit) as EntityRecord<E>) : undefined;
		},
		async list<E extends EntityName>(entity: E, filter: Filter) {
			return [...store.entries()]
				.filter(([k]) => k.startsWith(`${entity}|`))
				.map(([, v]) => v)
				.filter((v) => Object.entries(filter).every(([f, x]) => v[f] === x))
				.map((v) => structuredClone(v) as EntityRecord<E>);
		},
		async put(entity, record) {
			store.set(`${entity}|${record.id}`, structuredClone(record) as Record<string, unknown>);
		},
		async del(entity, id) {
			store.delete(`${entity}|${id}`);
		}
	};
	return { tx, store };
}
