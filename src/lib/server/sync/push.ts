/**
 * POST /api/sync/push (docs/sync-protocol.md, "Push"): the mutations of one device, applied in order,
 * exactly once. Pushes to one centre queue for one writer per centre in this process, which applies
 * everything waiting in one transaction (a group commit): the centre locked first, the rows read and
 * written a statement at a time for the whole group, one version per applied mutation that changed
 * something, one poke. A business rejection is an answer, stored, and advances the device; a
 * database fault fails every push of the group and applies nothing (the endpoint answers 503).
 */
import { and, eq, sql } from 'drizzle-orm';
import {
	PUSH_MUTATIONS_MAX,
	type EntityName,
	type Mutation,
	type PushRequest,
	type PushResponse,
	type PushResult,
	type SessionUser
} from '$lib/schemas';
import { checkArgs, mutatorNamed, type MutationContext, type Rejection } from '$lib/model';
import { auditArgs, auditChanges, capped, countRefused, type RefusedKey } from '../audit';
import type { Db, OrmTx } from '../db/open';
import { isTransient } from '../db/errors';
import { auditLog, devices, mutationResults } from '../db/schema';
import { forbidden } from '../http';
import { advanceCentre, lockCentre } from './centre-version';
import { GroupRecords, InvalidRecordError, ReadRecorder, type RecordLayer } from './sql-tx';

export interface PushOptions {
	/** The server's clock, passed in so tests can move it. */
	now?: () => Date;
}

/** The most mutations one group applies; a single push (at most as many) is never split. */
export const GROUP_MUTATIONS = PUSH_MUTATIONS_MAX;
/** How long an idle writer waits for more pushes before it starts a group. */
const GATHER_MS = 2;

interface Waiting {
	user: SessionUser;
	deviceId: string;
	/** The highest id the device says the server confirmed to it (PushRequest.confirmed). */
	confirmed: number;
	/** In id order, each with what could be worked out before the group (prepare). */
	mutations: Prepared[];
	now: () => Date;
	resolve(response: PushResponse): void;
	reject(error: unknown): void;
}

/** A mutation with what needs no database: its arguments checked, the rows it will read first. */
interface Prepared {
	mutation: Mutation;
	at: Date;
	args?: { ok: true; args: unknown } | { ok: false; rejection: Rejection };
	reads: { entity: EntityName; id: string }[];
}

/** Per database, the pushes waiting for each centre's writer; a centre is here while its writer runs. */
const queues = new WeakMap<Db, Map<string, Waiting[]>>();

export async function push(
	db: Db,
	user: SessionUser,
	request: PushRequest,
	{ now = () => new Date() }: PushOptions = {}
): Promise<PushResponse> {
	// A viewer never writes: refused before anything is read or stored, so a viewer's pushes cost
	// the server one check (issue 14).
	if (user.role === 'viewer') throw forbidden('a viewer does not push');
	// Nor does the district office, which holds no record of a centre (docs/roles.md).
	if (user.role === 'district') throw forbidden('a district user does not push');
	// Ids ascend in the order the device made its mutations, so sorting restores that order when a
	// batch arrives shuffled.
	const sorted = [...request.mutations].sort((a, b) => a.id - b.id);
	// Done before the push queues, while the centre's writer may be waiting on the database: the
	// group then holds the centre's lock for less.
	const mutations = await prepare(user, request.deviceId, sorted, now);
	return new Promise((resolve, reject) =>
		enqueue(db, {
			user,
			deviceId: request.deviceId,
			confirmed: request.confirmed ?? 0,
			mutations,
			now,
			resolve,
			reject
		})
	);
}

function enqueue(db: Db, waiting: Waiting) {
	let centres = queues.get(db);
	if (!centres) queues.set(db, (centres = new Map()));
	const centreId = waiting.user.centreId;
	const queue = centres.get(centreId);
	if (queue) {
		queue.push(waiting);
		return;
	}
	const started = [waiting];
	centres.set(centreId, started);
	void write(db, centres, centreId, started);
}

