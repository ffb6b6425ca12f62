/**
 * The server against docs/roles.md: for every role, what each personal field of each entity
 * looks like when it leaves the server (full, masked or withheld) and whether POST /api/reveal
 * hands it over. The tables below restate docs/roles.md on purpose instead of importing the
 * policy, so a change to the code that the document does not share fails here.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { PROTOCOL_VERSION, roles, type Change, type Role, type SessionUser } from '$lib/schemas';
import { GET as auditGet } from '../../routes/api/audit/+server';
import { GET as pullGet } from '../../routes/api/sync/pull/+server';
import { POST as revealPost } from '../../routes/api/reveal/+server';
import { cheapHashCost } from './auth/password';
import { login } from './auth/login';
import { auditLog, records, users } from './db/schema';
import { seedDemo, DEMO_PASSWORD } from './seed';
import { pull } from './sync/pull';
import { push } from './sync/push';
import { drivers } from './testing/databases';
import { appOf, fakeEvent, jsonBody } from './testing/events';
import { DATE, mutation, pushMutations, tinyCentre, usersOf, volumeArgs } from './testing/fixtures';
import { useTestDb } from './testing/suite';

// Opening PGlite and a fresh PostgreSQL database is slow on a busy 2-core machine.
vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

type Treatment = 'full' | 'masked' | 'withheld';
type AppointmentField = 'name' | 'phone' | 'idNumber' | 'creditCode' | 'notes';
/** own: the clerk's department (estate); other: any other department (tax). */
type Side = 'own' | 'other';

const F = 'full';
const M = 'masked';
const W = 'withheld';
const fields: AppointmentField[] = ['name', 'phone', 'idNumber', 'creditCode', 'notes'];
const row = (t: Treatment[]) =>
	Object.fromEntries(fields.map((f, i) => [f, t[i]])) as Record<AppointmentField, Treatment>;
const same = (t: Treatment[]) => ({ own: row(t), other: row(t) });

/** The district office receives no record at all (docs/roles.md); it is checked on its own below. */
type RecordRole = Exclude<Role, 'district'>;
const recordRoles = roles.filter((r): r is RecordRole => r !== 'district');

/** docs/roles.md, "Appointments": what each role receives. */
const receives: Record<RecordRole, Record<Side, Record<AppointmentField, Treatment>>> = {
	admin: same([F, M, M, M, F]),
	manager: same([F, M, M, M, F]),
	duty: same([F, M, W, W, F]),
	clerk: { own: row([F, M, M, M, F]), other: row([W, W, W, W, W]) },
	viewer: same([W, W, W, W, W])
};

/** docs/roles.md, "Appointments": what each role may reveal. */
const reveals: Record<RecordRole, Record<Side, string[]>> = {
	admin: { own: ['phone', 'idNumber', 'creditCode'], other: ['phone', 'idNumber', 'creditCode'] },
	manager: { own: ['phone', 'idNumber', 'creditCode'], other: ['phone', 'idNumber', 'creditCode'] },
	duty: { own: ['phone'], other: ['phone'] },
	clerk: { own: ['phone', 'idNumber', 'creditCode'], other: [] },
	viewer: { own: [], other: [] }
};

/** docs/roles.md, "Staff": the phone of active staff of each side, and of inactive staff. */
const staffPhone: Record<RecordRole, Record<'own' | 'other' | 'inactive', [Treatment, boolean]>> = {
	admin: { own: [M, true], other: [M, true], inactive: [M, true] },
	manager: { own: [M, true], other: [M, true], inactive: [M, true] },
	duty: { own: [F, false], other: [F, false], inactive: [M, true] },
	clerk: { own: [M, true], other: [M, false], inactive: [M, false] },
	viewer: { own: [W, false], other: [W, false], inactive: [W, false] }
};

