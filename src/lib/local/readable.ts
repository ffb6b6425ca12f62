/** Which rows of a page this build can read (docs/sync-protocol.md, "Versions and handshake"). */
import { entities, safeParseEntityRow, type Change, type EntityName } from '$lib/schemas';

/** The first row of a page this build cannot read, and why; undefined when it reads them all. */
export interface Unreadable {
	entity: string;
	id: string;
	version: number;
	error: string;
}

/**
 * Parses the page's rows and finds the lowest version holding one this build cannot read: an
 * entity it does not know, or a row its schemas refuse (a newer version, a value it has no name
 * for). Rows come ordered by version, but the lowest is taken whatever the order. Rows already at
 * this build's version are taken as they are (`current`).
 */
export function readableUntil(page: { changes: readonly Change[] }): {
	parsed: Map<Change, Record<string, unknown>>;
	unreadable?: Unreadable;
} {
	const parsed = new Map<Change, Record<string, unknown>>();
	let unreadable: Unreadable | undefined;
	for (const change of page.changes) {
		if (unreadable && change.version >= unreadable.version) continue;
		const at = { entity: change.entity, id: change.id, version: change.version };
		if (!Object.hasOwn(entities, change.entity)) {
			unreadable = { ...at, error: 'unknown entity' };
			continue;
		}
		if (change.op === 'del') continue;
		if (current(change.data, entities[change.entity as EntityName].version)) {
			parsed.set(change, change.data);
			continue;
		}
		const row = safeParseEntityRow(change.entity as EntityName, change.data);
		if (row.ok) parsed.set(change, row.value);
		else unreadable = { ...at, error: row.error.slice(0, 500) };
	}
	return { parsed, unreadable };
}

/**
 * A row at this build's version needs no upgrade, and the repositories check every row they hand
 * to a screen (repository.ts), so it is stored as it came: parsing it here as well cost a pull
 * nearly half its time. What IndexedDB itself needs is checked, an object with its key. A row of an
 * older version is upgraded and checked; one of a newer version fails that check and stops the pull.
 */
function current(data: unknown, version: number): data is Record<string, unknown> {
	if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
	const row = data as Record<string, unknown>;
	return row.v === version && typeof row.id === 'string' && typeof row.centreId === 'string';
}
