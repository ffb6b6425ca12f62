import { beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Appointment, SessionUser } from '$lib/schemas';
import { cheapHashCost } from './auth/password';
import { auditLog, records } from './db/schema';
import { seedDemo } from './seed';
import { drivers, openTestDb } from './testing/databases';
import { tinyCentre } from './testing/fixtures';
import { useTestDb } from './testing/suite';
import { pull } from './sync/pull';
import { ERASURE_NAME, eraseExpiredAppointments } from './retention';
import { eraseForAllCentres } from './retention-schedule';

vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

const centreId = 'ret-a';
const NOW = new Date('2026-11-26T02:00:00Z'); // 10:00 in the hall

const appointment = (id: string, date: string, over: Partial<Appointment> = {}): Appointment => ({
	id,
	centreId,
	v: 1,
	slotId: `${centreId}-slot-0`,
	departmentId: `${centreId}-dept`,
	serviceItemId: `${centreId}-item`,
	date,
	start: '09:00',
	applicant: { kind: 'person', name: '测试申请人', phone: '13900000001' },
	channel: 'phone',
	status: 'refused',
	notes: '申请人电话 13900000001',
	missingItems: ['完税凭证'],
	history: [{ at: `${date}T09:30:00+08:00`, status: 'refused', by: 'staff' }],
	createdAt: `${date}T08:00:00+08:00`,
	...over
});

describe.each(drivers)('appointment retention on %s', (driver) => {
	const t = useTestDb(driver);
	const manager: SessionUser = {
		id: 'ret-manager',
		username: 'rm',
		name: 'rm',
		role: 'manager',
		centreId
	};

	beforeAll(async () => {
		const demo = tinyCentre(centreId);
		demo.records.push(
			// 2026-05-30 is 180 days before 2026-11-26: kept. The day before: erased.
			{ entity: 'appointment', data: appointment('old-1', '2026-05-29') },
			{
				entity: 'appointment',
				data: appointment('old-2', '2026-01-10', { status: 'cancelled', cancelReason: '本人来电' })
			},
			{ entity: 'appointment', data: appointment('kept', '2026-05-30') }
		);
		await seedDemo(t.db, demo, [], { hashCost: cheapHashCost });
	});

	const stored = async (id: string) => {
		const [row] = await t.db.orm
			.select()
			.from(records)
			.where(and(eq(records.centreId, centreId), eq(records.id, id)));
		return row;
	};

	it('the scheduled run erases every centre once and then finds nothing more', async () => {
		const isolated = await openTestDb(driver);
		try {
			const other = tinyCentre('sched-centre');
			other.records.push({
				entity: 'appointment',
				data: { ...appointment('sched-old', '2026-01-02'), centreId: 'sched-centre' }
			});
			await seedDemo(isolated.db, other, [], { hashCost: cheapHashCost });
			expect(await eraseForAllCentres(isolated.db, NOW)).toBe(1);
			expect(await eraseForAllCentres(isolated.db, NOW)).toBe(0);
		} finally {
			await isolated.dispose();
		}
	});

	it('erases applicants past 180 days in one new version, keeping what is counted', async () => {
		const before = await pull(t.db, manager, { cursor: 0 }, { pageSize: 100_000 });
		const report = await eraseExpiredAppointments(t.db, centreId, { now: NOW, userId: manager.id });
		expect(report).toMatchObject({ cutoff: '2026-05-30', retentionDays: 180, erased: 2 });
		expect(report.versions).toHaveLength(1);

		const old = (await stored('old-1')).data as Appointment;
		expect(old).toMatchObject({
			applicant: null,
			notes: '',
			status: 'refused',
			missingItems: ['完税凭证'],
			channel: 'phone',
			date: '2026-05-29'
		});
		expect('cancelReason' in ((await stored('old-2')).data as object)).toBe(false);
		expect(((await stored('kept')).data as Appointment).applicant).not.toBeNull();

		// Devices receive the erasure in a pull after their cursor.
		const page = await pull(t.db, manager, { cursor: before.cursor }, { pageSize: 100_000 });
		expect(page.changes.map((c) => c.id).sort()).toEqual(['old-1', 'old-2']);
		expect(page.changes.every((c) => (c.data as Appointment).applicant === null)).toBe(true);
	});

	it('logs the run without copying the erased data, and does nothing twice', async () => {
		const log = await t.db.orm.select().from(auditLog).where(eq(auditLog.name, ERASURE_NAME));
		expect(log).toHaveLength(1);
		expect(log[0]).toMatchObject({ userId: manager.id, status: 'applied' });
		expect(JSON.stringify(log[0])).not.toContain('13900000001');
		expect(JSON.stringify(log[0])).not.toContain('测试申请人');

		const again = await eraseExpiredAppointments(t.db, centreId, { now: NOW, userId: manager.id });
		expect(again).toMatchObject({ erased: 0, versions: [] });
	});

	it('follows the centre setting and works in batches', async () => {
		const row = await stored(centreId);
		const centre = row.data as { settings: { retentionDays: number } };
		await t.db.orm
			.update(records)
			.set({ data: { ...centre, settings: { ...centre.settings, retentionDays: 30 } } })
			.where(and(eq(records.centreId, centreId), eq(records.id, centreId)));
		const report = await eraseExpiredAppointments(t.db, centreId, {
			now: NOW,
			userId: manager.id,
			batchSize: 1
		});
		expect(report).toMatchObject({ cutoff: '2026-10-27', erased: 1 });
		expect(((await stored('kept')).data as Appointment).applicant).toBeNull();
	});
});
