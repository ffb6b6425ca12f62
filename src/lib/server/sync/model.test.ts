/**
 * A model test of the whole protocol: simulated devices (plain in-memory clients) make random
 * offline mutations and sync in random order while requests and responses get lost. After the
 * network heals, every device holds the server's state, counts add up exactly, no slot is
 * overbooked, and every mutation has ended applied or rejected.
 */
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { and, eq } from 'drizzle-orm';
import {
	PROTOCOL_VERSION,
	pullResponse,
	pushResponse,
	type Mutation,
	type Role,
	type SessionUser
} from '$lib/schemas';
import { disclose } from '$lib/domain/disclosure';
import { devices as deviceRows, mutationResults, records } from '../db/schema';
import { drivers } from '../testing/databases';
import { bookArgs, createTestCentre, mutation, volumeArgs } from '../testing/fixtures';
import { useTestDb } from '../testing/suite';
import { pull } from './pull';
import { push } from './push';

// Opening PGlite and a fresh PostgreSQL database is slow on a busy 2-core machine.
vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

const DEVICES = 4;
const SLOTS = 2;
const CAPACITY = 2;
const deviceRoles: Role[] = ['clerk', 'duty', 'clerk', 'manager'];
const statuses = ['arrived', 'no-show', 'cancelled', 'serving', 'done', 'refused'] as const;

type Op =
	| { kind: 'volume'; hour: number; delta: number }
	| { kind: 'book'; slot: number }
	| { kind: 'setStatus'; pick: number; status: (typeof statuses)[number] };

type Action =
	| { kind: 'mutate'; device: number; op: Op }
	| { kind: 'push'; device: number; dropRequest: boolean; dropResponse: boolean }
	| { kind: 'pull'; device: number; dropResponse: boolean };

const device = fc.integer({ min: 0, max: DEVICES - 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
	fc.record({
		kind: fc.constant('volume' as const),
		hour: fc.integer({ min: 9, max: 10 }),
		delta: fc.integer({ min: 1, max: 5 })
	}),
	fc.record({ kind: fc.constant('book' as const), slot: fc.integer({ min: 0, max: SLOTS - 1 }) }),
	fc.record({
		kind: fc.constant('setStatus' as const),
		pick: fc.nat(),
		status: fc.constantFrom(...statuses)
	})
);
const action: fc.Arbitrary<Action> = fc.oneof(
	{ weight: 4, arbitrary: fc.record({ kind: fc.constant('mutate' as const), device, op }) },
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('push' as const),
			device,
			dropRequest: fc.boolean(),
			dropResponse: fc.boolean()
		})
	},
	{
		weight: 2,
		arbitrary: fc.record({ kind: fc.constant('pull' as const), device, dropResponse: fc.boolean() })
	}
);

/** What a tablet keeps: its outbox, the server-confirmed rows, its cursor and its results. */
class Device {
	outbox: Mutation[] = [];
	confirmed = new Map<string, unknown>();
	cursor = 0;
	nextId = 1;
	settled = new Map<number, 'applied' | 'rejected'>();
	booked: string[] = [];
	made: { id: number; name: string; args: unknown }[] = [];

	constructor(
		readonly id: string,
		readonly user: SessionUser
	) {}

	mutate(name: string, args: unknown) {
		const m = mutation(this.nextId++, name, args);
		this.outbox.push(m);
		this.made.push(m);
	}

	settle(id: number, status: 'applied' | 'rejected') {
		this.settled.set(id, status);
		this.outbox = this.outbox.filter((m) => m.id !== id);
	}

	/** Appointments this device knows of: its own bookings and those pulled. */
	appointments(): string[] {
		const pulled = [...this.confirmed.keys()]
			.filter((k) => k.startsWith('appointment/'))
			.map((k) => k.slice('appointment/'.length));
		return [...new Set([...this.booked, ...pulled])].sort();
	}
}

