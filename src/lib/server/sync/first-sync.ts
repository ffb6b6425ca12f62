/**
 * A new device's first sync in two phases (docs/sync-protocol.md, "First sync"): the priority set
 * — every row without a date and every row dated within the device's window, up to the centre's
 * version V0 — with the day roll-ups of every other date, so the board, the roster and the review
 * work at once; then the history, the other rows up to V0, page by page in the background. Rows
 * changed after V0 reach the device through ordinary pulls from V0, so the phases and the pulls
 * together hold every row exactly once at its newest version.
 */
import { and, eq, lte, not, sql, type SQL } from 'drizzle-orm';
import type {
	FirstSyncQuery,
	FirstSyncResponse,
	HistoryQuery,
	HistoryResponse,
	SessionUser,
	WireRollup
} from '$lib/schemas';
import { scopeKey } from '$lib/domain/disclosure';
import { rollupDay, type VolumeRow } from '$lib/domain/day-rollup';
import type { Db, Orm } from '../db/open';
import { records } from '../db/schema';
import { forbidden } from '../http';
import { centreClock } from './centre-version';
import { mayRead } from './devices';
import { changesAfter, deviceState, disclosed } from './pull';

const dateOf = sql<string | null>`(${records.data}->>'date')`;

/** The rows a device takes first: those without a date and those dated within its window. */
function priority(from: string, to: string): SQL {
	return sql`(${dateOf} is null or ${dateOf} between ${from} and ${to})`;
}

/** Live rows of the centre up to `upTo` outside the priority set: the history. */
function history(centreId: string, upTo: number, from: string, to: string): SQL {
	return and(
		eq(records.centreId, centreId),
		lte(records.version, upTo),
		eq(records.deleted, false),
		not(priority(from, to))
	)!;
}

export async function firstSync(
	db: Db,
	user: SessionUser,
	query: FirstSyncQuery,
	{ recentResults = 50 } = {}
): Promise<FirstSyncResponse> {
	if (query.deviceId && !(await mayRead(db, user, query.deviceId))) {
		throw forbidden('this device id belongs to another user');
	}
	const { from, to } = query;
	const orm = db.orm;
	const centreId = user.centreId;
	// The version first: every version up to it has committed, so the cursor may stand there.
	const centre = await centreClock(orm, centreId);
	if (!centre) throw new Error(`centre ${centreId} does not exist`);
	const upTo = centre.version;
	const live = and(
		eq(records.centreId, centreId),
		lte(records.version, upTo),
		eq(records.deleted, false)
	);
	const columns = {
		version: records.version,
		entity: records.entity,
		id: records.id,
		data: records.data,
		deleted: records.deleted
	};
	const [rows, volume, counted, device] = await Promise.all([
		orm
			.select(columns)
			.from(records)
			.where(and(live, priority(from, to)))
			.orderBy(records.version, records.entity, records.id),
		orm
			.select(columns)
			.from(records)
			.where(and(live, eq(records.entity, 'volume'), not(priority(from, to)))),
		orm
			.select({ rows: sql<number>`count(*)::int` })
			.from(records)
			.where(history(centreId, upTo, from, to)),
		query.deviceId
			? deviceState(orm, centreId, query.deviceId, recentResults)
			: { lastMutationId: 0, results: [] }
	]);
	return {
		cursor: upTo,
		changes: disclosed(rows, user),
		hasMore: false,
		lastMutationId: device.lastMutationId,
		results: device.results,
		remaining: 0,
		// A new device starts from nothing, whatever it held before.
		reset: true,
		scope: scopeKey(user),
		rollups: rollups(centreId, volume, user),
		history: { upTo, rows: Number(counted[0]?.rows ?? 0) }
	};
}

/** The roll-up of each day of the volume rows, as the device would build it from them, disclosed. */
function rollups(
	centreId: string,
	rows: Parameters<typeof disclosed>[0],
	user: SessionUser
): WireRollup[] {
	const byDate = new Map<string, VolumeRow[]>();
	for (const change of disclosed(rows, user)) {
		const row = change.data as VolumeRow;
		const list = byDate.get(row.date);
		if (list) list.push(row);
		else byDate.set(row.date, [row]);
	}
	return [...byDate]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([date, list]) => {
			const day = rollupDay(centreId, date, list);
			return { ...day, known: [...day.known] };
		});
}

/** A page of the history after `after`, ending on a whole version. */
export async function historyPage(
	db: Db,
	user: SessionUser,
	query: HistoryQuery,
	{ pageSize = 2000 } = {}
): Promise<HistoryResponse> {
	// Rows filtered for another scope would mix with this one's: the device starts again.
	if (query.scope !== undefined && query.scope !== scopeKey(user)) {
		return { changes: [], after: query.after, hasMore: false, reset: true };
	}
	const page = await changesAfter(
		db.orm as Orm,
		user.centreId,
		query.after,
		pageSize,
		user,
		history(user.centreId, query.upTo, query.from, query.to)
	);
	return {
		changes: page.changes,
		after: page.lastVersion,
		hasMore: page.hasMore
	};
}
