/**
 * The health check behind GET /api/health: is the database open, and does it answer a cheap
 * query now? A load balancer or a monitor asks it every few seconds, so each call really asks
 * the database, under a short timeout, and a slow database counts as down rather than keeping
 * the caller waiting.
 */
import { sql } from 'drizzle-orm';
import type { App } from '../db';
import type { Db } from '../db/open';

export const HEALTH_TIMEOUT_MS = 2000;

export type DatabaseHealth =
	{ ok: true; kind: Db['kind']; ms: number } | { ok: false; kind?: Db['kind']; detail: string };

export type Health =
	| { status: 200; body: { ok: true; database: DatabaseHealth } }
	| { status: 503; body: { ok: false; error: string; database: DatabaseHealth } };

class TimedOut extends Error {}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new TimedOut()), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A code or a class of fault, never the driver's message (it can carry a host or a value). */
function faultOf(error: unknown): string {
	const code = (error as { code?: unknown })?.code;
	return typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown';
}

/**
 * One probe in flight per database: when the database hangs, monitors calling every second
 * must not pile up queries that each hold a pooled connection until it recovers.
 */
const inFlight = new WeakMap<Db, Promise<number>>();

function probe(db: Db): Promise<number> {
	let running = inFlight.get(db);
	if (!running) {
		const started = performance.now();
		// A table of the schema, not `select 1`: a database without our migrations is not healthy.
		running = db.orm
			.execute(sql`select 1 from centres limit 1`)
			.then(() => performance.now() - started)
			.finally(() => inFlight.delete(db));
		inFlight.set(db, running);
	}
	return running;
}

export async function checkHealth(
	open: () => Promise<App>,
	timeoutMs = HEALTH_TIMEOUT_MS
): Promise<Health> {
	const down = (database: DatabaseHealth): Health => ({
		status: 503,
		body: { ok: false, error: '数据库不可用，请稍后重试', database }
	});
	let db: Db;
	try {
		({ db } = await within(open(), timeoutMs));
	} catch (e) {
		return down({
			ok: false,
			// The first start migrates (and seeds the demo), which can take longer than a probe.
			detail:
				e instanceof TimedOut
					? `database not open after ${timeoutMs} ms (starting, or unreachable)`
					: `database could not be opened: ${faultOf(e)}`
		});
	}
	try {
		const ms = await within(probe(db), timeoutMs);
		return {
			status: 200,
			body: { ok: true, database: { ok: true, kind: db.kind, ms: Math.round(ms * 10) / 10 } }
		};
	} catch (e) {
		return down({
			ok: false,
			kind: db.kind,
			detail:
				e instanceof TimedOut
					? `database did not answer within ${timeoutMs} ms`
					: `database query failed: ${faultOf(e)}`
		});
	}
}