/** The centre's writer: groups what waits until nothing does. Pushes that come meanwhile gather. */
async function write(db: Db, centres: Map<string, Waiting[]>, centreId: string, queue: Waiting[]) {
	try {
		await new Promise((ok) => setTimeout(ok, GATHER_MS));
		while (queue.length > 0) await commit(db, centreId, nextGroup(queue));
	} catch (e) {
		// commit settles its pushes and does not throw; should that ever change, nothing may wait forever.
		for (const waiting of queue.splice(0)) waiting.reject(e);
	} finally {
		centres.delete(centreId);
	}
}

function nextGroup(queue: Waiting[]): Waiting[] {
	let count = queue[0].mutations.length;
	let n = 1;
	while (n < queue.length && count + queue[n].mutations.length <= GROUP_MUTATIONS) {
		count += queue[n].mutations.length;
		n += 1;
	}
	return queue.splice(0, n);
}

/** Applies a group and settles each of its pushes; never throws. */
async function commit(db: Db, centreId: string, group: Waiting[]): Promise<void> {
	let answers: (PushResponse | Error)[];
	try {
		answers = await db.orm.transaction((tx) => applyGroup(tx, centreId, group));
	} catch (e) {
		// A fault that is not the database's (a bug, a row the table refuses) would fail the group
		// again: each push is tried alone, so only the one that causes it fails.
		if (group.length > 1 && !isTransient(e)) {
			for (const waiting of group) await commit(db, centreId, [waiting]);
			return;
		}
		for (const waiting of group) waiting.reject(e);
		return;
	}
	for (const [i, answer] of answers.entries()) {
		if (answer instanceof Error) group[i].reject(answer);
		else group[i].resolve(answer);
	}
}

interface DeviceState {
	userId: string;
	/** Last mutation id applied, as the group goes. */
	last: number;
	/** Whether a push of this group reached the device (its row is then written). */
	touched: boolean;
	at: Date;
}

/** One mutation of the group, in the order the group applies it. */
interface Step extends Prepared {
	push: number;
	deviceId: string;
	user: SessionUser;
	/** A mutation applied or refused before (a replay): answered, not run. */
	replay: boolean;
	verdict?: Verdict;
	layer?: RecordLayer;
	result?: PushResult;
}

const pairKey = (deviceId: string, id: number) => `${deviceId}\u0000${id}`;

async function applyGroup(
	tx: OrmTx,
	centreId: string,
	group: Waiting[]
): Promise<(PushResponse | Error)[]> {
	const store = new GroupRecords(tx, centreId);
	// The centre's lock first, held until commit: no other group, erasure or app server writes the
	// centre now. Every read comes after it is granted (not merely sent after it), so none can see
	// the centre as it was before another writer's commit.
	const start = await lockCentre(tx, centreId);
	const [states, stored] = await Promise.all([
		deviceStates(tx, centreId, group),
		storedRejections(tx, centreId, group),
		store.prefetch(group.flatMap((w) => w.mutations.flatMap((m) => m.reads)))
	]);
	const answers: (PushResponse | Error)[] = group.map(() => ({ results: [] }));
	const steps = plan(group, states, answers);
	const done = new Map<string, PushResult>();
	for (const step of steps) {
		const k = pairKey(step.deviceId, step.mutation.id);
		if (step.replay) {
			// An applied mutation's result is implied; only rejections are stored.
			step.result = done.get(k) ?? stored.get(k) ?? { id: step.mutation.id, status: 'applied' };
		} else {
			const layer = store.layer();
			step.verdict = await evaluate(store, layer, step);
			if (!step.verdict || step.verdict.keep) store.keep(layer);
			step.layer = layer;
			step.result = resultOf(step.mutation.id, step.verdict);
			done.set(k, step.result);
		}
		(answers[step.push] as PushResponse).results.push(step.result);
	}

	const { rows, flushed } = await store.changes(start + 1);
	let version = start;
	for (const f of flushed.values()) version = Math.max(version, f.version ?? version);
	const ran = steps.filter((s) => !s.replay);
	// Independent of each other: sent together, so PostgreSQL answers them in one round of waits.
	await together([
		store.write(rows),
		storeRejections(tx, centreId, ran),
		logGroup(tx, centreId, ran, flushed),
		countGroupRefused(tx, centreId, ran),
		saveDevices(tx, centreId, states),
		version > start ? advanceCentre(tx, centreId, version) : Promise.resolve()
	]);
	return answers;
}

