/**
 * Named mutations (docs/sync-protocol.md, "Named mutations"). Each one is a pure function of its Zod-checked
 * arguments and a small transaction interface. The browser runs it optimistically against its local
 * overlay; the server re-runs the very same function with authority against PostgreSQL. One
 * implementation keeps the two from drifting apart.
 */
import type { z } from 'zod';
import { declaredTx, type MutationTx } from './records';
import {
	type EntityName,
	plainIssue,
	plainMessageKeys,
	RESERVED_NAME_MESSAGE,
	type MessageKey,
	type RejectionCode,
	type Role
} from '$lib/schemas';

export interface MutationContext {
	centreId: string;
	userId: string;
	role: Role;
	/** A clerk keeps the ledger of this department only. */
	departmentId?: string;
	deviceId: string;
	/** When the mutation was made (client) or applied (server); never read from a clock inside. */
	now: string;
	/** True on the server: the result is final and capacity checks are binding. */
	authoritative: boolean;
}

export interface Rejection {
	code: RejectionCode;
	messageKey: MessageKey;
	params?: Record<string, string | number>;
	detail?: unknown;
	/** Keep the writes made before rejecting (an unconfirmed booking stays visible to everyone). */
	keep?: boolean;
}

export type Outcome = void | { reject: Rejection };

/**
 * One named mutation. `Mutator` with no type arguments is any of them, as the outbox and the server
 * see one they know only by name: `apply` is a method, so its parameters compare both ways and every
 * mutator is one of those without a cast.
 */
export interface Mutator<
	S extends z.ZodType = z.ZodType,
	N extends string = string,
	T extends EntityName = EntityName
> {
	/** The wire name, `namespace.action`; stored outboxes and the server's results carry it. */
	name: N;
	args: S;
	/** Roles allowed to call it; the server checks this before apply. */
	roles: readonly Role[];
	/**
	 * Every record kind it may read or write. The device's transaction covers these stores and no
	 * other, so a tap locks only what it needs; `apply` sees a MutationTx of these kinds alone.
	 */
	stores: readonly T[];
	apply(tx: MutationTx<T>, args: z.output<S>, ctx: MutationContext): Promise<Outcome>;
}

/** What a caller hands over: the schema's input, before defaults are filled in. */
export type ArgsOf<M> = M extends { args: infer S extends z.ZodType } ? z.input<S> : never;

/** Keeps the name as a literal type, so the registry can check it against its place. */
export function defineMutator<
	const N extends string,
	S extends z.ZodType,
	const T extends EntityName
>(m: Mutator<S, N, T>): Mutator<S, N, T> {
	return m;
}

/** Runs a mutator on `tx` held to its declared stores (records.ts, `declaredTx`). */
export function applyDeclared<S extends z.ZodType>(
	mutator: Mutator<S>,
	tx: MutationTx,
	args: z.output<S>,
	ctx: MutationContext
): Promise<Outcome> {
	return mutator.apply(declaredTx(tx, mutator.name, mutator.stores), args, ctx);
}

export const reject = (
	code: RejectionCode,
	messageKey: MessageKey,
	params?: Record<string, string | number>,
	detail?: unknown
): { reject: Rejection } => ({ reject: { code, messageKey, params, detail } });

/**
 * Checks a mutation's arguments the same way on the device (before it is queued) and on the server
 * (before it is applied): the shared plain-JSON guard first, so text PostgreSQL cannot store or a
 * hostile nesting never reaches a mutator, then the mutator's own schema. A refusal names the
 * problem in a message key the user's screen renders in their language.
 */
export function checkArgs<S extends z.ZodType>(
	mutator: Mutator<S>,
	raw: unknown
): { ok: true; args: z.output<S> } | { ok: false; rejection: Rejection } {
	const plain = plainIssue(raw);
	if (plain) {
		return {
			ok: false,
			rejection: {
				code: 'INVALID',
				messageKey: plainMessageKeys[plain.problem],
				params: { detail: plain.path },
				detail: plain
			}
		};
	}
	const parsed = mutator.args.safeParse(raw);
	if (parsed.success) return { ok: true, args: parsed.data };
	const issues = parsed.error.issues;
	const reserved = issues.find((i) => i.message === RESERVED_NAME_MESSAGE);
	const paths = [...new Set(issues.map((i) => i.path.join('.')))].join(', ');
	return {
		ok: false,
		rejection: {
			code: 'INVALID',
			messageKey: reserved ? RESERVED_NAME_MESSAGE : 'error_invalid',
			params: { detail: reserved ? reserved.path.join('.') : paths },
			// Where and why, never what: the stored result and the audit keep no entered value.
			detail: issues.map((i) => ({ code: i.code, path: i.path.map(String), message: i.message }))
		}
	};
}
