import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION, type SessionUser } from '$lib/schemas';
import { makeResidentId } from '$lib/domain/identity';
import { drivers } from './testing/databases';
import { mutation, newDeviceId } from './testing/fixtures';
import { searchEverywhere, totalMatches } from './testing/search';
import { useTestCentre, useTestDb } from './testing/suite';
import { eraseExpiredAppointments } from './retention';
import { pull } from './sync/pull';
import { push } from './sync/push';

vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

// Invented: region 990101 does not exist.
const idNumber = makeResidentId('990101', '19800101', 417);
const phone = '13677778888';
const name = '留存测试人';
const values = [phone, idNumber, name];
// The slots of the test centre are on 2026-06-06; 180 days later they are past retention.
const NOW = new Date('2027-01-10T02:00:00Z');

describe.each(drivers)('retention leaves no copy on the server (%s)', (driver) => {
	const t = useTestDb(driver);
	// One place per slot, so the second booking loses the race and is kept unconfirmed.
	const centre = useTestCentre(t, 'erase-a', { capacity: 1 });
	let clerk: SessionUser;
	const device = newDeviceId();

	beforeAll(async () => {
		clerk = centre.users.clerk;
		const applicant = { kind: 'person' as const, name, phone, idNumber };
		const book = (id: string, slotId: string) => ({
			id,
			slotId,
			applicant,
			channel: 'phone' as const,
			notes: `回电 ${phone}`
		});
		const res = await push(t.db, clerk, {
			protocol: PROTOCOL_VERSION,
			deviceId: device,
			mutations: [
				mutation(1, 'appointment.book', book('erase-1', centre.slots[0])),
				mutation(2, 'appointment.book', book('erase-2', centre.slots[0])),
				mutation(3, 'appointment.book', book('erase-3', 'no-such-slot')),
				mutation(4, 'appointment.book', book('erase-4', centre.slots[1])),
				mutation(5, 'appointment.setStatus', {
					id: 'erase-4',
					status: 'cancelled',
					cancelReason: `${name} 来电 ${phone}`
				}),
				mutation(6, 'appointment.reveal', { id: 'erase-1', field: 'idNumber' })
			]
		});
		expect(res.results.map((r) => r.code ?? r.status)).toEqual([
			'applied',
			'SLOT_FULL',
			'NOT_FOUND',
			'applied',
			'applied',
			'applied'
		]);
	});

	it('finds the values before the run and in no column of any table after it', async () => {
		const before = await searchEverywhere(t.db, values);
		// Only the current records hold them: the audit log and stored results never did.
		expect(Object.keys(before.matches[phone])).toEqual(['public.records.data']);
		expect(Object.keys(before.matches[idNumber])).toEqual(['public.records.data']);
		const report = await eraseExpiredAppointments(t.db, centre.id, {
			now: NOW,
			userId: centre.users.manager.id
		});
		expect(report.erased).toBe(3);
		const after = await searchEverywhere(t.db, values);
		expect(after.matches).toEqual({ [phone]: {}, [idNumber]: {}, [name]: {} });
		expect(after.tables).toBeGreaterThanOrEqual(10);
		console.info(
			`erasure search on ${driver}: ${after.tables} tables, ${after.columns} columns, ` +
				`${after.rows} rows; matches before ${totalMatches(before)}, after ${totalMatches(after)}`
		);
		// What a device pulls from now on carries none of them either.
		const page = await pull(t.db, clerk, { cursor: 0, deviceId: device }, { pageSize: 100_000 });
		const text = JSON.stringify(page);
		for (const v of values) expect(text).not.toContain(v);
		expect(page.results.flatMap((r) => r.code ?? [])).toEqual(['SLOT_FULL', 'NOT_FOUND']);
	});
});
