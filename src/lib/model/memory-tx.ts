/**
 * An in-memory MutationTx for tests of mutators: rows per entity in maps, every write checked by
 * its entity schema as both real stores do.
 */
import {
	defaultCentreSettings,
	parseEntityRow,
	type CentreSettings,
	type EntityName,
	type Role
} from '$lib/schemas';
import { applyDeclared, checkArgs, type MutationContext, type Outcome } from './mutator';
import type { EntityRecord, Filter, MutationTx } from './records';
import { mutatorNamed, mutators } from './registry';

export class MemoryTx implements MutationTx {
	rows = new Map<string, Map<string, Record<string, unknown>>>();

	#table(entity: string) {
		let t = this.rows.get(entity);
		if (!t) this.rows.set(entity, (t = new Map()));
		return t;
	}
	async get<E extends EntityName>(entity: E, id: string) {
		const hit = this.#table(entity).get(id);
		return hit ? (structuredClone(hit) as EntityRecord<E>) : undefined;
	}
	async list<E extends EntityName>(entity: E, filter: Filter | Record<string, unknown>) {
		return [...this.#table(entity).values()]
			.filter((r) => Object.entries(filter).every(([k, v]) => r[k] === v))
			.map((r) => structuredClone(r) as EntityRecord<E>);
	}
	async put<E extends EntityName>(entity: E, record: EntityRecord<E>) {
		const row = parseEntityRow(entity, record);
		this.#table(entity).set(row.id as string, structuredClone(row));
	}
	async del(entity: EntityName, id: string) {
		this.#table(entity).delete(id);
	}
	count(entity: string) {
		return this.#table(entity).size;
	}
}

/** A MemoryTx holding the given rows. */
export function memoryTx(rows: { entity: EntityName; data: Record<string, unknown> }[] = []) {
	const tx = new MemoryTx();
	for (const r of rows) void tx.put(r.entity, r.data as EntityRecord<typeof r.entity>);
	return { tx };
}

/** A MemoryTx holding one centre, `c1`, with the given settings over the defaults. */
export async function centreTx(name: string, settings: Partial<CentreSettings> = {}) {
	const tx = new MemoryTx();
	await tx.put('centre', {
		id: 'c1',
		centreId: 'c1',
		v: 1,
		name,
		slug: 'test',
		address: '',
		timeZone: 'Asia/Shanghai',
		settings: { ...defaultCentreSettings, ...settings }
	});
	return tx;
}

/** Runs a mutation the way the server does: its arguments checked first, then applied. */
export async function runChecked(
	tx: MutationTx,
	name: string,
	raw: unknown,
	ctx: MutationContext
): Promise<Outcome> {
	const mutator = mutatorNamed(name)!;
	const args = checkArgs(mutator, raw);
	if (!args.ok) return { reject: args.rejection };
	return mutator.apply(tx, args.args, ctx);
}

/** The context a mutation of centre `c1` runs in on the server; `over` sets what a test varies. */
export const testContext = (
	role: Role,
	now: string,
	over: Partial<MutationContext> = {}
): MutationContext => ({
	centreId: 'c1',
	userId: 'u1',
	role,
	deviceId: 'd1',
	now,
	authoritative: true,
	...over
});

/**
 * Runs a mutation as push.ts does, on the stores it declares: the role, then the arguments, then
 * the change. Answers `FORBIDDEN`, the code of bad arguments, the code and message of a refusal,
 * or `ok`.
 */
export async function runAs(
	tx: MutationTx,
	name: string,
	raw: unknown,
	ctx: MutationContext
): Promise<string> {
	const m = mutators[name];
	if (!m.roles.includes(ctx.role)) return 'FORBIDDEN';
	const checked = checkArgs(m, raw);
	if (!checked.ok) return checked.rejection.code;
	const outcome = await applyDeclared(m, tx, checked.args, ctx);
	return outcome ? `${outcome.reject.code} ${outcome.reject.messageKey}` : 'ok';
}