/** docs/roles.md, "好差评": a rating's comment and its follow-up's 整改情况. */
const evaluationText: Record<RecordRole, Treatment> = {
	admin: F,
	manager: F,
	duty: F,
	clerk: F,
	viewer: W
};
const comment = '窗口人员解释不清';
const correction = '约谈窗口人员并回访';

const centreId = 'roles-a';
const estate = `${centreId}-dept`;
const tax = `${centreId}-tax`;

/** Invented applicants; the region code 990101 does not exist. */
const applicants = {
	person: {
		kind: 'person',
		name: '顾一帆',
		phone: '13911112222',
		idNumber: '990101199001010012'
	},
	company: {
		kind: 'company',
		name: '示例科技有限公司',
		phone: '057187650001',
		creditCode: '91990101MA0000001X'
	}
} as const;

const appointments = (['own', 'other'] as const).flatMap((side) =>
	(['person', 'company'] as const).map((kind) => ({
		id: `appt-${side}-${kind}`,
		side,
		kind,
		departmentId: side === 'own' ? estate : tax
	}))
);
const staffRows = [
	{ id: 'staff-own', side: 'own', departmentId: estate, phone: '13722223333', active: true },
	{ id: 'staff-other', side: 'other', departmentId: tax, phone: '13733334444', active: true },
	{ id: 'staff-gone', side: 'inactive', departmentId: tax, phone: '13744445555', active: false }
] as const;

function centre() {
	const demo = tinyCentre(centreId);
	const base = { centreId, v: 1 };
	demo.records.push(
		{
			entity: 'department',
			data: {
				...base,
				id: tax,
				name: '税务局',
				kind: 'stationed',
				operations: false,
				takesAppointments: true,
				sortOrder: 2
			}
		},
		...staffRows.map((s) => ({
			entity: 'staff' as const,
			data: {
				...base,
				id: s.id,
				name: `职员${s.id}`,
				departmentId: s.departmentId,
				title: '科员',
				phone: s.phone,
				onCall: true,
				realEstateReview: false,
				active: s.active
			}
		})),
		...appointments.map((a) => ({
			entity: 'appointment' as const,
			data: {
				...base,
				id: a.id,
				slotId: `${centreId}-slot-0`,
				departmentId: a.departmentId,
				serviceItemId: `${centreId}-item`,
				date: DATE,
				start: '09:00',
				applicant: applicants[a.kind],
				channel: 'phone',
				status: 'cancelled',
				notes: '申请人要求上午办理',
				missingItems: [],
				cancelReason: '申请人改期',
				history: [],
				createdAt: '2026-06-01T09:00:00+08:00'
			}
		})),
		...freeTextRows(),
		{
			entity: 'evaluation',
			data: {
				...base,
				id: 'evaluation-HCP-1',
				number: 'HCP-1',
				ratedOn: DATE,
				rating: 'dissatisfied',
				channel: 'device',
				staffId: 'staff-own',
				departmentId: estate,
				serviceItemId: `${centreId}-item`,
				comment,
				followUp: { staffId: 'staff-own', correction, followedUpOn: DATE, calledBack: true },
				source: 'window',
				updatedAt: '2026-06-06T17:00:00+08:00'
			}
		}
	);
	return demo;
}

/** docs/roles.md, "Free text": staff notes, plans, findings. Only a viewer goes without. */
const freeText = {
	attendance: { note: '路上堵车，已电话告知' },
	extendedService: { lastServed: 'A023 顾先生' },
	dayPlan: { notes: '周六王五请假，李四顶班' },
	inspection: { finding: '赵六迟到十分钟', correction: '已谈话提醒', commendation: '耐心帮助老人' }
};

