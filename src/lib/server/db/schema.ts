/**
 * The server's tables. Everything a centre owns carries centre_id first in its primary key, and no
 * unique constraint leaves it out, so those tables can be distributed by centre (Citus;
 * docs/architecture.md, "Partitioning by centre") without a change of keys. `centres`, `users`,
 * `sessions` and `login_failures` are small and read across centres (a login does not know its
 * centre yet): they are the reference tables, copied whole to every node.
 */
import { sql } from 'drizzle-orm';
import {
	bigint,
	bigserial,
	boolean,
	index,
	jsonb,
	pgTable,
	primaryKey,
	text,
	timestamp
} from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const version = (name: string) => bigint(name, { mode: 'number' });

/** A reference table: every node holds it, since a slug is looked up before the centre is known. */
export const centres = pgTable(
	'centres',
	{
		id: text('id').primaryKey(),
		slug: text('slug').notNull().unique(),
		name: text('name').notNull(),
		/**
		 * The district the centre reports to (a short key such as `shifanqu`); centres with the same
		 * key form a district, whose office reads their monthly figures side by side (/api/district).
		 * Null: a centre on its own.
		 */
		district: text('district'),
		createdAt: at('created_at').notNull().defaultNow()
	},
	(t) => [index('centres_district').on(t.district)]
);

/**
 * A centre's clock, kept apart from `centres` so that it lives with the centre's rows (distributed
 * by centre_id) while `centres` is a reference table. Its row is the centre's write lock: every
 * group of pushes and every erasure takes it first (sync/centre-version.ts).
 */
export const centreVersions = pgTable('centre_versions', {
	centreId: text('centre_id').primaryKey(),
	/** Bumped by every applied change; the change log's clock (docs/sync-protocol.md, "Why versions and not timestamps"). */
	version: version('version').notNull().default(0),
	/** Tombstones below this version are gone: an older cursor must start again (reset). */
	purgedBeforeVersion: version('purged_before_version').notNull().default(0)
});

/** The current state of every synced record, with the version of its last change. */
export const records = pgTable(
	'records',
	{
		centreId: text('centre_id').notNull(),
		entity: text('entity').notNull(),
		id: text('id').notNull(),
		data: jsonb('data'),
		version: version('version').notNull(),
		deleted: boolean('deleted').notNull().default(false)
	},
	(t) => [
		primaryKey({ columns: [t.centreId, t.entity, t.id] }),
		index('records_centre_version').on(t.centreId, t.version),
		index('records_centre_entity_date').on(t.centreId, t.entity, sql`(${t.data}->>'date')`)
	]
);

/** What every read of changes selects from a record: the pull's page and the first sync's. */
export const changeColumns = {
	version: records.version,
	entity: records.entity,
	id: records.id,
	data: records.data,
	deleted: records.deleted
};

/** Per device, the last mutation applied: the push's idempotency key. */
export const devices = pgTable(
	'devices',
	{
		centreId: text('centre_id').notNull(),
		deviceId: text('device_id').notNull(),
		userId: text('user_id').notNull(),
		lastMutationId: bigint('last_mutation_id', { mode: 'number' }).notNull().default(0),
		updatedAt: at('updated_at').notNull().defaultNow(),
		/** The last push or pull from the device, for the admin's list of a user's devices. */
		lastSyncAt: at('last_sync_at'),
		/** Set by an admin's remote wipe: every later push or pull from the device is refused (410). */
		wipedAt: at('wiped_at'),
		/**
		 * The server's share of the key that seals personal data on the device (docs/security.md,
		 * "Personal data at rest"): 32 random bytes, base64. Null until the device asks for it, and
		 * again after a sign-out, a wipe or a change of the user's role or department.
		 */
		personalKey: text('personal_key')
	},
	(t) => [primaryKey({ columns: [t.centreId, t.deviceId] })]
);

