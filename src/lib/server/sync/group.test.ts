/**
 * The group commit (push.ts): pushes of one centre that wait together are applied in one
 * transaction. What a group must keep of the one-transaction-per-mutation push it replaced.
 */
import { describe, expect, it, vi } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { volumeEntryId, type SessionUser } from '$lib/schemas';
import { isTransient } from '../db/errors';
import type { Db } from '../db/open';
import { auditLog, devices, mutationResults, records } from '../db/schema';
import { drivers } from '../testing/databases';
import {
	centreVersion,
	createTestCentre,
	DATE,
	mutation,
	newDeviceId,
	pushMutations,
	type TestCentre
} from '../testing/fixtures';
import { useTestDb } from '../testing/suite';
import { CHANGES_CHANNEL } from './events';

vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

/** A volume.add of its own hourly row: hour and category picked from the device and the id. */
function ownRow(device: number, id: number, delta = 1) {
	return {
		date: DATE,
		hour: 8 + (id % 10),
		category: `分组${device}-${Math.floor(id / 10)}`,
		channel: 'window' as const,
		delta: { accepted: delta }
	};
}

const rowId = (centreId: string, args: ReturnType<typeof ownRow>) =>
	volumeEntryId(centreId, args.date, args.hour, args.category, args.channel);

