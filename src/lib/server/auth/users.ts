/** Centres and accounts, as the command line and the demo seeding create them. */
import { randomUUID } from 'node:crypto';
import {
	defaultCentreSettings,
	defaultRuleNumbers,
	ruleSetId,
	type Centre,
	type Role,
	type RuleSet
} from '$lib/schemas';
import type { Db, OrmTx } from '../db/open';
import { centres, centreVersions, records, users } from '../db/schema';
import { defaultHashCost, hashPassword, type HashCost } from './password';
import { HALL_TIME_ZONE } from '$lib/domain/hall-clock';

export interface NewUser {
	username: string;
	password: string;
	name: string;
	role: Role;
	centreId: string;
	departmentId?: string;
}

/** Creates an account; returns its id, or null when the username is taken. */
export async function createUser(
	db: Db | { orm: OrmTx },
	user: NewUser,
	cost: HashCost = defaultHashCost
): Promise<string | null> {
	const id = randomUUID();
	const inserted = await db.orm
		.insert(users)
		.values({
			id,
			username: user.username,
			name: user.name,
			passwordHash: await hashPassword(user.password, cost),
			role: user.role,
			centreId: user.centreId,
			departmentId: user.departmentId ?? null
		})
		.onConflictDoNothing({ target: users.username })
		.returning({ id: users.id });
	return inserted[0]?.id ?? null;
}

/**
 * Creates a centre: its row (slug, name), its clock at version 1 (centre_versions) and its synced
 * `centre` record at version 1, so every device of the centre pulls its settings. Returns false
 * when the slug is taken.
 */
export async function createCentre(db: Db | { orm: OrmTx }, centre: Centre): Promise<boolean> {
	const inserted = await db.orm
		.insert(centres)
		.values({ id: centre.id, slug: centre.slug, name: centre.name })
		.onConflictDoNothing()
		.returning({ id: centres.id });
	if (inserted.length === 0) return false;
	await db.orm
		.insert(centreVersions)
		.values({ centreId: centre.id, version: 1 })
		.onConflictDoNothing();
	// Every centre starts with the plan's rules, so its plans are checked from the first day.
	const rules: RuleSet = {
		id: ruleSetId(centre.id),
		centreId: centre.id,
		v: 1,
		...defaultRuleNumbers
	};
	await db.orm.insert(records).values([
		{ centreId: centre.id, entity: 'centre', id: centre.id, data: centre, version: 1 },
		{ centreId: centre.id, entity: 'ruleSet', id: rules.id, data: rules, version: 1 }
	]);
	return true;
}

export function newCentre(name: string, slug: string): Centre {
	const id = randomUUID();
	return {
		id,
		centreId: id,
		v: 1,
		name,
		slug,
		address: '',
		timeZone: HALL_TIME_ZONE,
		settings: defaultCentreSettings
	};
}