/** What the server answered for each mutation, so a replay gets the same answer. */
export const mutationResults = pgTable(
	'mutation_results',
	{
		centreId: text('centre_id').notNull(),
		deviceId: text('device_id').notNull(),
		mutationId: bigint('mutation_id', { mode: 'number' }).notNull(),
		name: text('name').notNull(),
		status: text('status', { enum: ['applied', 'rejected'] }).notNull(),
		code: text('code'),
		message: text('message'),
		params: jsonb('params'),
		detail: jsonb('detail'),
		at: at('at').notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.centreId, t.deviceId, t.mutationId] }),
		index('mutation_results_rejected')
			.on(t.centreId, t.deviceId, t.mutationId)
			.where(sql`${t.status} = 'rejected'`)
	]
);

/** A reference table (see the top of this file). */
export const users = pgTable(
	'users',
	{
		id: text('id').primaryKey(),
		username: text('username').notNull().unique(),
		name: text('name').notNull(),
		passwordHash: text('password_hash').notNull(),
		role: text('role', {
			enum: ['admin', 'manager', 'duty', 'clerk', 'viewer', 'district']
		}).notNull(),
		centreId: text('centre_id').notNull(),
		departmentId: text('department_id'),
		active: boolean('active').notNull().default(true),
		createdAt: at('created_at').notNull().defaultNow()
	},
	(t) => [index('users_centre').on(t.centreId)]
);

/**
 * Only the SHA-256 of a session token is kept: a copy of this table opens no session. A reference
 * table: a request's cookie names no centre.
 */
export const sessions = pgTable(
	'sessions',
	{
		tokenHash: text('token_hash').primaryKey(),
		userId: text('user_id').notNull(),
		createdAt: at('created_at').notNull().defaultNow(),
		expiresAt: at('expires_at').notNull(),
		revokedAt: at('revoked_at')
	},
	(t) => [index('sessions_user').on(t.userId)]
);

export const loginFailures = pgTable(
	'login_failures',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		username: text('username').notNull(),
		address: text('address').notNull(),
		at: at('at').notNull().defaultNow()
	},
	(t) => [
		index('login_failures_username').on(t.username, t.at),
		index('login_failures_address').on(t.address, t.at)
	]
);

/**
 * Every applied and rejected mutation: who, from which device, when, which mutation, its arguments
 * with personal values redacted, and which fields of which rows it changed — never a personal value
 * (schemas/personal.ts), so retention has nothing to chase here. Append-only: no code path updates
 * or deletes it; the app's role holds no UPDATE, DELETE or TRUNCATE on it, and a row trigger
 * refuses UPDATE and DELETE even to a superuser (migration 0003, docs/operations.md).
 */
export const auditLog = pgTable(
	'audit_log',
	{
		id: bigserial('id', { mode: 'number' }).notNull(),
		centreId: text('centre_id').notNull(),
		userId: text('user_id').notNull(),
		deviceId: text('device_id').notNull(),
		at: at('at').notNull().defaultNow(),
		mutationId: bigint('mutation_id', { mode: 'number' }).notNull(),
		name: text('name').notNull(),
		status: text('status', { enum: ['applied', 'rejected'] }).notNull(),
		code: text('code'),
		args: jsonb('args'),
		changes: jsonb('changes').notNull()
	},
	(t) => [primaryKey({ columns: [t.centreId, t.id] })]
);

/**
 * Mutations refused before they ran (a name no mutator has, or a role it does not allow), counted
 * per centre, name and code instead of stored one by one with their arguments: a device that sends
 * them in a loop costs a counter update, and nothing it sent is kept (docs/security.md).
 */
export const refusedMutations = pgTable(
	'refused_mutations',
	{
		centreId: text('centre_id').notNull(),
		name: text('name').notNull(),
		code: text('code', { enum: ['UNKNOWN_MUTATION', 'FORBIDDEN'] }).notNull(),
		count: bigint('count', { mode: 'number' }).notNull().default(0),
		firstAt: at('first_at').notNull().defaultNow(),
		lastAt: at('last_at').notNull().defaultNow(),
		/** Who sent the last one, so a person can ask the right user. */
		lastUserId: text('last_user_id').notNull()
	},
	(t) => [primaryKey({ columns: [t.centreId, t.name, t.code] })]
);