function freeTextRows() {
	const base = { centreId, v: 1 as const, id: `${centreId}-free`, date: DATE };
	return [
		{
			entity: 'attendance' as const,
			data: {
				...base,
				staffId: 'staff-own',
				status: 'on-time',
				recordedAt: `${DATE}T08:50:00+08:00`,
				note: freeText.attendance.note
			}
		},
		{
			entity: 'extendedService' as const,
			data: {
				...base,
				period: 'evening',
				start: '17:00',
				end: '17:30',
				served: 2,
				lastServed: freeText.extendedService.lastServed,
				noneWaiting: true,
				recordedAt: `${DATE}T17:31:00+08:00`
			}
		},
		{
			entity: 'dayPlan' as const,
			data: {
				...base,
				windows: [],
				operationsDutyIds: [],
				appointmentContacts: [],
				onCallIds: [],
				realEstateReview: [],
				arrangements: [],
				extendedSessions: [],
				notes: freeText.dayPlan.notes
			}
		},
		{
			entity: 'inspection' as const,
			data: {
				...base,
				inspectorId: 'staff-other',
				startedAt: `${DATE}T10:00:00+08:00`,
				checklist: {},
				findings: [
					{
						subject: { type: 'staff', id: 'staff-own' },
						checkItem: 'punctuality',
						text: freeText.inspection.finding,
						correction: freeText.inspection.correction,
						proposal: '',
						status: 'corrected',
						source: 'manual'
					}
				],
				commendations: [
					{
						subject: { type: 'staff', id: 'staff-other' },
						reason: freeText.inspection.commendation
					}
				]
			}
		}
	];
}

const storedValue = (kind: 'person' | 'company', field: AppointmentField): string | undefined =>
	field === 'notes' ? '申请人要求上午办理' : (applicants[kind] as Record<string, string>)[field];