/** Waits for every statement, then fails with the first failure: none is left running on a rollback. */
async function together(statements: Promise<unknown>[]): Promise<void> {
	const settled = await Promise.allSettled(statements);
	const failed = settled.find((s) => s.status === 'rejected');
	if (failed) throw (failed as PromiseRejectedResult).reason;
}

async function deviceStates(
	tx: OrmTx,
	centreId: string,
	group: Waiting[]
): Promise<Map<string, DeviceState>> {
	const ids = [...new Set(group.map((w) => w.deviceId))];
	const rows = await tx
		.select({ deviceId: devices.deviceId, userId: devices.userId, last: devices.lastMutationId })
		.from(devices)
		.where(
			and(
				eq(devices.centreId, centreId),
				// One parameter however many devices: the statement's text stays the same.
				sql`${devices.deviceId} in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`
			)
		);
	return new Map(
		rows.map((r) => [
			r.deviceId,
			{ userId: r.userId, last: r.last, touched: false, at: new Date(0) }
		])
	);
}

/**
 * Which mutation of which push runs, in order. A device belongs to the user who first pushed from
 * it (devices.ts): anyone else's push fails alone with 403 and changes nothing. An id at or below
 * the device's last is a replay; one above last + 1 is a gap, which ends that push, unless the
 * device says those ids were confirmed to it (a restore).
 */
function plan(
	group: Waiting[],
	states: Map<string, DeviceState>,
	answers: (PushResponse | Error)[]
): Step[] {
	const steps: Step[] = [];
	for (const [i, waiting] of group.entries()) {
		let device = states.get(waiting.deviceId);
		if (!device) {
			device = { userId: waiting.user.id, last: 0, touched: false, at: new Date(0) };
			states.set(waiting.deviceId, device);
		}
		if (device.userId !== waiting.user.id) {
			answers[i] = forbidden('this device id belongs to another user');
			continue;
		}
		// Confirmed ids the server no longer knows of: it was restored from a backup since. The
		// device settled and dropped them, so waiting for them would stall it for good.
		if (waiting.confirmed > device.last) device.last = waiting.confirmed;
		device.touched = true;
		device.at = waiting.now();
		for (const prepared of waiting.mutations) {
			const id = prepared.mutation.id;
			const replay = id <= device.last;
			if (!replay && id > device.last + 1) break;
			if (!replay) device.last = id;
			steps.push({ ...prepared, push: i, deviceId: waiting.deviceId, user: waiting.user, replay });
		}
	}
	return steps;
}

/**
 * The stored rejections of the group's ids, in one statement, asked before the group knows which
 * ids are replays: a new id has none.
 */
async function storedRejections(
	tx: OrmTx,
	centreId: string,
	group: Waiting[]
): Promise<Map<string, PushResult>> {
	const found = new Map<string, PushResult>();
	// The group's (device, id) pairs as one JSON parameter, as the records' keys are read
	// (sql-tx.ts): not a parameter per id, up to 500 of them, in a statement of its own each size.
	const pairs = JSON.stringify(
		group.flatMap((w) => w.mutations.map((m) => ({ d: w.deviceId, m: m.mutation.id })))
	);
	const rows = await tx
		.select()
		.from(mutationResults)
		.where(
			and(
				eq(mutationResults.centreId, centreId),
				sql`(${mutationResults.deviceId}, ${mutationResults.mutationId}) in (select d, m from jsonb_to_recordset(${pairs}::jsonb) as k(d text, m bigint))`
			)
		);
	for (const row of rows) found.set(pairKey(row.deviceId, row.mutationId), toPushResult(row));
	return found;
}

