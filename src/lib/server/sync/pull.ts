/**
 * GET /api/sync/pull (docs/sync-protocol.md, "Pull"): the caller's centre's changes after a cursor,
 * in pages that end on a whole version, so a device that applies a page in one transaction never
 * holds half of a mutation's changes.
 */
import { and, asc, desc, eq, gt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Change, PullResponse, SessionUser } from '$lib/schemas';
import { disclose, scopeKey, withholdsRecord, type Scope } from '$lib/domain/disclosure';
import type { Db, Orm } from '../db/open';
import { changeColumns, devices, mutationResults, records } from '../db/schema';
import { centreClock } from './centre-version';
import { forbidden } from '../http';
import { mayRead } from './devices';
import { toPushResult } from './push';
import type { PullMemory, Read } from './tip';

export interface PullRequest {
	cursor: number;
	deviceId?: string;
	/** The scope the device's rows were filtered for, as the last pull answered it. */
	scope?: string;
	/**
	 * The highest version a poke announced to the device. A tip remembered below it is out of date
	 * (the NOTIFY reached another app server first), so the pull reads the database.
	 */
	poked?: number;
}

export interface PullOptions {
	/** Rows per page; a page can be longer by the rest of its last version. */
	pageSize?: number;
	/** How many of the device's latest results to return besides all its rejections. */
	recentResults?: number;
	/** This app server's memory of tips and of pages being read (tip.ts); without it every pull reads. */
	memory?: PullMemory;
	/** Read the database even at a remembered tip, and share with nobody: a push's own answer. */
	fresh?: boolean;
}

/** The part of a pull that is the same for every device of one scope at one cursor. */
type Page = Omit<PullResponse, 'lastMutationId' | 'results'>;

export async function pull(
	db: Db,
	user: SessionUser,
	request: PullRequest,
	{ pageSize = 2000, recentResults = 50, memory, fresh = false }: PullOptions = {}
): Promise<PullResponse> {
	// Another user's device: its results are that user's, and so is its counter (devices.ts).
	if (request.deviceId && !(await mayRead(db, user, request.deviceId))) {
		throw forbidden('this device id belongs to another user');
	}
	const page = await pageFor(db, user, request, pageSize, memory, fresh);
	const device = request.deviceId
		? await deviceState(db.orm, user.centreId, request.deviceId, recentResults)
		: { lastMutationId: 0, results: [] };
	const { cursor, changes, hasMore, remaining, reset, scope } = page;
	return {
		cursor,
		changes,
		hasMore,
		lastMutationId: device.lastMutationId,
		results: device.results,
		remaining,
		...(reset && { reset: true }),
		scope
	};
}

/**
 * A device at the tip is answered from memory; any other page is read once for everyone asking
 * for it until the tip moves (after a poke, many devices stand at the same cursor).
 */
async function pageFor(
	db: Db,
	user: SessionUser,
	request: PullRequest,
	pageSize: number,
	memory: PullMemory | undefined,
	fresh: boolean
): Promise<Page> {
	const scope = scopeKey(user);
	// A device whose rows were filtered for another role or department (or by an older policy, or
	// before there was one) holds what this user may not: it drops them and starts again. A caller
	// that names no scope (a script, an app from before scopes) is not reset: it would go round
	// forever, and what it receives is filtered for this user all the same.
	const otherScope = request.cursor > 0 && request.scope !== undefined && request.scope !== scope;
	const read = () => readPage(db.orm, user, request.cursor, otherScope, pageSize, memory);
	if (!memory || fresh) return (await read()).value;
	const tip = memory.tip(user.centreId);
	// A poke announced more than this server knows: a read begun before may have missed it.
	if ((request.poked ?? 0) > (tip ?? 0)) return (await read()).value;
	// At the tip nothing can be behind the tombstone horizon, and the cursor is not ahead.
	if (tip !== undefined && request.cursor === tip && !otherScope) {
		return { cursor: tip, changes: [], hasMore: false, remaining: 0, scope };
	}
	const key = [user.centreId, request.cursor, scope, otherScope, pageSize].join('\u0000');
	return memory.share(user.centreId, key, read);
}

