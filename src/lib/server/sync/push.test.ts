import { beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { PROTOCOL_VERSION, type SessionUser } from '$lib/schemas';
import { listRefused, MAX_STORED_JSON_BYTES } from '../audit';
import { auditLog, mutationResults, records } from '../db/schema';
import { drivers } from '../testing/databases';
import {
	bookArgs,
	centreVersion,
	mutation,
	newDeviceId,
	pushMutations,
	volumeArgs
} from '../testing/fixtures';
import { useTestCentre, useTestDb } from '../testing/suite';
import { PokeHub } from './events';
import { pull } from './pull';
import { push } from './push';

// Opening PGlite and a fresh PostgreSQL database is slow on a busy 2-core machine.
vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

describe.each(drivers)('push on %s', (driver) => {
	const t = useTestDb(driver);
	const centre = useTestCentre(t, 'push-a');
	let duty: SessionUser;
	beforeAll(() => {
		duty = centre.users.duty;
	});

	const send = (user: SessionUser, deviceId: string, mutations: ReturnType<typeof mutation>[]) =>
		pushMutations(t.db, user, mutations, deviceId);

	async function accepted(hour: number): Promise<number> {
		const state = await pull(t.db, duty, { cursor: 0 }, { pageSize: 100_000 });
		const row = state.changes.find(
			(c) => c.entity === 'volume' && (c.data as { hour: number }).hour === hour
		);
		return (row?.data as { counters: { accepted: number } } | undefined)?.counters.accepted ?? 0;
	}

	const version = () => centreVersion(t.db, centre.id);

	it('applies each mutation once, however often it is pushed', async () => {
		const device = newDeviceId();
		const batch = [
			mutation(1, 'volume.add', volumeArgs(2, 10)),
			mutation(2, 'volume.add', volumeArgs(3, 10))
		];
		const first = await send(duty, device, batch);
		expect(first.results).toEqual([
			{ id: 1, status: 'applied' },
			{ id: 2, status: 'applied' }
		]);
		const v = await version();
		const again = await send(duty, device, [...batch, ...batch]);
		expect(again.results.map((r) => r.status)).toEqual([
			'applied',
			'applied',
			'applied',
			'applied'
		]);
		expect(await accepted(10)).toBe(5);
		expect(await version()).toBe(v);
	});

	it('puts a shuffled batch back in order', async () => {
		const device = newDeviceId();
		const res = await send(duty, device, [
			mutation(3, 'volume.add', volumeArgs(100, 11)),
			mutation(1, 'volume.add', volumeArgs(1, 11)),
			mutation(2, 'volume.add', volumeArgs(10, 11))
		]);
		expect(res.results.map((r) => r.id)).toEqual([1, 2, 3]);
		expect(await accepted(11)).toBe(111);
	});

	it('stops the batch at a gap and answers only for what came before it', async () => {
		const device = newDeviceId();
		const res = await send(duty, device, [
			mutation(1, 'volume.add', volumeArgs(1, 12)),
			mutation(3, 'volume.add', volumeArgs(1, 12)),
			mutation(4, 'volume.add', volumeArgs(1, 12))
		]);
		expect(res.results).toEqual([{ id: 1, status: 'applied' }]);
		expect(await accepted(12)).toBe(1);
		// A batch that starts past the gap applies nothing at all.
		expect(
			(await send(duty, device, [mutation(3, 'volume.add', volumeArgs(1, 12))])).results
		).toEqual([]);
		const later = await send(duty, device, [
			mutation(2, 'volume.add', volumeArgs(1, 12)),
			mutation(3, 'volume.add', volumeArgs(1, 12))
		]);
		expect(later.results.map((r) => r.id)).toEqual([2, 3]);
		expect(await accepted(12)).toBe(3);
	});

	it('goes on past ids the device says were confirmed, as after a restore from a backup', async () => {
		const device = newDeviceId();
		const sendConfirmed = (confirmed: number, mutations: ReturnType<typeof mutation>[]) =>
			push(t.db, duty, { protocol: PROTOCOL_VERSION, deviceId: device, mutations, confirmed });
		await sendConfirmed(0, [mutation(1, 'volume.add', volumeArgs(1, 14))]);
		// The server was restored to a backup taken here: ids 2 and 3 were confirmed to the device
		// afterwards, and it dropped them. Without `confirmed`, 4 is a gap and waits forever.
		expect(
			(await send(duty, device, [mutation(4, 'volume.add', volumeArgs(1, 14))])).results
		).toEqual([]);
		const res = await sendConfirmed(3, [mutation(4, 'volume.add', volumeArgs(10, 14))]);
		expect(res.results).toEqual([{ id: 4, status: 'applied' }]);
		expect(await accepted(14)).toBe(11);
		// The device's last id moved with it: a replay of 4 changes nothing, 5 follows on.
		await sendConfirmed(3, [mutation(4, 'volume.add', volumeArgs(10, 14))]);
		await sendConfirmed(4, [mutation(5, 'volume.add', volumeArgs(100, 14))]);
		expect(await accepted(14)).toBe(111);
		// A confirmed id below the server's own changes nothing: a gap is still a gap.
		expect(
			(await sendConfirmed(2, [mutation(7, 'volume.add', volumeArgs(1000, 14))])).results
		).toEqual([]);
		expect(await accepted(14)).toBe(111);
	});

	it('loses nothing and doubles nothing when the response is lost', async () => {
		const device = newDeviceId();
		const batch = [1, 2, 3].map((id) => mutation(id, 'volume.add', volumeArgs(id, 13)));
		await send(duty, device, batch); // the answer never reaches the device
		const state = await pull(t.db, duty, { cursor: 0, deviceId: device });
		expect(state.lastMutationId).toBe(3);
		const retry = await send(duty, device, [
			...batch,
			mutation(4, 'volume.add', volumeArgs(4, 13))
		]);
		expect(retry.results.map((r) => [r.id, r.status])).toEqual([
			[1, 'applied'],
			[2, 'applied'],
			[3, 'applied'],
			[4, 'applied']
		]);
		expect(await accepted(13)).toBe(10);
	});

	it('keeps an unconfirmed booking with SLOT_FULL and still advances the device', async () => {
		const slotId = centre.slots[0];
		const clerk = centre.users.clerk;
		const [a, b, c] = [newDeviceId(), newDeviceId(), newDeviceId()];
		await send(clerk, a, [mutation(1, 'appointment.book', bookArgs('appt-a', slotId))]);
		await send(clerk, b, [mutation(1, 'appointment.book', bookArgs('appt-b', slotId))]);
		const lost = await send(clerk, c, [
			mutation(1, 'appointment.book', bookArgs('appt-c', slotId)),
			mutation(2, 'volume.add', volumeArgs(1))
		]);
		expect(lost.results[0]).toMatchObject({ id: 1, status: 'rejected', code: 'SLOT_FULL' });
		expect(lost.results[0].detail).toMatchObject({ appointmentId: 'appt-c' });
		// The clerk may not count volume: refused, but the queue moves on.
		expect(lost.results[1]).toMatchObject({ id: 2, status: 'rejected', code: 'FORBIDDEN' });
		// Sent again (its answer lost, say), the push is answered from the stored rejections.
		const replayed = await send(clerk, c, [
			mutation(1, 'appointment.book', bookArgs('appt-c', slotId)),
			mutation(2, 'volume.add', volumeArgs(1))
		]);
		expect(replayed.results).toEqual(lost.results);
		const state = await pull(t.db, clerk, { cursor: 0, deviceId: c }, { pageSize: 100_000 });
		expect(state.lastMutationId).toBe(2);
		expect(state.results.map((r) => r.code)).toEqual(['SLOT_FULL', 'FORBIDDEN']);
		const appt = state.changes.find((x) => x.id === 'appt-c');
		expect(appt?.data).toMatchObject({ status: 'unconfirmed' });
		const slot = state.changes.find((x) => x.id === slotId);
		expect(slot?.data).toMatchObject({ booked: 2, capacity: 2 });
	});

	it('rolls back the writes of a rejection that does not keep them', async () => {
		const device = newDeviceId();
		const v = await version();
		const res = await send(duty, device, [
			mutation(1, 'attendance.record', {
				date: '2026-06-06',
				staffId: 'nobody',
				status: 'on-time'
			}),
			mutation(2, 'volume.add', { ...volumeArgs(1), hour: 99 }),
			mutation(3, 'no.such.mutation', {})
		]);
		expect(res.results.map((r) => r.code)).toEqual(['NOT_FOUND', 'INVALID', 'UNKNOWN_MUTATION']);
		expect(res.results[0].message).toBe('error_staff_missing');
		expect(await version()).toBe(v);
	});

	it('writes an append-only audit entry naming the fields changed, not their values', async () => {
		const device = newDeviceId();
		await send(duty, device, [mutation(1, 'volume.add', volumeArgs(7, 14))]);
		await send(duty, device, [mutation(2, 'volume.add', volumeArgs(1, 14))]);
		const rows = await t.db.orm
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.centreId, centre.id), eq(auditLog.deviceId, device)))
			.orderBy(auditLog.id);
		expect(rows.map((r) => [r.mutationId, r.status, r.userId])).toEqual([
			[1, 'applied', duty.id],
			[2, 'applied', duty.id]
		]);
		expect(rows[1].changes).toEqual([
			{ entity: 'volume', id: expect.any(String), op: 'put', fields: ['counters'] }
		]);
		// Counts are not personal: the arguments stay readable.
		expect(rows[1].args).toEqual(volumeArgs(1, 14));
		await expect(t.db.orm.update(auditLog).set({ name: 'x' })).rejects.toThrow();
		await expect(t.db.orm.delete(auditLog)).rejects.toThrow();
	});

	it('keeps no personal value of a booking in the audit log', async () => {
		const clerk = centre.users.clerk;
		const device = newDeviceId();
		const res = await send(clerk, device, [
			mutation(1, 'appointment.book', {
				...bookArgs('appt-audit', centre.slots[2]),
				applicant: {
					kind: 'person',
					name: '审计测试人',
					phone: '13711112222',
					idNumber: '11010519491231002X'
				},
				notes: '请致电 13711112222'
			}),
			mutation(2, 'appointment.setStatus', {
				id: 'appt-audit',
				status: 'cancelled',
				cancelReason: '审计测试人来电取消'
			})
		]);
		expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied']);
		const rows = await t.db.orm
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.centreId, centre.id), eq(auditLog.deviceId, device)))
			.orderBy(auditLog.id);
		const text = JSON.stringify(rows);
		for (const value of ['13711112222', '审计测试人', '11010519491231002X', '来电取消']) {
			expect(text).not.toContain(value);
		}
		expect(rows[0].args).toMatchObject({
			id: 'appt-audit',
			applicant: '[personal]',
			notes: '[personal]',
			channel: 'phone'
		});
		expect(rows[1].args).toMatchObject({ status: 'cancelled', cancelReason: '[personal]' });
		const appointmentChange = (rows[1].changes as { entity: string; fields: string[] }[]).find(
			(c) => c.entity === 'appointment'
		);
		expect(appointmentChange?.fields).toEqual(['cancelReason', 'history', 'status']);
	});

	it('counts unknown and forbidden mutations instead of logging their arguments', async () => {
		const clerk = centre.users.clerk;
		const device = newDeviceId();
		const secret = { phone: '13655556666', blob: 'y'.repeat(2000) };
		const res = await send(clerk, device, [
			mutation(1, 'no.such.thing', secret),
			mutation(2, 'no.such.thing', secret),
			mutation(3, 'window.upsert', secret)
		]);
		expect(res.results.map((r) => r.code)).toEqual([
			'UNKNOWN_MUTATION',
			'UNKNOWN_MUTATION',
			'FORBIDDEN'
		]);
		const logged = await t.db.orm.select().from(auditLog).where(eq(auditLog.deviceId, device));
		expect(logged).toEqual([]);
		const counted = await listRefused(t.db, centre.id);
		expect(counted.filter((c) => c.lastUserId === clerk.id)).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ name: 'no.such.thing', code: 'UNKNOWN_MUTATION', count: 2 }),
				expect.objectContaining({ name: 'window.upsert', code: 'FORBIDDEN', count: 1 })
			])
		);
		// The device still learns how each ended, and nothing it sent is stored anywhere.
		const page = await pull(t.db, clerk, { cursor: 0, deviceId: device }, { pageSize: 1 });
		expect(page.lastMutationId).toBe(3);
		const stored = await t.db.orm
			.select()
			.from(mutationResults)
			.where(eq(mutationResults.deviceId, device));
		expect(stored).toHaveLength(3);
		expect(JSON.stringify(stored)).not.toContain('13655556666');
	});

	it('caps the size of stored arguments and details', async () => {
		const device = newDeviceId();
		const pad = 'z'.repeat(50_000);
		const res = await send(duty, device, [
			mutation(1, 'volume.add', { ...volumeArgs(1), hour: 99, pad }),
			mutation(2, 'duty.note', { date: '2026-06-06', at: '10:00', text: 'x'.repeat(600) })
		]);
		expect(res.results.map((r) => r.code)).toEqual(['INVALID', 'INVALID']);
		const [logged] = await t.db.orm
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.deviceId, device), eq(auditLog.mutationId, 1)));
		expect(logged.args).toMatchObject({ truncated: true, keys: expect.arrayContaining(['pad']) });
		expect(JSON.stringify(logged.args).length).toBeLessThan(MAX_STORED_JSON_BYTES);
		const stored = await t.db.orm
			.select()
			.from(mutationResults)
			.where(eq(mutationResults.deviceId, device));
		for (const row of stored) {
			expect(JSON.stringify(row.detail).length).toBeLessThanOrEqual(MAX_STORED_JSON_BYTES);
			expect(JSON.stringify(row.detail)).not.toContain('zzzz');
		}
	});

	it('gives every change the version of its commit and pokes the centre', async () => {
		const hub = new PokeHub(t.db);
		const pokes: number[] = [];
		const stop = await hub.subscribe(centre.id, (v) => pokes.push(v));
		const device = newDeviceId();
		await send(duty, device, [mutation(1, 'volume.add', volumeArgs(1, 15))]);
		const v = await version();
		const [row] = await t.db.orm
			.select({ version: records.version })
			.from(records)
			.where(and(eq(records.centreId, centre.id), sql`${records.data}->>'hour' = '15'`));
		expect(row.version).toBe(v);
		await expect.poll(() => pokes, { timeout: 5000 }).toContain(v);
		stop();
	});

	it('lets concurrent deltas to the same new row add up', async () => {
		const devices = Array.from({ length: 6 }, () => newDeviceId());
		await Promise.all(
			devices.map((d) => send(duty, d, [mutation(1, 'volume.add', volumeArgs(1, 16))]))
		);
		expect(await accepted(16)).toBe(6);
	});

	it('refuses, rather than retries forever, a mutation that trips over a broken stored row', async () => {
		await t.db.orm.insert(records).values({
			centreId: centre.id,
			entity: 'staff',
			id: 'broken',
			data: { id: 'broken' },
			version: 1
		});
		const device = newDeviceId();
		const res = await send(duty, device, [
			mutation(1, 'attendance.record', {
				date: '2026-06-06',
				staffId: 'broken',
				status: 'on-time'
			}),
			mutation(2, 'volume.add', volumeArgs(1, 17))
		]);
		expect(res.results[0]).toMatchObject({
			status: 'rejected',
			code: 'INVALID',
			message: 'error_mutation_failed'
		});
		expect(res.results[1]).toEqual({ id: 2, status: 'applied' });
	});
});
