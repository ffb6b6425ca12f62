/**
 * A new device's first sync in two phases (docs/sync-protocol.md, "First sync"): the priority set
 * — every row without a date and every row dated within the device's window, up to the centre's
 * version V0 — with the day roll-ups of every other date, so the board, the roster and the review
 * work at once; then the history, the other rows up to V0, page by page in the background. Rows
 * changed after V0 reach the device through ordinary pulls from V0, so the phases and the pulls
 * together hold every row exactly once at its newest version.
 */
import { and, eq, gt, lte, not, sql, type SQL } from 'drizzle-orm';
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
import { changeColumns, records } from '../db/schema';
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
	{ recentResults = 50, lean = false } = {}
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
	const [rows, volume, counted, device] = await Promise.all([
		orm
			.select(changeColumns)
			.from(records)
			.where(and(live, priority(from, to)))
			.orderBy(records.version, records.entity, records.id),
		dayRollups(orm, centreId, upTo, user),
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
		// The other days: the window's own come with its rows, and the device builds them.
		// Lean for a device that rolls a day up again itself (schemas/sync.ts, `wireRollup`).
		rollups: volume
			.filter((day) => day.date < from || day.date > to)
			.map((day) => (lean ? { ...day, tally: undefined, known: undefined } : day)),
		history: { upTo, rows: Number(counted[0]?.rows ?? 0) }
	};
}

/**
 * The day roll-ups of a centre as one scope sees them, kept between first syncs. Past days'
 * counts seldom change, yet reading every volume row of the year and rolling it up again cost a
 * new tablet most of its wait; so each first sync reads only the volume rows changed since the
 * kept version (the centre-and-version index) and rolls up again only the days they touch. A kept
 * state newer than the asked version is never used: the device's pulls from that version would
 * then count the same rows twice.
 */
interface KeptRollups {
	version: number;
	/** Each held volume row's day, so a row moved to another day leaves the old one. */
	dayOf: Map<string, string>;
	/** The disclosed volume rows of each day, by id. */
	rows: Map<string, Map<string, VolumeRow>>;
	rollups: Map<string, WireRollup>;
}

/** A few centres' roll-ups at most: a province's server sees new tablets of many centres. */
const KEPT_CENTRES = 8;
/** By database, so two databases in one process (the tests open PGlite and PostgreSQL) never mix. */
let keptBy = new WeakMap<Orm, Map<string, KeptRollups>>();

/** Forgets every kept roll-up (tests compare the kept state with a fresh one). */
export function forgetRollups() {
	keptBy = new WeakMap();
}

async function dayRollups(
	orm: Orm,
	centreId: string,
	upTo: number,
	user: SessionUser
): Promise<WireRollup[]> {
	const key = `${centreId}|${scopeKey(user)}`;
	let kept = keptBy.get(orm);
	if (!kept) keptBy.set(orm, (kept = new Map()));
	let state = kept.get(key);
	if (state && state.version > upTo) state = undefined;
	const since = state?.version ?? 0;
	const changed = await changedVolume(orm, centreId, since, upTo, !state);
	// Another first sync moved the kept state on while this one read: start again from it.
	if (state && state.version !== since) return dayRollups(orm, centreId, upTo, user);
	const next: KeptRollups = state ?? {
		version: 0,
		dayOf: new Map(),
		rows: new Map(),
		rollups: new Map()
	};
	const touched = new Set<string>();
	const shown = new Map(
		disclosed(changed, user)
			.filter((c) => c.op === 'put')
			.map((c) => [c.id, c.data as VolumeRow])
	);
	for (const row of changed) {
		const was = next.dayOf.get(row.id);
		if (was !== undefined) {
			next.rows.get(was)?.delete(row.id);
			next.dayOf.delete(row.id);
			touched.add(was);
		}
		const data = shown.get(row.id);
		if (!data) continue;
		let day = next.rows.get(data.date);
		if (!day) next.rows.set(data.date, (day = new Map()));
		day.set(row.id, data);
		next.dayOf.set(row.id, data.date);
		touched.add(data.date);
	}
	for (const date of touched) {
		const list = [...(next.rows.get(date)?.values() ?? [])];
		if (list.length === 0) {
			next.rows.delete(date);
			next.rollups.delete(date);
			continue;
		}
		const day = rollupDay(centreId, date, list);
		next.rollups.set(date, { ...day, known: [...day.known] });
	}
	next.version = upTo;
	kept.delete(key);
	kept.set(key, next);
	if (kept.size > KEPT_CENTRES) kept.delete(kept.keys().next().value!);
	return [...next.rollups.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** The centre's volume rows changed after `since` up to `upTo`; tombstones only for a kept state. */
function changedVolume(orm: Orm, centreId: string, since: number, upTo: number, fresh: boolean) {
	return orm
		.select(changeColumns)
		.from(records)
		.where(
			and(
				eq(records.centreId, centreId),
				eq(records.entity, 'volume'),
				gt(records.version, since),
				lte(records.version, upTo),
				...(fresh ? [eq(records.deleted, false)] : [])
			)
		);
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