describe.each(drivers)('least data per role on %s', (driver) => {
	const t = useTestDb(driver);
	const user = {} as Record<Role, SessionUser>;

	beforeAll(async () => {
		await seedDemo(
			t.db,
			centre(),
			roles.map((role) => ({ username: `${centreId}-${role}`, name: role, role })),
			{ hashCost: cheapHashCost }
		);
		Object.assign(user, await usersOf(t.db, centreId));
		expect(user.clerk.departmentId).toBe(estate);
	});

	async function received(role: Role): Promise<Change[]> {
		const page = await pull(t.db, user[role], { cursor: 0 }, { pageSize: 100_000 });
		expect(page.scope).toBe(`p2:${role}:${role === 'clerk' ? estate : '-'}`);
		return page.changes;
	}

	describe.each(recordRoles)('%s', (role) => {
		it('receives each appointment field as docs/roles.md says', async () => {
			const changes = await received(role);
			for (const a of appointments) {
				const data = changes.find((c) => c.id === a.id)?.data as {
					applicant: Record<string, string> | null;
					notes: string;
					cancelReason?: string;
				};
				expect(data, a.id).toBeDefined();
				for (const field of fields) {
					const stored = storedValue(a.kind, field);
					const treatment = receives[role][a.side][field];
					const got = field === 'notes' ? data.notes : data.applicant?.[field];
					const where = `${role} ${a.id} ${field}`;
					if (stored === undefined) expect(got, where).toBeUndefined();
					else if (treatment === 'full') expect(got, where).toBe(stored);
					else if (treatment === 'masked') {
						expect(got, where).toMatch(/\*/);
						expect(got!.slice(-4), where).toBe(stored.slice(-4));
					} else expect(got || undefined, where).toBeUndefined();
				}
				if (receives[role][a.side].notes === 'withheld') {
					expect(data.cancelReason).toBeUndefined();
				}
			}
		});

		it('receives staff phones as docs/roles.md says', async () => {
			const changes = await received(role);
			for (const s of staffRows) {
				const data = changes.find((c) => c.id === s.id)?.data as { phone?: string };
				const [treatment] = staffPhone[role][s.side];
				if (treatment === 'full') expect(data.phone).toBe(s.phone);
				else if (treatment === 'masked')
					expect(data.phone).toBe(`${s.phone.slice(0, 3)}****${s.phone.slice(-4)}`);
				else expect(data).not.toHaveProperty('phone');
			}
		});

		it('receives the free text of staff records unless it is a viewer', async () => {
			const changes = await received(role);
			const text = JSON.stringify(changes.filter((c) => c.id === `${centreId}-free`));
			expect(changes.filter((c) => c.id === `${centreId}-free`)).toHaveLength(4);
			for (const [entity, values] of Object.entries(freeText)) {
				for (const value of Object.values(values)) {
					if (role === 'viewer') expect(text, `${entity} ${value}`).not.toContain(value);
					else expect(text, `${role} ${entity}`).toContain(value);
				}
			}
		});

		it("receives a rating's comment and 整改情况 as docs/roles.md says, and the rating itself", async () => {
			const data = (await received(role)).find((c) => c.id === 'evaluation-HCP-1')?.data as {
				rating: string;
				comment?: string;
				followUp: { correction: string; calledBack: boolean };
			};
			expect(data).toMatchObject({ rating: 'dissatisfied', followUp: { calledBack: true } });
			if (evaluationText[role] === 'full') {
				expect(data.comment).toBe(comment);
				expect(data.followUp.correction).toBe(correction);
			} else {
				expect(data).not.toHaveProperty('comment');
				expect(data.followUp.correction).toBe('');
			}
		});

		it('never sends a full value the table does not give it', async () => {
			const text = JSON.stringify(await received(role));
			for (const a of appointments) {
				for (const field of ['phone', 'idNumber', 'creditCode'] as const) {
					const stored = storedValue(a.kind, field);
					if (!stored || receives[role][a.side][field] === 'full') continue;
					const fullElsewhere = appointments.some(
						(b) => storedValue(b.kind, field) === stored && receives[role][b.side][field] === 'full'
					);
					if (!fullElsewhere) expect(text).not.toContain(stored);
				}
			}
		});

		it('reveals through the server exactly what the table allows, logged without the value', async () => {
			const app = appOf(t.db);
			const ask = async (body: object) => {
				const res = await revealPost(
					fakeEvent(app, {
						method: 'POST',
						url: 'http://localhost/api/reveal',
						user: user[role],
						...jsonBody(body)
					}).event
				);
				return { status: res.status, body: await res.json() };
			};
			const values: string[] = [];
			for (const a of appointments) {
				for (const field of ['phone', 'idNumber', 'creditCode'] as const) {
					const stored = storedValue(a.kind, field);
					if (!stored) continue;
					values.push(stored);
					const answer = await ask({ entity: 'appointment', id: a.id, field, deviceId: 'tab-1' });
					if (reveals[role][a.side].includes(field)) {
						expect(answer, `${role} ${a.id} ${field}`).toEqual({
							status: 200,
							body: { value: stored }
						});
					} else expect(answer.status, `${role} ${a.id} ${field}`).toBe(403);
				}
			}
			for (const s of staffRows) {
				values.push(s.phone);
				const answer = await ask({ entity: 'staff', id: s.id, field: 'phone' });
				if (staffPhone[role][s.side][1]) expect(answer.body).toEqual({ value: s.phone });
				else expect(answer.status, `${role} ${s.id}`).toBe(403);
			}
			expect((await ask({ entity: 'appointment', id: 'nobody', field: 'phone' })).status).toBe(404);
			expect((await ask({ entity: 'appointment', id: 'x', field: 'notes' })).status).toBe(400);

			const logged = await t.db.orm
				.select()
				.from(auditLog)
				.where(and(eq(auditLog.centreId, centreId), eq(auditLog.userId, user[role].id)));
			const reveals_ = logged.filter((e) => e.name.endsWith('.reveal')).sort((a, b) => a.id - b.id);
			// Every request is logged, granted or refused: 8 appointment fields, 3 staff, 1 missing.
			expect(reveals_).toHaveLength(12);
			expect(reveals_[0]).toMatchObject({
				name: 'appointment.reveal',
				deviceId: 'tab-1',
				args: { id: 'appt-own-person', field: 'phone' }
			});
			const text = JSON.stringify(reveals_);
			for (const v of values) expect(text).not.toContain(v);
		});
	});

	it('gives a district user no record, no reveal and no push', async () => {
		const page = await pull(t.db, user.district, { cursor: 0 }, { pageSize: 100_000 });
		expect(page.scope).toBe('p2:district:-');
		expect(page.changes.filter((c) => c.op === 'put')).toEqual([]);
		const app = appOf(t.db);
		for (const body of [
			{ entity: 'appointment', id: 'appt-own-person', field: 'phone', deviceId: 'tab-1' },
			{ entity: 'staff', id: 'staff-own', field: 'phone' }
		]) {
			const res = await revealPost(
				fakeEvent(app, {
					method: 'POST',
					url: 'http://localhost/api/reveal',
					user: user.district,
					...jsonBody(body)
				}).event
			);
			expect(res.status, body.entity).toBe(403);
		}
		await expect(
			pushMutations(t.db, user.district, [mutation(1, 'volume.add', volumeArgs(1))], 'tab-district')
		).rejects.toMatchObject({ status: 403 });
	});

	it('keeps the stored phone when a manager saves a staff member with its mask', async () => {
		const device = `dev-${driver}-mask`;
		const masked = { id: 'staff-own', v: 1, name: '职员staff-own', departmentId: estate };
		const res = await push(t.db, user.manager, {
			protocol: PROTOCOL_VERSION,
			deviceId: device,
			mutations: [
				mutation(1, 'staff.upsert', {
					...masked,
					title: '副科长',
					phone: '137****3333',
					onCall: false,
					realEstateReview: false,
					active: true
				}),
				mutation(2, 'staff.upsert', {
					...masked,
					phone: '139****3333',
					title: '科员',
					onCall: false,
					realEstateReview: false,
					active: true
				})
			]
		});
		expect(res.results.map((r) => r.status)).toEqual(['applied', 'rejected']);
		const [stored] = await t.db.orm
			.select()
			.from(records)
			.where(and(eq(records.centreId, centreId), eq(records.id, 'staff-own')));
		expect(stored.data).toMatchObject({ phone: '13722223333', title: '副科长' });
	});

	it('gives out no number from the audit log, full or masked', async () => {
		const res = await auditGet(
			fakeEvent(appOf(t.db), {
				user: user.manager,
				url: 'http://localhost/api/audit?limit=200'
			}).event
		);
		const text = await res.text();
		expect(res.status).toBe(200);
		expect(text).toContain('staff.upsert');
		// The log stores none (docs/security.md); the read-side masking guards older rows.
		expect(text).not.toContain('13722223333');
		expect(text).not.toContain('137****3333');
		expect(text).toContain('[personal]');
	});

	it('refuses a clerk without a department at login and at every endpoint', async () => {
		await t.db.orm.update(users).set({ departmentId: null }).where(eq(users.id, user.clerk.id));
		const limits = { maxFailures: 5, maxFailuresPerAddress: 50, windowMinutes: 15 };
		expect(
			await login(
				t.db,
				{ username: `${centreId}-clerk`, password: DEMO_PASSWORD, address: '10.9.0.1' },
				{ limits, sessionHours: 1 }
			)
		).toEqual({ ok: false, reason: 'no-department' });
		// A wrong password is told as wrong, so the answer says nothing to someone guessing.
		expect(
			await login(
				t.db,
				{ username: `${centreId}-clerk`, password: 'wrong-pass', address: '10.9.0.1' },
				{ limits, sessionHours: 1 }
			)
		).toEqual({ ok: false, reason: 'invalid' });
		const { departmentId: _gone, ...homeless } = user.clerk;
		const res = await pullGet(
			fakeEvent(appOf(t.db), { user: homeless, url: 'http://localhost/api/sync/pull?cursor=0' })
				.event
		);
		expect(res.status).toBe(403);
		expect(await res.json()).toMatchObject({ detail: 'no-department' });
		await t.db.orm.update(users).set({ departmentId: estate }).where(eq(users.id, user.clerk.id));
	});
});
