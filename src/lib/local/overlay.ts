/**
 * A MutationTx over the device's local state: reads see pending rows on top of confirmed ones,
 * writes land in the overlay only. Confirmed tables are written by pulls alone.
 */
import type { EntityName } from '$lib/schemas';
import type { EntityRecord, Filter, MutationTx } from '$lib/model';
import { datedEntities, type HallDatabase, type OverlayRow, type StoredRow } from './db';

function matches(row: StoredRow, filter: Filter): boolean {
	for (const [field, value] of Object.entries(filter)) if (row[field] !== value) return false;
	return true;
}

export function overlayTx(db: HallDatabase, centreId: string, mutationId: number): MutationTx {
	return {
		async get(entity, id) {
			const pending = await db.overlay.get([entity, id]);
			if (pending) return (pending.data ?? undefined) as EntityRecord<typeof entity> | undefined;
			const row = await db.entityTable(entity).get(id);
			return row?.centreId === centreId ? (row as EntityRecord<typeof entity>) : undefined;
		},
		async list(entity, filter) {
			const rows = await mergedRows(db, entity, centreId, filter.date as string | undefined);
			return rows.filter((r) => matches(r, filter)) as EntityRecord<typeof entity>[];
		},
		async put(entity, record) {
			await touch(db, entity, record.id, centreId, record as unknown as StoredRow, mutationId);
		},
		async del(entity, id) {
			await touch(db, entity, id, centreId, null, mutationId);
		}
	};
}

async function touch(
	db: HallDatabase,
	entity: EntityName,
	id: string,
	centreId: string,
	data: StoredRow | null,
	mutationId: number
) {
	const before = await db.overlay.get([entity, id]);
	const row: OverlayRow = {
		entity,
		id,
		centreId,
		data,
		mutationIds: [...new Set([...(before?.mutationIds ?? []), mutationId])]
	};
	if (data && typeof data.date === 'string') row.date = data.date;
	await db.overlay.put(row);
}

/**
 * Confirmed rows of a centre (of one date, when given) with the overlay applied on top.
 * Rows carry `pending: true` when an unsent mutation changed them.
 */
export async function mergedRows(
	db: HallDatabase,
	entity: EntityName,
	centreId: string,
	date?: string
): Promise<StoredRow[]> {
	const table = db.entityTable(entity);
	const dated = date !== undefined && datedEntities.has(entity);
	const [confirmed, pending] = await Promise.all([
		dated
			? table.where('[centreId+date]').equals([centreId, date]).toArray()
			: entity === 'centre'
				? table.where('id').equals(centreId).toArray()
				: table.where('centreId').equals(centreId).toArray(),
		// The overlay is small; reading all of it for the entity also catches a row that a
		// pending mutation moved to another date.
		db.overlay.where('[entity+centreId]').equals([entity, centreId]).toArray()
	]);
	if (pending.length === 0) return confirmed;
	const byId = new Map(confirmed.map((r) => [r.id, r]));
	for (const p of pending) {
		if (p.data && (!dated || p.data.date === date)) byId.set(p.id, { ...p.data, pending: true });
		else byId.delete(p.id);
	}
	return [...byId.values()];
}
