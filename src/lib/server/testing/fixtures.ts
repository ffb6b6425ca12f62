/** A small centre for the server tests: a department, staff, a service item and a few slots. */
import {
	defaultCentreSettings,
	PROTOCOL_VERSION,
	roles,
	type Role,
	type SessionUser
} from '$lib/schemas';
import { count, eq } from 'drizzle-orm';
import { cheapHashCost } from '../auth/password';
import type { Db } from '../db/open';
import { centreVersions, devices, mutationResults, users } from '../db/schema';
import { seedDemo, type DemoData } from '../seed';
import { push } from '../sync/push';

export const DATE = '2026-06-06';

export interface TestCentre {
	id: string;
	slug: string;
	/** One account per role; the clerk keeps the ledger of `${id}-dept`. */
	users: Record<Role, SessionUser>;
	slots: string[];
}

const clock = (minutes: number) =>
	`${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export function tinyCentre(id: string, slotCount = 3, capacity = 2): DemoData {
	const centreId = id;
	const base = { centreId, v: 1 as const };
	const dept = `${id}-dept`;
	const item = `${id}-item`;
	return {
		centre: {
			id,
			centreId,
			v: 1,
			name: `测试中心 ${id}`,
			slug: id,
			address: '',
			timeZone: 'Asia/Shanghai',
			settings: defaultCentreSettings
		},
		records: [
			{
				entity: 'department',
				data: {
					...base,
					id: dept,
					name: '不动产登记中心',
					kind: 'stationed',
					operations: false,
					takesAppointments: true,
					sortOrder: 1
				}
			},
			{
				entity: 'staff',
				data: {
					...base,
					id: `${id}-staff`,
					name: '测试员',
					departmentId: dept,
					title: '科员',
					phone: '13800000000',
					onCall: false,
					realEstateReview: false,
					active: true
				}
			},
			{
				entity: 'serviceItem',
				data: {
					...base,
					id: item,
					name: '不动产登记',
					departmentId: dept,
					category: '不动产登记',
					channels: ['window'],
					deadlineDays: 0,
					availableNonWorking: true,
					bookable: true,
					handleMinutes: 15,
					retired: false,
					updatedAt: '2026-01-01T00:00:00+08:00'
				}
			},
			...Array.from({ length: slotCount }, (_, i) => ({
				entity: 'slot' as const,
				data: {
					...base,
					id: `${id}-slot-${i}`,
					departmentId: dept,
					serviceItemId: item,
					date: DATE,
					start: clock(9 * 60 + i * 10),
					end: clock(9 * 60 + i * 10 + 10),
					capacity,
					booked: 0,
					blocked: false
				}
			}))
		]
	};
}

/** Seeds a tiny centre with an account per role (usernames `${id}-${role}`). */
export async function createTestCentre(
	db: Db,
	id: string,
	{ slotCount = 3, capacity = 2 } = {}
): Promise<TestCentre> {
	const demo = tinyCentre(id, slotCount, capacity);
	await seedDemo(
		db,
		demo,
		roles.map((role) => ({ username: `${id}-${role}`, name: role, role })),
		{ hashCost: cheapHashCost }
	);
	return {
		id,
		slug: id,
		users: await usersOf(db, id),
		slots: Array.from({ length: slotCount }, (_, i) => `${id}-slot-${i}`)
	};
}

/** A centre's accounts by role, each as its session carries it. */
export async function usersOf(db: Db, centreId: string): Promise<Record<Role, SessionUser>> {
	const rows = await db.orm.select().from(users).where(eq(users.centreId, centreId));
	return Object.fromEntries(
		rows.map((u) => [
			u.role,
			{
				id: u.id,
				username: u.username,
				name: u.name,
				role: u.role,
				centreId: u.centreId,
				...(u.departmentId && { departmentId: u.departmentId })
			}
		])
	) as Record<Role, SessionUser>;
}

let nextMutation = 0;
/** A fresh device id per call, so tests in one database never share a device. */
export const newDeviceId = () => `device-${process.pid}-${++nextMutation}`;

export const mutation = (id: number, name: string, args: unknown) => ({
	id,
	name,
	args,
	createdAt: '2026-06-06T09:00:00+08:00'
});

export const volumeArgs = (delta: number, hour = 9) => ({
	date: DATE,
	hour,
	category: '不动产登记',
	channel: 'window' as const,
	delta: { accepted: delta }
});

export const bookArgs = (id: string, slotId: string) => ({
	id,
	slotId,
	applicant: { kind: 'person' as const, name: '张测试', phone: '13900000000' },
	channel: 'phone' as const,
	notes: ''
});

/** Pushes `mutations` as `user` from `deviceId`, a fresh device unless named. */
export const pushMutations = (
	db: Db,
	user: SessionUser,
	mutations: ReturnType<typeof mutation>[],
	deviceId = newDeviceId()
) => push(db, user, { protocol: PROTOCOL_VERSION, deviceId, mutations });

/** The centre's version now. */
export async function centreVersion(db: Db, centreId: string): Promise<number> {
	const [row] = await db.orm
		.select({ version: centreVersions.version })
		.from(centreVersions)
		.where(eq(centreVersions.centreId, centreId));
	return row.version;
}

/** What a push writes, to show a refused one wrote nothing. */
export async function written(db: Db, centreId: string) {
	const [d] = await db.orm.select({ n: count() }).from(devices);
	const [r] = await db.orm.select({ n: count() }).from(mutationResults);
	return { version: await centreVersion(db, centreId), devices: d.n, results: r.n };
}

/**
 * 40 slots of one place in versions of 7 rows, with one manager: pages of 10 then cut versions
 * of uneven size, as a real first sync does.
 */
export async function seedPagedCentre(db: Db, centreId: string): Promise<SessionUser> {
	await seedDemo(
		db,
		tinyCentre(centreId, 40, 1),
		[{ username: 'pm', name: 'pm', role: 'manager' }],
		{ hashCost: cheapHashCost, rowsPerVersion: 7 }
	);
	return { id: 'pm-id', username: 'pm', name: 'pm', role: 'manager', centreId };
}
