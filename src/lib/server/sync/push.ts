/**
 * POST /api/sync/push (docs/sync-protocol.md, "Push"): the mutations of one device, applied in order,
 * each in its own transaction, exactly once. A business rejection is an answer, stored like any
 * other, and advances the device; only a database fault aborts the batch (the endpoint answers 503).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Mutation, PushRequest, PushResponse, PushResult, SessionUser } from '$lib/schemas';
import { checkArgs, mutatorNamed, type MutationContext, type Rejection } from '$lib/model';
import { auditArgs, auditChanges, capped, countRefused } from '../audit';
import type { Db, OrmTx } from '../db/open';
import { isTransient } from '../db/errors';
import { auditLog, centres, devices, mutationResults } from '../db/schema';
import { forbidden } from '../http';
import { claimDevice, DeviceOwnedError } from './devices';
import { CHANGES_CHANNEL } from './events';
import { InvalidRecordError, SqlMutationTx, type Change } from './sql-tx';

export interface PushOptions {
	/** The server's clock, passed in so tests can move it. */
	now?: () => Date;
}

export async function push(
	db: Db,
	user: SessionUser,
	request: PushRequest,
	{ now = () => new Date() }: PushOptions = {}
): Promise<PushResponse> {
	// A viewer never writes: refused before anything is read or stored, so a viewer's pushes cost
	// the server one check (issue 14).
	if (user.role === 'viewer') throw forbidden('a viewer does not push');
	if (!(await claimDevice(db, user, request.deviceId))) throw deviceForbidden();
	// Ids ascend in the order the device made its mutations, so sorting restores that order when a
	// batch arrives shuffled.
	const ordered = [...request.mutations].sort((a, b) => a.id - b.id);
	const results: PushResult[] = [];
	for (const mutation of ordered) {
		// This transaction is the unit of "exactly once": the changed rows, the stored result, the
		// audit entry and the device's last mutation id commit together or not at all.
		let outcome: PushResult | 'gap';
		try {
			outcome = await db.orm.transaction((tx) =>
				applyOne(tx, user, request.deviceId, mutation, now())
			);
		} catch (e) {
			if (e instanceof DeviceOwnedError) throw deviceForbidden();
			throw e;
		}
		if (outcome === 'gap') break;
		results.push(outcome);
	}
	return { results };
}