describe.each(drivers)('group commit on %s', (driver) => {
	const t = useTestDb(driver);

	const send = (db: Db, user: SessionUser, deviceId: string, ms: ReturnType<typeof mutation>[]) =>
		pushMutations(db, user, ms, deviceId);

	const version = (centreId: string) => centreVersion(t.db, centreId);

	async function accepted(centreId: string, id: string): Promise<number> {
		const [row] = await t.db.orm
			.select({ data: records.data })
			.from(records)
			.where(and(eq(records.centreId, centreId), eq(records.id, id)));
		return (row?.data as { counters: { accepted: number } } | undefined)?.counters.accepted ?? 0;
	}

	it('gives concurrent devices versions in commit order, without a gap, each mutation once', async () => {
		const centre = await createTestCentre(t.db, `group-order-${driver}`);
		const user = centre.users.duty;
		const start = await version(centre.id);
		const tablets = Array.from({ length: 12 }, () => newDeviceId());
		const batches = 3;
		const perBatch = 5;
		await Promise.all(
			tablets.map(async (deviceId, d) => {
				for (let b = 0; b < batches; b++) {
					const batch = Array.from({ length: perBatch }, (_, i) => {
						const id = b * perBatch + i + 1;
						return mutation(id, 'volume.add', ownRow(d, id));
					});
					// The same batch twice at once, as a retry that overtakes a slow answer.
					const answers = await Promise.all([
						send(t.db, user, deviceId, batch),
						send(t.db, user, deviceId, batch)
					]);
					for (const { results } of answers) {
						expect(results).toEqual(batch.map((m) => ({ id: m.id, status: 'applied' })));
					}
				}
			})
		);

		const total = tablets.length * batches * perBatch;
		expect(await version(centre.id)).toBe(start + total);
		const rows = await t.db.orm
			.select({ id: records.id, version: records.version, data: records.data })
			.from(records)
			.where(and(eq(records.centreId, centre.id), eq(records.entity, 'volume')));
		expect(rows).toHaveLength(total);
		// Every version from start + 1 to the last is one mutation's: no gap, none shared.
		expect(rows.map((r) => r.version).sort((a, b) => a - b)).toEqual(
			Array.from({ length: total }, (_, i) => start + 1 + i)
		);
		const versionOf = new Map(rows.map((r) => [r.id, r.version]));
		for (const [d] of tablets.entries()) {
			const versions = Array.from({ length: batches * perBatch }, (_, i) =>
				versionOf.get(rowId(centre.id, ownRow(d, i + 1)))
			);
			// One device's mutations commit in its order.
			expect(versions).toEqual([...versions].sort((a, b) => a! - b!));
		}
		for (const r of rows) {
			expect((r.data as { counters: { accepted: number } }).counters.accepted).toBe(1);
		}
		const audit = await t.db.orm
			.select({ deviceId: auditLog.deviceId, mutationId: auditLog.mutationId })
			.from(auditLog)
			.where(eq(auditLog.centreId, centre.id));
		expect(audit).toHaveLength(total);
		expect(new Set(audit.map((a) => `${a.deviceId}#${a.mutationId}`)).size).toBe(total);
		const last = await t.db.orm
			.select({ last: devices.lastMutationId })
			.from(devices)
			.where(and(eq(devices.centreId, centre.id), inArray(devices.deviceId, tablets)));
		expect(last.map((r) => r.last)).toEqual(tablets.map(() => batches * perBatch));
	});

	it("drops a rejected mutation's writes and keeps the others' in the same group", async () => {
		const centre = await createTestCentre(t.db, `group-reject-${driver}`);
		const user = centre.users.duty;
		const shared = ownRow(0, 1);
		const broken = ownRow(0, 2);
		// A stored row that no longer parses: whoever reads it is refused (INVALID), not retried.
		await t.db.orm.insert(records).values({
			centreId: centre.id,
			entity: 'volume',
			id: rowId(centre.id, broken),
			data: { id: rowId(centre.id, broken) },
			version: 1
		});
		const start = await version(centre.id);
		const [a, b, c] = [newDeviceId(), newDeviceId(), newDeviceId()];
		const answers = await Promise.all([
			send(t.db, user, a, [mutation(1, 'volume.add', shared)]),
			send(t.db, user, b, [
				mutation(1, 'volume.addBatch', {
					date: DATE,
					source: 'form',
					cells: [
						{ ...shared, delta: { accepted: 5 } },
						{ ...broken, delta: { accepted: 5 } }
					]
				}),
				mutation(2, 'volume.add', shared)
			]),
			send(t.db, user, c, [mutation(1, 'volume.add', shared)])
		]);
		expect(answers.map((r) => r.results.map((x) => x.code ?? x.status))).toEqual([
			['applied'],
			['INVALID', 'applied'],
			['applied']
		]);
		// Three deltas of one applied; the batch's five on the same row are gone with it.
		expect(await accepted(centre.id, rowId(centre.id, shared))).toBe(3);
		expect(await version(centre.id)).toBe(start + 3);
		const stored = await t.db.orm
			.select({ deviceId: mutationResults.deviceId, status: mutationResults.status })
			.from(mutationResults)
			.where(eq(mutationResults.centreId, centre.id));
		expect(stored).toEqual([{ deviceId: b, status: 'rejected' }]);
		// Asked again, the device hears the same answers.
		expect(
			(
				await send(t.db, user, b, [
					mutation(1, 'volume.add', shared),
					mutation(2, 'volume.add', shared)
				])
			).results.map((x) => x.code ?? x.status)
		).toEqual(['INVALID', 'applied']);
	});

	it('fails every push of a group on a transient fault, and a retry applies each once', async () => {
		const centre = await createTestCentre(t.db, `group-fault-${driver}`);
		const user = centre.users.duty;
		let failNext = true;
		const fault = Object.assign(new Error('could not serialize access'), { code: '40001' });
		// The group's statements all run; the fault comes before the commit, so it rolls back.
		const faulty: Db = {
			...t.db,
			orm: Object.assign(Object.create(t.db.orm), {
				transaction: (run: (tx: unknown) => Promise<unknown>) =>
					t.db.orm.transaction(async (tx) => {
						const answer = await run(tx);
						if (failNext) {
							failNext = false;
							throw fault;
						}
						return answer;
					})
			})
		};
		const start = await version(centre.id);
		const tablets = Array.from({ length: 5 }, () => newDeviceId());
		const batchOf = (d: number) => [1, 2, 3].map((id) => mutation(id, 'volume.add', ownRow(d, id)));
		const first = await Promise.allSettled(
			tablets.map((deviceId, d) => send(faulty, user, deviceId, batchOf(d)))
		);
		for (const outcome of first) {
			expect(outcome.status).toBe('rejected');
			expect(isTransient((outcome as PromiseRejectedResult).reason)).toBe(true);
		}
		// Nothing of the group is left: no version, no row, no device, no audit entry.
		expect(await version(centre.id)).toBe(start);
		const left = await Promise.all([
			t.db.orm.select().from(records).where(eq(records.entity, 'volume')),
			t.db.orm.select().from(devices).where(inArray(devices.deviceId, tablets)),
			t.db.orm.select().from(auditLog).where(eq(auditLog.centreId, centre.id))
		]);
		expect(left.map((rows) => rows.filter((r) => r.centreId === centre.id).length)).toEqual([
			0, 0, 0
		]);

		const again = await Promise.all(
			tablets.map((deviceId, d) => send(faulty, user, deviceId, batchOf(d)))
		);
		for (const { results } of again)
			expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
		expect(await version(centre.id)).toBe(start + tablets.length * 3);
		for (const d of tablets.keys()) {
			for (const id of [1, 2, 3]) {
				expect(await accepted(centre.id, rowId(centre.id, ownRow(d, id)))).toBe(1);
			}
		}
	});

	it('pokes once per group, with the version it ends on', async () => {
		const centre = await createTestCentre(t.db, `group-poke-${driver}`);
		const user = centre.users.duty;
		const pokes: number[] = [];
		const unlisten = await t.db.listen(CHANGES_CHANNEL, (text) => {
			const poke = JSON.parse(text) as { centreId: string; version: number };
			if (poke.centreId === centre.id) pokes.push(poke.version);
		});
		try {
			const tablets = Array.from({ length: 8 }, () => newDeviceId());
			await Promise.all(
				tablets.map((deviceId, d) =>
					send(t.db, user, deviceId, [
						mutation(1, 'volume.add', ownRow(d, 1)),
						mutation(2, 'volume.add', ownRow(d, 2))
					])
				)
			);
			const final = await version(centre.id);
			await expect.poll(() => pokes.length, { timeout: 5000 }).toBeGreaterThan(0);
			// Any further poke of this push would arrive by now.
			await new Promise((ok) => setTimeout(ok, 300));
			expect(pokes).toEqual([final]);
		} finally {
			await unlisten();
		}
	});

	it("refuses only the push whose device is another user's", async () => {
		const centre: TestCentre = await createTestCentre(t.db, `group-owner-${driver}`);
		const owner = centre.users.duty;
		const other = centre.users.manager;
		const taken = newDeviceId();
		await send(t.db, owner, taken, [mutation(1, 'volume.add', ownRow(0, 1))]);
		const mine = newDeviceId();
		const [stolen, fine] = await Promise.allSettled([
			send(t.db, other, taken, [mutation(2, 'volume.add', ownRow(0, 2))]),
			send(t.db, other, mine, [mutation(1, 'volume.add', ownRow(1, 1))])
		]);
		expect(stolen).toMatchObject({ status: 'rejected', reason: { status: 403 } });
		expect(fine).toMatchObject({
			status: 'fulfilled',
			value: { results: [{ id: 1, status: 'applied' }] }
		});
		expect(await accepted(centre.id, rowId(centre.id, ownRow(0, 2)))).toBe(0);
		expect(await accepted(centre.id, rowId(centre.id, ownRow(1, 1)))).toBe(1);
	});
});
