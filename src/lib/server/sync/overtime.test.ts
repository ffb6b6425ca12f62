/**
 * 加班 and 调休补休 through the real push and pull, on PGlite and PostgreSQL: the server works a
 * month out again from its own records before it takes an approval, holds time off to the approved
 * balance, and sends both to managers and duty leads only.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION, pullResponse, type SessionUser } from '$lib/schemas';
import { drivers } from '../testing/databases';
import { mutation, newDeviceId } from '../testing/fixtures';
import { useTestCentre, useTestDb } from '../testing/suite';
import { writeCentre } from './centre-version';
import { pull } from './pull';
import { push } from './push';

vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

// Early June 2026, in the hall's time zone: May is over and can be approved.
const now = () => new Date('2026-06-02T01:30:00Z');

describe.each(drivers)('overtime on %s', (driver) => {
	const t = useTestDb(driver);
	const centre = useTestCentre(t, 'overtime-a');
	let staffId: string;

	async function send(user: SessionUser, name: string, args: unknown) {
		const result = await push(
			t.db,
			user,
			{ protocol: PROTOCOL_VERSION, deviceId: newDeviceId(), mutations: [mutation(1, name, args)] },
			{ now }
		);
		return result.results[0];
	}

	async function pulled(user: SessionUser) {
		const page = pullResponse.parse(await pull(t.db, user, { cursor: 0 }, { pageSize: 5000 }));
		return page.changes
			.filter((c) => c.op === 'put' && (c.entity === 'overtimeApproval' || c.entity === 'timeOff'))
			.map((c) => c.entity)
			.sort();
	}

	/** The duty lead's record of the day, written as a pull would have brought it. */
	async function checkIn(status: 'on-time' | 'late', minutesLate?: number) {
		await t.db.orm.transaction((tx) =>
			writeCentre(tx, centre.id, async (writes) => {
				await writes.put('attendance', {
					id: `${centre.id}:2026-05-01:${staffId}`,
					centreId: centre.id,
					v: 1,
					date: '2026-05-01',
					staffId,
					status,
					...(minutesLate && { minutesLate }),
					recordedAt: '2026-05-01T09:00:00+08:00'
				});
			})
		);
	}

	beforeAll(async () => {
		staffId = `${centre.id}-staff`;
		await t.db.orm.transaction((tx) =>
			writeCentre(tx, centre.id, async (writes) => {
				// Labour Day: the test clerk leads the day, the whole 不打烊 day.
				await writes.put('dayPlan', {
					id: `${centre.id}:2026-05-01`,
					centreId: centre.id,
					v: 1,
					date: '2026-05-01',
					windows: [],
					operationsDutyIds: [],
					dutyLeadId: staffId,
					appointmentContacts: [],
					onCallIds: [],
					realEstateReview: [],
					arrangements: [],
					extendedSessions: [],
					notes: ''
				});
			})
		);
		await checkIn('on-time');
	});

	it('approves the figure the records give and refuses any other', async () => {
		const approve = (minutes: number) => ({
			staffId,
			month: '2026-05',
			minutes,
			approverName: '陈主任'
		});
		expect(await send(centre.users.manager, 'overtime.approve', approve(300))).toMatchObject({
			status: 'rejected',
			code: 'CONFLICT',
			message: 'error_overtime_changed',
			params: { hours: 5.5 }
		});
		expect(await send(centre.users.duty, 'overtime.approve', approve(330))).toMatchObject({
			status: 'rejected',
			code: 'FORBIDDEN'
		});
		expect(await send(centre.users.manager, 'overtime.approve', approve(330))).toMatchObject({
			status: 'applied'
		});
	});

	it('takes half a day off against the balance, and no more than it', async () => {
		const off = (date: string, hours: number) => ({
			staffId,
			date,
			hours,
			reason: '家中有事',
			requestedBy: staffId,
			approverName: '陈主任'
		});
		expect(await send(centre.users.manager, 'timeOff.record', off('2026-06-03', 4))).toMatchObject({
			status: 'applied'
		});
		expect(await send(centre.users.manager, 'timeOff.record', off('2026-06-04', 2))).toMatchObject({
			status: 'rejected',
			message: 'error_time_off_over_balance',
			params: { hours: 1.5 }
		});
	});

	it('sends overtime to managers and duty leads, never to clerks or viewers', async () => {
		expect(await pulled(centre.users.manager)).toEqual(['overtimeApproval', 'timeOff']);
		expect(await pulled(centre.users.duty)).toEqual(['overtimeApproval', 'timeOff']);
		expect(await pulled(centre.users.clerk)).toEqual([]);
		expect(await pulled(centre.users.viewer)).toEqual([]);
	});

	it('refuses the old figure once a late check-in changed the month', async () => {
		await checkIn('late', 30);
		const again = await send(centre.users.manager, 'overtime.approve', {
			staffId,
			month: '2026-05',
			minutes: 330,
			approverName: '陈主任'
		});
		expect(again).toMatchObject({ status: 'rejected', params: { hours: 5 } });
	});
});
