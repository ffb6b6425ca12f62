/**
 * Every mutation name with every role, and with another centre's session: the role decides what
 * may be written, and the session's centre decides where.
 */
import { describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
	PROTOCOL_VERSION,
	roles,
	type PushRequest,
	type Role,
	type SessionUser
} from '$lib/schemas';
import { mutators } from '$lib/model';
import { GET as auditGet } from '../../routes/api/audit/+server';
import { GET as meGet } from '../../routes/api/auth/me/+server';
import { GET as eventsGet } from '../../routes/api/sync/events/+server';
import { GET as pullGet } from '../../routes/api/sync/pull/+server';
import { POST as pushPost } from '../../routes/api/sync/push/+server';
import { createSession, sessionCookie } from './auth/session';
import { records } from './db/schema';
import { pull } from './sync/pull';
import { push } from './sync/push';
import { drivers } from './testing/databases';
import { appOf, fakeEvent, jsonBody } from './testing/events';
import {
	bookArgs,
	DATE,
	mutation,
	newDeviceId,
	pushMutations,
	volumeArgs,
	type TestCentre
} from './testing/fixtures';
import { useTestCentre, useTestDb } from './testing/suite';

// Opening PGlite and a fresh PostgreSQL database is slow on a busy 2-core machine.
vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

/** Records made beforehand by the centre's manager, for mutations that change existing ones. */
interface Prepared {
	appointmentId: string;
	inspectionId: string;
	findingId: string;
}

/** Valid arguments for each mutation in centre `c`; `n` keeps ids apart between cases. */
function argsFor(name: string, c: string, n: number, p: Prepared): object | undefined {
	const dept = `${c}-dept`;
	const staff = { type: 'staff', id: `${c}-staff` };
	switch (name) {
		case 'staff.upsert':
			return {
				id: `s-${n}`,
				v: 1,
				name: '新同事',
				departmentId: dept,
				title: '科员',
				phone: '13700000000',
				onCall: false,
				realEstateReview: false,
				active: true
			};
		case 'department.upsert':
			return {
				id: `d-${n}`,
				v: 1,
				// One name per department: a second 办公室 would be refused as a duplicate.
				name: `办公室${n}`,
				kind: 'section',
				operations: false,
				takesAppointments: false,
				sortOrder: 9
			};
		case 'window.upsert':
			return {
				id: `w-${n}`,
				v: 1,
				code: 'A01',
				kind: 'comprehensive',
				category: '行政审批',
				retired: false
			};
		case 'serviceItem.upsert':
			return {
				id: `i-${n}`,
				v: 1,
				name: '营业执照',
				departmentId: dept,
				category: '行政审批',
				channels: ['window'],
				deadlineDays: 0,
				availableNonWorking: true,
				bookable: false,
				handleMinutes: 10,
				retired: false,
				updatedAt: '2026-06-01T08:00:00+08:00'
			};
		case 'taskForce.upsert':
			return { id: `tf-${n}`, v: 1, staffId: `${c}-staff`, body: 'task-force', role: 'member' };
		case 'taskForce.remove':
			return { id: `tf-${n}` };
		case 'department.setContact':
			return { departmentId: dept, takesAppointments: true, contactId: `${c}-staff` };
		case 'staff.import':
			return {
				rows: [
					{
						id: `si-${n}`,
						v: 1,
						line: 2,
						name: '导入同事',
						departmentId: dept,
						title: '科员',
						phone: '13700000001',
						onCall: true,
						realEstateReview: false,
						active: true
					}
				]
			};
		case 'window.import':
			return {
				rows: [{ id: `wi-${n}`, v: 1, line: 2, code: `I${n}`, kind: 'fee', retired: false }]
			};
		case 'dayPlan.save':
			return {
				v: 1,
				date: DATE,
				windows: [],
				operationsDutyIds: [],
				appointmentContacts: [],
				onCallIds: [],
				realEstateReview: [],
				arrangements: [],
				extendedSessions: [],
				notes: `plan ${n}`
			};
		case 'attendance.record':
			return { date: DATE, staffId: `${c}-staff`, status: 'on-time' };
		case 'volume.add':
			return volumeArgs(1);
		case 'volume.addBatch':
			return {
				date: DATE,
				source: 'form',
				cells: [{ hour: 9, category: '税务', channel: 'window', delta: { accepted: n } }]
			};
		case 'appointment.book':
			return bookArgs(`b-${n}`, `${c}-slot-0`);
		case 'appointment.setStatus':
			return { id: p.appointmentId, status: 'arrived' };
		case 'appointment.reschedule':
			return { id: p.appointmentId, slotId: `${c}-slot-1` };
		case 'appointment.reveal':
			return { id: p.appointmentId, field: 'phone' };
		case 'slot.generate':
			return {
				serviceItemId: `${c}-item`,
				from: DATE,
				to: DATE,
				lengthMinutes: 30,
				capacity: 2
			};
		case 'slot.block':
			return { id: `${c}-slot-2`, blocked: n % 2 === 0 };
		case 'slot.setCapacity':
			return { id: `${c}-slot-2`, capacity: 10 + (n % 5) };
		case 'inspection.start':
			return { id: `insp-${n}`, date: DATE, inspectorId: `${c}-staff` };
		case 'inspection.check':
			return { inspectionId: p.inspectionId, item: 'windows', result: 'ok' };
		case 'inspection.addFinding':
			return { inspectionId: p.inspectionId, finding: finding(`f-${n}`, staff) };
		case 'inspection.setFindingStatus':
			return { inspectionId: p.inspectionId, findingId: p.findingId, status: 'confirmed' };
		case 'inspection.commend':
			return { inspectionId: p.inspectionId, subject: staff, reason: '服务热情' };
		case 'monthlyReport.note':
			return { month: '2026-01', notes: `说明 ${n}` };
		case 'serviceItem.retire':
			return { id: `${c}-item`, retired: n % 2 === 0 };
		default:
			// Without known-good arguments the role gate is still tested: it runs before the arguments
			// are read. Add a case here to also check that an allowed role gets it applied.
			return undefined;
	}
}

