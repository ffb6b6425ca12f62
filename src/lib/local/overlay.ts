/**
 * A MutationTx over the device's local state: reads see pending rows on top of confirmed ones,
 * writes land in the overlay only. Confirmed tables are written by pulls alone.
 */
import type { EntityName } from '$lib/schemas';
import type { EntityRecord, Filter, MutationTx } from '$lib/model';
import { datedEntities, type HallDatabase, type OverlayRow, type StoredRow } from './db';
import type { RowChange } from './rollup';

function matches(row: StoredRow, filter: Filter): boolean {
	for (const [field, value] of Object.entries(filter)) if (row[field] !== value) return false;
	return true;
}

/** A MutationTx over the overlay that also reports how its writes changed the volume rows. */
export interface OverlayTx extends MutationTx {
	/** The merged view's volume rows before and after each write, for the roll-ups. */
	readonly volumeChanges: RowChange[];
}

/** What one transaction has seen of a record: its pending row, and its confirmed row once read. */
interface Seen {
	pending: OverlayRow | undefined;
	confirmed?: StoredRow;
}

/**
 * Each record is read once per mutation: the pending row and the confirmed row together, kept for
 * the mutator's later reads and for the write that follows, which needs the row it replaces.
 */
export function overlayTx(db: HallDatabase, centreId: string, mutationId: number): OverlayTx {
	const seen = new Map<string, Seen>();
	const volumeChanges: RowChange[] = [];
	const load = async (entity: EntityName, id: string): Promise<Seen> => {
		const key = `${entity}|${id}`;
		const known = seen.get(key);
		if (known) return known;
		const [pending, row] = await Promise.all([
			db.overlay.get([entity, id]),
			db.entityTable(entity).get(id)
		]);
		const fresh = { pending, confirmed: row?.centreId === centreId ? row : undefined };
		seen.set(key, fresh);
		return fresh;
	};
	const touch = async (entity: EntityName, id: string, data: StoredRow | null) => {
		const at = await load(entity, id);
		const row: OverlayRow = {
			entity,
			id,
			centreId,
			data,
			mutationIds: [...new Set([...(at.pending?.mutationIds ?? []), mutationId])]
		};
		if (data && typeof data.date === 'string') row.date = data.date;
		if (entity === 'volume') volumeChanges.push({ before: merged(at), after: pendingRow(data) });
		await db.overlay.put(row);
		at.pending = row;
	};
	return {
		volumeChanges,
		async get(entity, id) {
			const at = await load(entity, id);
			return (at.pending ? (at.pending.data ?? undefined) : at.confirmed) as
				EntityRecord<typeof entity> | undefined;
		},
		async list(entity, filter) {
			const rows = await mergedRows(db, entity, centreId, filter.date as string | undefined);
			return rows.filter((r) => matches(r, filter)) as EntityRecord<typeof entity>[];
		},
		async put(entity, record) {
			await touch(entity, record.id, record as unknown as StoredRow);
		},
		async del(entity, id) {
			await touch(entity, id, null);
		}
	};
}

const pendingRow = (data: StoredRow | null) => (data ? { ...data, pending: true } : undefined);

/** The row the screens show: the pending one when there is one, else the confirmed one. */
const merged = (at: Seen) => (at.pending ? pendingRow(at.pending.data) : at.confirmed);

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
