/**
 * People and access (issue 16): an admin lists, creates and changes the accounts of their centre,
 * resets passwords and wipes devices. Every change is written to the audit log with ids, roles and
 * flags only — never a name, username or password (schemas/personal.ts).
 */
import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Account, AccountChange, NewAccount, SessionUser } from '$lib/schemas';
import type { Db } from '../db/open';
import { auditLog, devices, records, users } from '../db/schema';
import { defaultHashCost, type HashCost } from './password';
import { setPassword } from './password-change';
import { forgetUserSessions, revokeUserSessions } from './session';
import { createUser } from './users';

export type PeopleRefusal =
	'not-found' | 'username-taken' | 'unknown-department' | 'needs-department' | 'own-account';

export type PeopleOutcome<T> = { ok: true; value: T } | { ok: false; reason: PeopleRefusal };

const refused = <T>(reason: PeopleRefusal): PeopleOutcome<T> => ({ ok: false, reason });

async function audit(
	db: Db,
	actor: SessionUser,
	name: string,
	targetId: string,
	args: Record<string, unknown>,
	now: Date
): Promise<void> {
	await db.orm.insert(auditLog).values({
		centreId: actor.centreId,
		userId: actor.id,
		deviceId: 'web',
		at: now,
		mutationId: 0,
		name,
		status: 'applied',
		args,
		changes: [{ entity: 'user', id: targetId, op: name.split('.')[1], fields: Object.keys(args) }]
	});
}

/** The accounts of a centre, each with the devices it synced from, newest sync first. */
export async function listAccounts(db: Db, centreId: string): Promise<Account[]> {
	const rows = await db.orm
		.select()
		.from(users)
		.where(eq(users.centreId, centreId))
		.orderBy(asc(users.username));
	const owned = rows.length
		? await db.orm
				.select()
				.from(devices)
				.where(
					and(
						eq(devices.centreId, centreId),
						inArray(
							devices.userId,
							rows.map((r) => r.id)
						)
					)
				)
		: [];
	const iso = (d: Date | null) => (d ? d.toISOString() : null);
	return rows.map((u) => ({
		id: u.id,
		username: u.username,
		name: u.name,
		role: u.role,
		departmentId: u.departmentId,
		active: u.active,
		createdAt: u.createdAt.toISOString(),
		devices: owned
			.filter((d) => d.userId === u.id)
			.map((d) => ({
				deviceId: d.deviceId,
				lastSyncAt: iso(d.lastSyncAt ?? d.updatedAt),
				wipedAt: iso(d.wipedAt)
			}))
			.sort((a, b) => (b.lastSyncAt ?? '').localeCompare(a.lastSyncAt ?? ''))
	}));
}

async function departmentExists(db: Db, centreId: string, departmentId: string) {
	const [row] = await db.orm
		.select({ id: records.id })
		.from(records)
		.where(
			and(
				eq(records.centreId, centreId),
				eq(records.entity, 'department'),
				eq(records.id, departmentId),
				eq(records.deleted, false)
			)
		);
	return !!row;
}

async function accountOf(db: Db, centreId: string, userId: string) {
	const [row] = await db.orm
		.select()
		.from(users)
		.where(and(eq(users.id, userId), eq(users.centreId, centreId)));
	return row;
}

/** A clerk keeps one department's ledger: an account of that role needs one (docs/roles.md). */
const lacksDepartment = (role: string, departmentId: string | null | undefined) =>
	role === 'clerk' && !departmentId;

export async function createAccount(
	db: Db,
	actor: SessionUser,
	account: NewAccount,
	{ now = new Date(), cost = defaultHashCost }: { now?: Date; cost?: HashCost } = {}
): Promise<PeopleOutcome<string>> {
	if (lacksDepartment(account.role, account.departmentId)) return refused('needs-department');
	if (account.departmentId && !(await departmentExists(db, actor.centreId, account.departmentId)))
		return refused('unknown-department');
	const id = await createUser(db, { ...account, centreId: actor.centreId }, cost);
	if (!id) return refused('username-taken');
	await audit(
		db,
		actor,
		'user.create',
		id,
		{ role: account.role, departmentId: account.departmentId ?? null },
		now
	);
	return { ok: true, value: id };
}