const finding = (id: string, subject: unknown) => ({
	id,
	subject,
	checkItem: 'attitude',
	text: '窗口人员离岗',
	correction: '',
	proposal: '',
	status: 'proposed',
	source: 'manual'
});

describe.each(drivers)('authorization on %s', (driver) => {
	const t = useTestDb(driver);
	const a = useTestCentre(t, 'authz-a', { capacity: 500 });
	const b = useTestCentre(t, 'authz-b', { capacity: 500 });

	const names = Object.keys(mutators);
	const cases = names.flatMap((name) => roles.map((role) => [name, role] as [string, Role]));
	let n = 0;

	/**
	 * A booked appointment, an inspection round and a finding in centre `c`, made by its manager,
	 * with the centre's service item bookable again whatever an earlier `serviceItem.retire` case left.
	 */
	async function prepare(c: TestCentre): Promise<Prepared> {
		const k = ++n;
		const p = { appointmentId: `appt-${k}`, inspectionId: `round-${k}`, findingId: `finding-${k}` };
		const res = await pushMutations(t.db, c.users.manager, [
			mutation(1, 'serviceItem.retire', { id: `${c.id}-item`, retired: false }),
			mutation(2, 'appointment.book', bookArgs(p.appointmentId, `${c.id}-slot-0`)),
			mutation(3, 'inspection.start', {
				id: p.inspectionId,
				date: DATE,
				inspectorId: `${c.id}-staff`
			}),
			mutation(4, 'inspection.addFinding', {
				inspectionId: p.inspectionId,
				finding: finding(p.findingId, { type: 'staff', id: `${c.id}-staff` })
			})
		]);
		expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
		return p;
	}

	it('knows every mutation', () => {
		expect(names.length).toBeGreaterThanOrEqual(10);
	});

	it.each(cases)(
		'%s as %s: allowed exactly when the mutator names the role',
		async (name, role) => {
			const user: SessionUser = a.users[role];
			const prepared = await prepare(a);
			const args = argsFor(name, a.id, ++n, prepared);
			const request: PushRequest = {
				protocol: PROTOCOL_VERSION,
				deviceId: newDeviceId(),
				mutations: [mutation(1, name, args ?? {})]
			};
			if (role === 'viewer' || role === 'district') {
				// A viewer's or district user's push is refused whole, before any mutation is looked at.
				await expect(push(t.db, user, request)).rejects.toMatchObject({ status: 403 });
				return;
			}
			const res = await push(t.db, user, request);
			const [result] = res.results;
			const allowed = mutators[name].roles.includes(role);
			const refusedForRole = result.code === 'FORBIDDEN' && result.message === 'error_forbidden';
			expect(refusedForRole).toBe(!allowed);
			if (allowed && args) expect(result).toEqual({ id: 1, status: 'applied' });
		}
	);

	it.each(roles)('a %s of another centre never reads or changes this centre', async (role) => {
		const snapshot = () =>
			t.db.orm
				.select()
				.from(records)
				.where(eq(records.centreId, a.id))
				.orderBy(records.entity, records.id);
		const prepared = await prepare(a);
		const before = await snapshot();
		const intruder = b.users[role];
		const request: PushRequest = {
			protocol: PROTOCOL_VERSION,
			deviceId: newDeviceId(),
			// Arguments that name centre A's records: A's slot, staff, appointment, department.
			mutations: names.map((name, i) =>
				mutation(i + 1, name, argsFor(name, a.id, ++n, prepared) ?? {})
			)
		};
		// A viewer's or district user's push is refused whole (403) before any mutation is looked at.
		const refusedWhole = role === 'viewer' || role === 'district';
		if (refusedWhole) {
			await expect(push(t.db, intruder, request)).rejects.toMatchObject({ status: 403 });
		}
		const results = refusedWhole ? [] : (await push(t.db, intruder, request)).results;
		for (const r of results) {
			if (r.status === 'applied') {
				// Applied only as a write into the intruder's own centre.
				continue;
			}
			expect(['FORBIDDEN', 'NOT_FOUND', 'INVALID']).toContain(r.code);
		}
		expect(await snapshot()).toEqual(before);
		const page = await pull(t.db, intruder, { cursor: 0 }, { pageSize: 100_000 });
		expect(
			page.changes.every((c) => (c.data as { centreId?: string } | undefined)?.centreId !== a.id)
		).toBe(true);
		const own = await t.db.orm
			.select()
			.from(records)
			.where(and(eq(records.centreId, b.id)));
		expect(own.every((r) => (r.data as { centreId: string }).centreId === b.id)).toBe(true);
	});

	it.each(roles)(
		'%s over HTTP: every endpoint answers by role and stays in its centre',
		async (role) => {
			const app = appOf(t.db);
			const user = a.users[role];
			const me = await meGet(fakeEvent(app, { user }).event);
			expect(me.status).toBe(200);
			const pulled = await pullGet(
				fakeEvent(app, { user, url: 'http://localhost/api/sync/pull?cursor=0' }).event
			);
			expect(pulled.status).toBe(200);
			const page = await pulled.json();
			expect(
				page.changes.every(
					(c: { data?: { centreId: string } }) => !c.data || c.data.centreId === a.id
				)
			).toBe(true);
			const pushed = await pushPost(
				fakeEvent(app, {
					method: 'POST',
					user,
					...jsonBody({
						protocol: 1,
						deviceId: newDeviceId(),
						mutations: [mutation(1, 'volume.add', volumeArgs(1))]
					})
				}).event
			);
			if (role === 'viewer' || role === 'district') {
				expect(pushed.status).toBe(403);
				expect((await pushed.json()).error).toBe('没有权限');
			} else {
				expect(pushed.status).toBe(200);
				const expected = ['admin', 'manager', 'duty'].includes(role) ? 'applied' : 'rejected';
				expect((await pushed.json()).results[0].status).toBe(expected);
			}
			const audit = await auditGet(fakeEvent(app, { user }).event);
			expect(audit.status).toBe(role === 'admin' || role === 'manager' ? 200 : 403);
			if (audit.status === 200) {
				const { entries } = await audit.json();
				const ids = new Set([...Object.values(a.users)].map((u) => u.id));
				expect(entries.every((e: { userId: string }) => ids.has(e.userId))).toBe(true);
			}
			// The stream is tied to the session it was opened with (it closes when that ends).
			const { token } = await createSession(t.db, user.id, { hours: 1 });
			const events = await eventsGet(
				fakeEvent(app, {
					user,
					cookies: { [sessionCookie(new URL('http://localhost')).name]: token }
				}).event
			);
			expect(events.status).toBe(200);
			await events.body?.cancel();
		}
	);
});
