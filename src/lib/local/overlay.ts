/**
 * A MutationTx over the device's local state: reads see pending rows on top of confirmed ones,
 * writes land in the overlay only. Confirmed tables are written by pulls alone.
 */
import type { EntityName } from '$lib/schemas';
import type { EntityRecord, Filter, MutationTx } from '$lib/model';
import { datedEntities, type HallDatabase, type OverlayRow, type StoredRow } from './db';
import type { DayReads, RowChange } from './rollup';

function matches(row: StoredRow, filter: Filter): boolean {
	for (const [field, value] of Object.entries(filter)) if (row[field] !== value) return false;
	return true;
}

/** A MutationTx over the overlay that also reports how its writes changed the volume rows. */
export interface OverlayTx extends MutationTx {
	/** The merged view's volume rows before and after each write, for the roll-ups. */
	readonly volumeChanges: RowChange[];
	/** The stored roll-ups of the days those rows fall on, read before they are needed. */
	readonly days: DayReads;
	/** Starts reading the roll-up of a centre's day, alongside the mutator's first reads. */
	readDay(centreId: string, date: string): void;
	/** Writes what the mutator wrote to the overlay, under the mutation's id. */
	flush(mutationId: number): Promise<unknown>;
}

/** What one mutation has seen of a record, and what it wrote there. */
interface Seen {
	entity: EntityName;
	id: string;
	/** The overlay row as the mutation found it. */
	stored: OverlayRow | undefined;
	/** The confirmed row, when it is this centre's. */
	confirmed: StoredRow | undefined;
	/** Written by this mutation: the new row, or null for a delete. */
	written?: StoredRow | null;
}

const pendingRow = (data: StoredRow | null | undefined) =>
	data ? { ...data, pending: true } : undefined;

/** The row the screens show: what the mutation wrote, else the pending row, else the confirmed. */
function shown(at: Seen): StoredRow | undefined {
	if (at.written !== undefined) return pendingRow(at.written);
	return at.stored ? pendingRow(at.stored.data) : at.confirmed;
}

/**
 * Each record is read once per mutation, its pending and confirmed rows together; the writes stay
 * here until `flush` sends them in one request. So a tap is two round trips to IndexedDB, reads and
 * then writes, and its id need not be known until the end: it is read alongside the mutator's reads.
 */
export function overlayTx(db: HallDatabase, centreId: string): OverlayTx {
	const seen = new Map<string, Seen | Promise<Seen>>();
	const volumeChanges: RowChange[] = [];
	const days: DayReads = new Map();
	const readDay = (centre: string, date: string) => {
		const key = `${centre}|${date}`;
		if (!days.has(key)) days.set(key, db.dailyVolume.get(key));
	};
	const load = async (entity: EntityName, id: string): Promise<Seen> => {
		const key = `${entity}|${id}`;
		const known = seen.get(key);
		if (known) return known;
		const reading = Promise.all([db.overlay.get([entity, id]), db.entityTable(entity).get(id)]);
		const loaded = reading.then(([stored, row]) => {
			const at: Seen = {
				entity,
				id,
				stored,
				confirmed: row?.centreId === centreId ? row : undefined
			};
			seen.set(key, at);
			return at;
		});
		seen.set(key, loaded);
		return loaded;
	};
	const write = async (entity: EntityName, id: string, data: StoredRow | null) => {
		const at = await load(entity, id);
		if (entity === 'volume') {
			const change = { before: shown(at), after: pendingRow(data) };
			volumeChanges.push(change);
			for (const row of [change.before, change.after]) {
				if (typeof row?.centreId === 'string' && typeof row.date === 'string') {
					readDay(row.centreId, row.date);
				}
			}
		}
		at.written = data;
	};
	const written = async () => {
		const all = await Promise.all(seen.values());
		return all.filter((at) => at.written !== undefined);
	};
	return {
		volumeChanges,
		days,
		readDay,
		async flush(mutationId) {
			const rows = (await written()).map((at): OverlayRow => {
				const data = at.written ?? null;
				const row: OverlayRow = {
					entity: at.entity,
					id: at.id,
					centreId,
					data,
					mutationIds: [...new Set([...(at.stored?.mutationIds ?? []), mutationId])]
				};
				if (data && typeof data.date === 'string') row.date = data.date;
				return row;
			});
			if (rows.length) await db.overlay.bulkPut(rows);
		},
		async get(entity, id) {
			const at = await load(entity, id);
			const row = at.written !== undefined ? at.written : at.stored ? at.stored.data : at.confirmed;
			return (row ?? undefined) as EntityRecord<typeof entity> | undefined;
		},
		async list(entity, filter) {
			const rows = await mergedRows(db, entity, centreId, filter.date as string | undefined);
			// Writes of this mutation not yet flushed go on top, as the overlay's do.
			const byId = new Map(rows.map((r) => [r.id, r]));
			for (const at of await written()) {
				if (at.entity !== entity) continue;
				if (at.written) byId.set(at.id, { ...at.written, pending: true });
				else byId.delete(at.id);
			}
			return [...byId.values()].filter((r) => matches(r, filter)) as EntityRecord<typeof entity>[];
		},
		async put(entity, record) {
			await write(entity, record.id, record as unknown as StoredRow);
		},
		async del(entity, id) {
			await write(entity, id, null);
		}
	};
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