describe.each(drivers)('sync model on %s', (driver) => {
	const t = useTestDb(driver);
	let run = 0;

	async function doPush(d: Device, dropResponse: boolean) {
		const res = pushResponse.parse(
			await push(t.db, d.user, { protocol: PROTOCOL_VERSION, deviceId: d.id, mutations: d.outbox })
		);
		if (dropResponse) return;
		for (const r of res.results) d.settle(r.id, r.status);
	}

	async function doPull(d: Device, dropResponse: boolean): Promise<boolean> {
		const page = pullResponse.parse(
			await pull(t.db, d.user, { cursor: d.cursor, deviceId: d.id }, { pageSize: 4 })
		);
		if (dropResponse) return true;
		if (page.reset) d.confirmed.clear();
		for (const c of page.changes) {
			if (c.op === 'put') d.confirmed.set(`${c.entity}/${c.id}`, c.data);
			else d.confirmed.delete(`${c.entity}/${c.id}`);
		}
		d.cursor = page.cursor;
		const rejected = new Map(page.results.map((r) => [r.id, r.status]));
		for (const m of [...d.outbox]) {
			if (m.id <= page.lastMutationId) d.settle(m.id, rejected.get(m.id) ?? 'applied');
		}
		return page.hasMore;
	}

	it('converges after any interleaving of offline work and lossy sync', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 40 }), async (actions) => {
				const centreId = `model-${driver}-${++run}`;
				const centre = await createTestCentre(t.db, centreId, {
					slotCount: SLOTS,
					capacity: CAPACITY
				});
				const devices = deviceRoles.map(
					(role, i) => new Device(`${centreId}-tablet-${i}`, centre.users[role])
				);
				let appointmentNo = 0;

				for (const a of actions) {
					const d = devices[a.device];
					if (a.kind === 'mutate') {
						if (a.op.kind === 'volume') d.mutate('volume.add', volumeArgs(a.op.delta, a.op.hour));
						else if (a.op.kind === 'book') {
							const id = `${d.id}-appt-${++appointmentNo}`;
							d.booked.push(id);
							d.mutate('appointment.book', bookArgs(id, centre.slots[a.op.slot]));
						} else {
							const known = d.appointments();
							if (known.length === 0) continue;
							d.mutate('appointment.setStatus', {
								id: known[a.op.pick % known.length],
								status: a.op.status,
								...(a.op.status === 'cancelled' && { cancelReason: '申请人取消' }),
								...(a.op.status === 'refused' && { missingItems: ['身份证原件'] })
							});
						}
					} else if (a.kind === 'push') {
						if (!a.dropRequest) await doPush(d, a.dropResponse);
					} else {
						await doPull(d, a.dropResponse);
					}
				}

				// The network heals: every device pushes all it holds, then every device pulls to the end.
				for (const d of devices) while (d.outbox.length > 0) await doPush(d, false);
				for (const d of devices) while (await doPull(d, false));

				const rows = await t.db.orm
					.select()
					.from(records)
					.where(and(eq(records.centreId, centreId), eq(records.deleted, false)));
				// Each device converges on the server's rows as its role receives them (docs/roles.md).
				for (const d of devices) {
					const server = new Map(
						rows.map((r) => [`${r.entity}/${r.id}`, disclose(r.entity, r.data, d.user)])
					);
					expect(d.confirmed).toEqual(server);
				}

				// Every mutation ended applied or rejected, as the server recorded it: the device's
				// last id covers it, and a rejection is stored while an applied result is implied.
				const stored = await t.db.orm
					.select()
					.from(mutationResults)
					.where(eq(mutationResults.centreId, centreId));
				const storedStatus = new Map(
					stored.map((r) => [`${r.deviceId}#${r.mutationId}`, r.status])
				);
				const lastIds = new Map(
					(await t.db.orm.select().from(deviceRows).where(eq(deviceRows.centreId, centreId))).map(
						(r) => [r.deviceId, r.lastMutationId]
					)
				);
				let acceptedSum = 0;
				let rejections = 0;
				for (const d of devices) {
					expect(d.outbox).toEqual([]);
					for (const m of d.made) {
						const status = d.settled.get(m.id);
						expect(status).toBeDefined();
						expect(lastIds.get(d.id)).toBeGreaterThanOrEqual(m.id);
						expect(storedStatus.get(`${d.id}#${m.id}`) ?? 'applied').toBe(status);
						if (status === 'rejected') rejections += 1;
						if (m.name === 'volume.add' && status === 'applied') {
							acceptedSum += (m.args as { delta: { accepted: number } }).delta.accepted;
						}
					}
				}
				expect(stored).toHaveLength(rejections);

				// Counts travel as deltas: the totals are the sum of the accepted deltas, exactly.
				const volumeTotal = rows
					.filter((r) => r.entity === 'volume')
					.reduce(
						(n, r) => n + (r.data as { counters: { accepted: number } }).counters.accepted,
						0
					);
				expect(volumeTotal).toBe(acceptedSum);

				// No slot holds more confirmed bookings than its capacity, and its count is right.
				const appointments = rows
					.filter((r) => r.entity === 'appointment')
					.map((r) => r.data as { slotId: string; status: string });
				for (const slot of rows.filter((r) => r.entity === 'slot')) {
					const data = slot.data as { id: string; capacity: number; booked: number };
					const holding = appointments.filter(
						(x) => x.slotId === data.id && !['unconfirmed', 'cancelled'].includes(x.status)
					).length;
					expect(holding).toBeLessThanOrEqual(data.capacity);
					expect(data.booked).toBe(holding);
				}
			}),
			{ numRuns: 25 }
		);
	});
});