async function readPage(
	orm: Orm,
	user: SessionUser,
	from: number,
	otherScope: boolean,
	pageSize: number,
	memory: PullMemory | undefined
): Promise<Read<Page>> {
	const centreId = user.centreId;
	const ticket = memory?.ticket(centreId);
	// Read the centre's version before the rows: every version up to it has committed, so when this
	// page is the last one the cursor may move up to it.
	const centre = await centreClock(orm, centreId);
	if (!centre) throw new Error(`centre ${centreId} does not exist`);
	memory?.learn(ticket, centre.version);

	// A cursor behind the tombstone horizon may have missed deletions; one ahead of the server
	// belongs to another database (restored or reinstalled). Either way the device starts again.
	// A cursor C has seen every version up to C; tombstones below the horizon P are gone, so C is
	// still good when C >= P - 1.
	const reset = (from > 0 && from < centre.purgedBefore - 1) || from > centre.version || otherScope;
	const after = reset ? 0 : from;

	const page = await changesAfter(orm, centreId, after, pageSize, user);
	const cursor = page.hasMore
		? page.lastVersion
		: Math.max(page.lastVersion, centre.version, after);
	const remaining = page.hasMore ? await rowsAfter(orm, centreId, page.lastVersion) : 0;
	const value = {
		cursor,
		changes: page.changes,
		hasMore: page.hasMore,
		remaining,
		...(reset && { reset: true }),
		scope: scopeKey(user)
	};
	return { value, at: centre.version };
}

/**
 * The rows after `after`, a page of about `pageSize` that ends on a whole version, filtered for
 * the scope. `where` narrows the rows further (a first sync's phases, first-sync.ts).
 */
export async function changesAfter(
	orm: Orm,
	centreId: string,
	after: number,
	pageSize: number,
	scope: Scope,
	where?: SQL
) {
	const inCentreAfter = and(eq(records.centreId, centreId), gt(records.version, after), where);
	// The version of the pageSize-th row: the page runs to the end of that version.
	const [boundary] = await orm
		.select({ version: records.version })
		.from(records)
		.where(inCentreAfter)
		.orderBy(asc(records.version))
		.offset(pageSize - 1)
		.limit(1);
	const rows = await orm
		.select(changeColumns)
		.from(records)
		.where(boundary ? and(inCentreAfter, lte(records.version, boundary.version)) : inCentreAfter)
		.orderBy(asc(records.version), asc(records.entity), asc(records.id));
	let hasMore = false;
	if (boundary) {
		const [next] = await orm
			.select({ one: sql<number>`1` })
			.from(records)
			.where(and(eq(records.centreId, centreId), gt(records.version, boundary.version), where))
			.limit(1);
		hasMore = !!next;
	}
	// Least data per role: every row is filtered here, before it leaves the server (docs/roles.md).
	// Rows a scope may not hold at all (another department's cases for a clerk) are left out.
	return { changes: disclosed(rows, scope), hasMore, lastVersion: rows.at(-1)?.version ?? after };
}

/** Rows as a scope may see them; rows it may not hold at all are left out. */
export function disclosed(
	rows: readonly { version: number; entity: string; id: string; data: unknown; deleted: boolean }[],
	scope: Scope
): Change[] {
	return rows
		.filter((r) => r.deleted || !withholdsRecord(r.entity, r.data, scope))
		.map((r) =>
			r.deleted
				? { version: r.version, entity: r.entity, id: r.id, op: 'del' }
				: {
						version: r.version,
						entity: r.entity,
						id: r.id,
						op: 'put',
						data: disclose(r.entity, r.data, scope)
					}
		);
}

/** Counted only while pages remain, so the pull of a tablet that is up to date costs nothing more. */
async function rowsAfter(orm: Orm, centreId: string, version: number): Promise<number> {
	const [row] = await orm
		.select({ rows: sql<number>`count(*)::int` })
		.from(records)
		.where(and(eq(records.centreId, centreId), gt(records.version, version)));
	return Number(row?.rows ?? 0);
}

export async function deviceState(orm: Orm, centreId: string, deviceId: string, recent: number) {
	const [device] = await orm
		.select({ last: devices.lastMutationId })
		.from(devices)
		.where(and(eq(devices.centreId, centreId), eq(devices.deviceId, deviceId)));
	if (!device) return { lastMutationId: 0, results: [] };
	// Every rejection (the device keeps them until a person settles them) and the latest results,
	// so a device whose push response was lost still learns how each mutation ended.
	const rows = await orm
		.select()
		.from(mutationResults)
		.where(
			and(
				eq(mutationResults.centreId, centreId),
				eq(mutationResults.deviceId, deviceId),
				or(
					eq(mutationResults.status, 'rejected'),
					gt(mutationResults.mutationId, device.last - recent)
				)
			)
		)
		.orderBy(desc(mutationResults.mutationId))
		.limit(500);
	return { lastMutationId: device.last, results: rows.reverse().map(toPushResult) };
}

export async function centreVersion(db: Db, centreId: string): Promise<number> {
	return (await centreClock(db.orm, centreId))?.version ?? 0;
}