function contextOf(user: SessionUser, deviceId: string, at: Date): MutationContext {
	return {
		centreId: user.centreId,
		userId: user.id,
		role: user.role,
		departmentId: user.departmentId,
		deviceId,
		now: at.toISOString(),
		authoritative: true
	};
}

/**
 * Checks each mutation's arguments and finds the rows its mutator will ask for first, by running
 * it against a recorder that has none: the group then reads them all in one statement. A mutator
 * that asks for more as it goes (rows named in rows) reads those through, one statement each.
 */
async function prepare(
	user: SessionUser,
	deviceId: string,
	mutations: Mutation[],
	now: () => Date
): Promise<Prepared[]> {
	const prepared: Prepared[] = [];
	for (const mutation of mutations) {
		const at = now();
		const step: Prepared = { mutation, at, reads: [] };
		prepared.push(step);
		const mutator = mutatorNamed(mutation.name);
		if (!mutator || !mayRun(mutator.roles, user.role)) continue;
		step.args = checkArgs(mutator, mutation.args);
		if (!step.args.ok) continue;
		const recorder = new ReadRecorder();
		try {
			await mutator.apply(recorder, step.args.args as never, contextOf(user, deviceId, at));
		} catch {
			// Only a hint: the real pass meets the same fault and answers it.
		}
		step.reads = recorder.wanted;
	}
	return prepared;
}

// A viewer or a district user never writes, whatever a mutator's list says.
const mayRun = (roles: readonly string[], role: SessionUser['role']) =>
	role !== 'viewer' && role !== 'district' && roles.includes(role);

type Verdict = Rejection & { refusedBeforeRun?: RefusedKey['code'] };

/** Role check, argument check, then the mutator itself; returns why it was refused, if it was. */
async function evaluate(
	store: GroupRecords,
	layer: RecordLayer,
	step: Step
): Promise<Verdict | undefined> {
	const { mutation } = step;
	const ctx = contextOf(step.user, step.deviceId, step.at);
	const mutator = mutatorNamed(mutation.name);
	if (!mutator) {
		return {
			code: 'UNKNOWN_MUTATION',
			messageKey: 'error_unknown_mutation',
			params: { name: mutation.name },
			refusedBeforeRun: 'UNKNOWN_MUTATION'
		};
	}
	if (!mayRun(mutator.roles, ctx.role)) {
		return {
			code: 'FORBIDDEN',
			messageKey: 'error_forbidden',
			params: { role: ctx.role },
			refusedBeforeRun: 'FORBIDDEN'
		};
	}
	const args = step.args ?? checkArgs(mutator, mutation.args);
	if (!args.ok) return args.rejection;
	try {
		const outcome = await mutator.apply(layer, args.args as never, ctx);
		return outcome ? outcome.reject : undefined;
	} catch (e) {
		// A failed statement has aborted the transaction: that is the database's fault, not the
		// mutation's, and the whole group is retried.
		if (store.failed || isTransient(e)) throw e;
		// Anything else (a record that breaks its schema, a stored row that no longer parses) would
		// fail again on every retry, so it is refused and kept for a person rather than block the queue.
		return {
			code: 'INVALID',
			messageKey: 'error_mutation_failed',
			detail:
				e instanceof InvalidRecordError
					? { error: e.message, issues: e.detail }
					: { error: e instanceof Error ? e.message : String(e) }
		};
	}
}

function resultOf(id: number, rejection: Verdict | undefined): PushResult {
	if (!rejection) return { id, status: 'applied' };
	return {
		id,
		status: 'rejected',
		code: rejection.code,
		message: rejection.messageKey,
		...(rejection.params && { params: rejection.params }),
		...(rejection.detail !== undefined && { detail: capped(rejection.detail) })
	};
}