async function applyOne(
	tx: OrmTx,
	user: SessionUser,
	deviceId: string,
	mutation: Mutation,
	at: Date
): Promise<PushResult | 'gap'> {
	const centreId = user.centreId;
	// The upsert locks the device row, so two pushes from one device take turns. It never changes
	// the owner: a device belongs to the user who first pushed from it (devices.ts).
	const [device] = await tx
		.insert(devices)
		.values({ centreId, deviceId, userId: user.id, updatedAt: at })
		.onConflictDoUpdate({
			target: [devices.centreId, devices.deviceId],
			set: { updatedAt: at }
		})
		.returning({ last: devices.lastMutationId, userId: devices.userId });
	if (device.userId !== user.id) throw new DeviceOwnedError();
	if (mutation.id <= device.last) return storedResult(tx, centreId, deviceId, mutation.id);
	if (mutation.id > device.last + 1) return 'gap';

	const ctx: MutationContext = {
		centreId,
		userId: user.id,
		role: user.role,
		departmentId: user.departmentId,
		deviceId,
		now: at.toISOString(),
		authoritative: true
	};
	const writes = new SqlMutationTx(tx, centreId);
	const rejection = await evaluate(writes, mutation, ctx);

	let version: number | undefined;
	let changes: Change[] = [];
	if ((!rejection || rejection.keep) && writes.hasWrites) {
		// Taking the next version locks the centre row until commit, so versions commit in order
		// and a pull never passes over a change that commits late.
		const [centre] = await tx
			.update(centres)
			.set({ version: sql`${centres.version} + 1` })
			.where(eq(centres.id, centreId))
			.returning({ version: centres.version });
		if (!centre) throw new Error(`centre ${centreId} does not exist`);
		version = centre.version;
		changes = await writes.flush(version);
	}

	const result: PushResult = {
		id: mutation.id,
		status: rejection ? 'rejected' : 'applied',
		...(rejection && {
			code: rejection.code,
			message: rejection.messageKey,
			...(rejection.params && { params: rejection.params }),
			...(rejection.detail !== undefined && { detail: capped(rejection.detail) })
		})
	};
	await tx.insert(mutationResults).values({
		centreId,
		deviceId,
		mutationId: mutation.id,
		name: mutation.name,
		status: result.status,
		code: result.code ?? null,
		message: result.message ?? null,
		params: result.params ?? null,
		detail: result.detail ?? null,
		at
	});
	if (rejection?.refusedBeforeRun) {
		// Counted, not logged: the arguments of a mutation that never ran tell nobody anything, and
		// a device sending them in a loop must not grow the log (issue 14).
		await countRefused(
			tx,
			{ centreId, name: mutation.name, code: rejection.refusedBeforeRun },
			user.id,
			at
		);
	} else {
		await tx.insert(auditLog).values({
			centreId,
			userId: user.id,
			deviceId,
			at,
			mutationId: mutation.id,
			name: mutation.name,
			status: result.status,
			code: result.code ?? null,
			args: auditArgs(mutation.args),
			changes: auditChanges(changes)
		});
	}
	await tx
		.update(devices)
		.set({ lastMutationId: mutation.id })
		.where(and(eq(devices.centreId, centreId), eq(devices.deviceId, deviceId)));
	if (version !== undefined) {
		// Delivered at commit, to every app server that LISTENs (events.ts).
		await tx.execute(
			sql`select pg_notify(${CHANGES_CHANNEL}, ${JSON.stringify({ centreId, version })})`
		);
	}
	return result;
}

type Verdict = Rejection & { refusedBeforeRun?: 'UNKNOWN_MUTATION' | 'FORBIDDEN' };

/** Role check, argument check, then the mutator itself; returns why it was refused, if it was. */
async function evaluate(
	writes: SqlMutationTx,
	mutation: Mutation,
	ctx: MutationContext
): Promise<Verdict | undefined> {
	const mutator = mutatorNamed(mutation.name);
	if (!mutator) {
		return {
			code: 'UNKNOWN_MUTATION',
			messageKey: 'error_unknown_mutation',
			params: { name: mutation.name },
			refusedBeforeRun: 'UNKNOWN_MUTATION'
		};
	}
	// A viewer never writes, whatever a mutator's list says.
	if (ctx.role === 'viewer' || !mutator.roles.includes(ctx.role)) {
		return {
			code: 'FORBIDDEN',
			messageKey: 'error_forbidden',
			params: { role: ctx.role },
			refusedBeforeRun: 'FORBIDDEN'
		};
	}
	const args = checkArgs(mutator, mutation.args);
	if (!args.ok) return args.rejection;
	try {
		const outcome = await mutator.apply(writes, args.args, ctx);
		return outcome ? outcome.reject : undefined;
	} catch (e) {
		// A failed statement has aborted the transaction: that is the database's fault, not the
		// mutation's, and the whole push is retried.
		if (writes.failed || isTransient(e)) throw e;
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

const deviceForbidden = () => forbidden('this device id belongs to another user');

async function storedResult(
	tx: OrmTx,
	centreId: string,
	deviceId: string,
	mutationId: number
): Promise<PushResult> {
	const [row] = await tx
		.select()
		.from(mutationResults)
		.where(
			and(
				eq(mutationResults.centreId, centreId),
				eq(mutationResults.deviceId, deviceId),
				eq(mutationResults.mutationId, mutationId)
			)
		);
	// Results are kept as long as devices are; without one, the mutation was applied long ago.
	return row ? toPushResult(row) : { id: mutationId, status: 'applied' };
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