/** Changes role, department or state; a deactivation ends the account's sessions at once. */
export async function changeAccount(
	db: Db,
	actor: SessionUser,
	userId: string,
	change: AccountChange,
	{ now = new Date() }: { now?: Date } = {}
): Promise<PeopleOutcome<{ endedSessions: number }>> {
	const current = await accountOf(db, actor.centreId, userId);
	if (!current) return refused('not-found');
	// An admin cannot lock themselves out: their own role and state stay.
	if (userId === actor.id && (change.role !== undefined || change.active === false))
		return refused('own-account');
	const role = change.role ?? current.role;
	const departmentId =
		change.departmentId === undefined ? current.departmentId : change.departmentId;
	if (lacksDepartment(role, departmentId)) return refused('needs-department');
	if (change.departmentId && !(await departmentExists(db, actor.centreId, change.departmentId)))
		return refused('unknown-department');
	await db.orm
		.update(users)
		.set({
			role,
			departmentId,
			...(change.active !== undefined && { active: change.active })
		})
		.where(eq(users.id, userId));
	if (role !== current.role || departmentId !== current.departmentId) {
		// What the user's devices sealed under the old scope cannot be read again (docs/security.md).
		await db.orm.update(devices).set({ personalKey: null }).where(eq(devices.userId, userId));
	}
	const endedSessions =
		change.active === false || change.role !== undefined
			? await revokeUserSessions(db, userId, now)
			: 0;
	forgetUserSessions(userId);
	const name =
		change.active === false
			? 'user.deactivate'
			: change.active === true
				? 'user.reactivate'
				: 'user.change';
	await audit(db, actor, name, userId, { ...change }, now);
	return { ok: true, value: { endedSessions } };
}

/** Twelve characters a person can read aloud: no 0/O or 1/l/I. */
export function temporaryPassword(): string {
	const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	const bytes = randomBytes(12);
	return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/** Sets a new password (or a temporary one, answered once) and ends every session of the account. */
export async function resetAccountPassword(
	db: Db,
	actor: SessionUser,
	userId: string,
	password: string | undefined,
	{ now = new Date(), cost = defaultHashCost }: { now?: Date; cost?: HashCost } = {}
): Promise<PeopleOutcome<{ endedSessions: number; temporaryPassword?: string }>> {
	const current = await accountOf(db, actor.centreId, userId);
	if (!current) return refused('not-found');
	const temporary = password ? undefined : temporaryPassword();
	const endedSessions = await setPassword(db, userId, password ?? temporary!, { now, cost });
	await audit(db, actor, 'user.reset-password', userId, { temporary: !!temporary }, now);
	return { ok: true, value: { endedSessions, ...(temporary && { temporaryPassword: temporary }) } };
}

/**
 * Marks a device of an account as wiped: its next push or pull is refused with 410, and the app
 * deletes its local data and signs out. The account's other devices keep working.
 */
export async function wipeDevice(
	db: Db,
	actor: SessionUser,
	userId: string,
	deviceId: string,
	{ now = new Date() }: { now?: Date } = {}
): Promise<PeopleOutcome<null>> {
	const wiped = await db.orm
		.update(devices)
		.set({ wipedAt: now, personalKey: null })
		.where(
			and(
				eq(devices.centreId, actor.centreId),
				eq(devices.deviceId, deviceId),
				eq(devices.userId, userId)
			)
		)
		.returning({ id: devices.deviceId });
	if (wiped.length === 0) return refused('not-found');
	await audit(db, actor, 'device.wipe', userId, { deviceId }, now);
	return { ok: true, value: null };
}