/** Only rejections are stored: a replayed id without one was applied. */
async function storeRejections(tx: OrmTx, centreId: string, ran: Step[]) {
	const rejected = ran.filter((s) => s.result?.status === 'rejected');
	if (rejected.length === 0) return;
	await tx.insert(mutationResults).values(
		rejected.map(({ deviceId, mutation, result, at }) => ({
			centreId,
			deviceId,
			mutationId: mutation.id,
			name: mutation.name,
			status: 'rejected' as const,
			code: result?.code ?? null,
			message: result?.message ?? null,
			params: result?.params ?? null,
			detail: result?.detail ?? null,
			at
		}))
	);
}

/**
 * One audit entry per mutation that ran. Refused-before-run ones are counted, not logged: the
 * arguments of a mutation that never ran tell nobody anything, and a device sending them in a loop
 * must not grow the log (issue 14).
 */
async function logGroup(
	tx: OrmTx,
	centreId: string,
	ran: Step[],
	flushed: Map<RecordLayer, { changes: Parameters<typeof auditChanges>[0] }>
) {
	const logged = ran.filter((s) => !s.verdict?.refusedBeforeRun);
	if (logged.length === 0) return;
	// One parameter for the whole group, as the records are written (sql-tx.ts).
	const json = JSON.stringify(
		logged.map((s) => ({
			centre_id: centreId,
			user_id: s.user.id,
			device_id: s.deviceId,
			at: s.at.toISOString(),
			mutation_id: s.mutation.id,
			name: s.mutation.name,
			status: s.result?.status ?? 'applied',
			code: s.result?.code ?? null,
			args: auditArgs(s.mutation.args),
			changes: auditChanges((s.layer && flushed.get(s.layer)?.changes) ?? [])
		}))
	);
	await tx.execute(sql`
		insert into ${auditLog} (centre_id, user_id, device_id, at, mutation_id, name, status, code, args, changes)
		select centre_id, user_id, device_id, at, mutation_id, name, status, code, nullif(args, 'null'::jsonb), changes
		from rows from (
			jsonb_to_recordset(${json}::jsonb) as (centre_id text, user_id text, device_id text,
				at timestamptz, mutation_id bigint, name text, status text, code text, args jsonb,
				changes jsonb)
		) with ordinality as x(centre_id, user_id, device_id, at, mutation_id, name, status, code,
			args, changes, n)
		order by n`);
}

async function countGroupRefused(tx: OrmTx, centreId: string, ran: Step[]) {
	const refused = ran.filter((s) => s.verdict?.refusedBeforeRun);
	if (refused.length === 0) return;
	await countRefused(
		tx,
		refused.map((s) => ({
			key: { centreId, name: s.mutation.name, code: s.verdict!.refusedBeforeRun! },
			userId: s.user.id,
			at: s.at
		}))
	);
}

/** Every device the group reached: its last id, and when it was last heard from. */
async function saveDevices(tx: OrmTx, centreId: string, states: Map<string, DeviceState>) {
	const rows = [...states.entries()]
		.filter(([, d]) => d.touched)
		.map(([deviceId, d]) => ({
			centreId,
			deviceId,
			userId: d.userId,
			lastMutationId: d.last,
			updatedAt: d.at,
			// For the admin's list of devices (devices.ts, noteSync): a push is a sync.
			lastSyncAt: d.at
		}));
	if (rows.length === 0) return;
	// The owner is never changed here: a row is inserted with its first user and kept (devices.ts).
	await tx
		.insert(devices)
		.values(rows)
		.onConflictDoUpdate({
			target: [devices.centreId, devices.deviceId],
			set: {
				lastMutationId: sql`excluded.last_mutation_id`,
				updatedAt: sql`excluded.updated_at`,
				lastSyncAt: sql`excluded.last_sync_at`
			}
		});
}

export function toPushResult(row: typeof mutationResults.$inferSelect): PushResult {
	return {
		id: row.mutationId,
		status: row.status,
		...(row.code && { code: row.code as PushResult['code'] }),
		...(row.message && { message: row.message }),
		...(row.params ? { params: row.params as PushResult['params'] } : {}),
		...(row.detail != null && { detail: row.detail })
	};
}
