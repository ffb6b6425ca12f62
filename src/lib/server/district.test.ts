/**
 * The district view on the server (issue 19): two centres of one district side by side, worked out
 * from a small fixed month and compared with figures added up by hand; a centre of another district
 * never shows; nothing personal leaves; other roles get 403 and bad months 400.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import {
	defaultCentreSettings,
	districtFigures as districtAnswer,
	type ReportLine,
	type Role,
	type SessionUser
} from '$lib/schemas';
import { GET as districtGet } from '../../routes/api/district/+server';
import { cheapHashCost } from './auth/password';
import { centres, users } from './db/schema';
import { districtFigures } from './district';
import { seedDemo, type DemoData } from './seed';
import { drivers } from './testing/databases';
import { appOf, fakeEvent } from './testing/events';
import { useTestDb } from './testing/suite';

vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

// November 2026: Saturdays 7, 14, 21, 28, no statutory holiday; long past the `today` below.
const MONTH = '2026-11';
const TODAY = '2026-12-05';

/** Personal values planted in the records: none may appear in an answer. */
const personal = {
	applicant: '顾明远',
	phone: '13900001111',
	idNumber: '990101199001011234',
	staffName: '王小明',
	staffPhone: '13911112222',
	note: '王小明堵车迟到',
	lastServed: 'A023 顾先生',
	planNotes: '周六李四顶班',
	finding: '王小明迟到十分钟',
	correction: '已与王小明谈话',
	commendation: '李四耐心帮助老人'
};

const k = (
	accepted: number,
	completed: number,
	consulted: number,
	oneVisit: number,
	refused: number
) => ({
	accepted,
	completed,
	consulted,
	oneVisit,
	refused
});

function centre(id: string, name: string): DemoData['centre'] {
	return {
		id,
		centreId: id,
		v: 1,
		name,
		slug: id,
		address: '',
		timeZone: 'Asia/Shanghai',
		settings: defaultCentreSettings
	};
}

const department = (
	c: string,
	id: string,
	name: string,
	operations: boolean,
	sortOrder: number
) => ({
	entity: 'department' as const,
	data: {
		id,
		centreId: c,
		v: 1,
		name,
		kind: operations ? 'section' : 'stationed',
		operations,
		takesAppointments: !operations,
		sortOrder
	}
});

const staff = (c: string, id: string, departmentId: string, name: string, phone: string) => ({
	entity: 'staff' as const,
	data: {
		id,
		centreId: c,
		v: 1,
		name,
		departmentId,
		title: '科员',
		phone,
		onCall: false,
		realEstateReview: false,
		active: true
	}
});

const window = (c: string, id: string, departmentId: string, category: string) => ({
	entity: 'window' as const,
	data: {
		id,
		centreId: c,
		v: 1,
		code: id,
		kind: 'comprehensive',
		category,
		departmentId,
		retired: false
	}
});

const volume = (
	c: string,
	id: string,
	date: string,
	category: string,
	channel: 'window' | 'online',
	counters: ReturnType<typeof k>,
	windowId?: string
) => ({
	entity: 'volume' as const,
	data: {
		id,
		centreId: c,
		v: 1,
		date,
		hour: 10,
		category,
		channel,
		counters,
		refusalReasons: {},
		...(windowId && { windowId })
	}
});

const plan = (
	c: string,
	date: string,
	windowId: string,
	extendedSessions: object[],
	notes = ''
) => ({
	entity: 'dayPlan' as const,
	data: {
		id: `${c}:${date}`,
		centreId: c,
		v: 1,
		date,
		windows: [{ windowId, staffIds: [], sessions: [{ start: '09:00', end: '11:30' }], open: true }],
		operationsDutyIds: [],
		appointmentContacts: [],
		onCallIds: [],
		realEstateReview: [],
		arrangements: [],
		extendedSessions,
		notes
	}
});

const kase = (
	c: string,
	number: string,
	departmentId: string,
	acceptedOn: string,
	promisedDays: number,
	completedOn?: string
) => ({
	entity: 'case' as const,
	data: {
		id: `${c}-case-${number}`,
		centreId: c,
		v: 1,
		number,
		serviceItemId: 'item',
		departmentId,
		acceptedOn,
		legalDays: 20,
		promisedDays,
		...(completedOn && { completedOn, outcome: 'approved' }),
		source: 'window',
		updatedAt: '2026-12-01T09:00:00+08:00'
	}
});

const appointment = (
	c: string,
	id: string,
	departmentId: string,
	date: string,
	status: string,
	applicant: object | null
) => ({
	entity: 'appointment' as const,
	data: {
		id,
		centreId: c,
		v: 1,
		slotId: `slot-${id}`,
		departmentId,
		serviceItemId: 'item',
		date,
		start: '09:00',
		applicant,
		channel: 'phone',
		status,
		notes: personal.planNotes,
		missingItems: [],
		history: [],
		createdAt: '2026-10-30T09:00:00+08:00'
	}
});

const finding = (
	subject: object,
	checkItem: string,
	status: string,
	text: string,
	correction = ''
) => ({
	subject,
	checkItem,
	text,
	correction,
	proposal: '',
	status,
	source: 'manual'
});

/** Centre A: a 不打烊 Saturday with two departments, cases, appointments and a round of findings. */
function centreA(): DemoData {
	const c = 'dist-a';
	return {
		centre: centre(c, '示范区第一分中心'),
		records: [
			department(c, 'ops', '政务服务科', true, 1),
			department(c, 'tax', '税务局', false, 2),
			staff(c, 's1', 'ops', '李四', '13700000001'),
			staff(c, 's2', 'tax', personal.staffName, personal.staffPhone),
			window(c, 'w1', 'tax', '税务'),
			volume(c, 'v1', '2026-11-07', '税务', 'window', k(10, 8, 4, 6, 1), 'w1'),
			volume(c, 'v2', '2026-11-10', '税务', 'online', k(5, 5, 0, 5, 0)),
			// December: another month.
			volume(c, 'v3', '2026-12-01', '税务', 'window', k(9, 9, 9, 9, 9), 'w1'),
			plan(
				c,
				'2026-11-07',
				'w1',
				[{ windowId: 'w1', start: '17:00', end: '17:30', served: 3 }],
				personal.planNotes
			),
			{
				entity: 'attendance',
				data: {
					id: `${c}:2026-11-07:s1`,
					centreId: c,
					v: 1,
					date: '2026-11-07',
					staffId: 's1',
					status: 'on-time',
					recordedAt: '2026-11-07T08:50:00+08:00'
				}
			},
			{
				entity: 'attendance',
				data: {
					id: `${c}:2026-11-07:s2`,
					centreId: c,
					v: 1,
					date: '2026-11-07',
					staffId: 's2',
					status: 'late',
					minutesLate: 10,
					recordedAt: '2026-11-07T09:10:00+08:00',
					note: personal.note
				}
			},
			{
				entity: 'extendedService',
				data: {
					id: `${c}-es-1`,
					centreId: c,
					v: 1,
					date: '2026-11-10',
					period: 'evening',
					start: '17:00',
					end: '17:45',
					served: 2,
					lastServed: personal.lastServed,
					noneWaiting: true,
					recordedAt: '2026-11-10T17:46:00+08:00'
				}
			},
			appointment(c, 'a1', 'tax', '2026-11-07', 'done', {
				kind: 'person',
				name: personal.applicant,
				phone: personal.phone,
				idNumber: personal.idNumber
			}),
			appointment(c, 'a2', 'tax', '2026-11-07', 'no-show', null),
			// Mon 2 Nov, 3 working days: due Thu 5 Nov. C1 on time, C2 late.
			kase(c, 'C1', 'tax', '2026-11-02', 3, '2026-11-04'),
			kase(c, 'C2', 'tax', '2026-11-02', 3, '2026-11-09'),
			{
				entity: 'inspection',
				data: {
					id: `${c}-insp-1`,
					centreId: c,
					v: 1,
					date: '2026-11-07',
					inspectorId: 's1',
					startedAt: '2026-11-07T09:00:00+08:00',
					checklist: {},
					findings: [
						finding({ type: 'staff', id: 's2' }, 'punctuality', 'confirmed', personal.finding),
						finding(
							{ type: 'window', id: 'w1' },
							'windows',
							'corrected',
							'未按时开窗',
							personal.correction
						)
					],
					commendations: [{ subject: { type: 'staff', id: 's1' }, reason: personal.commendation }]
				}
			}
		]
	};
}

/** Centre B, the same district: one Saturday's count, a case overdue since October, a proposed finding. */
function centreB(): DemoData {
	const c = 'dist-b';
	return {
		centre: centre(c, '示范区第二分中心'),
		records: [
			department(c, 'hall', '政务服务科', true, 1),
			window(c, 'w9', 'hall', '综合'),
			volume(c, 'v1', '2026-11-14', '综合', 'window', k(3, 3, 2, 3, 0), 'w9'),
			plan(c, '2026-11-14', 'w9', []),
			// Accepted Mon 26 Oct, 2 working days: due Wed 28 Oct, open at the month's end.
			kase(c, 'C9', 'hall', '2026-10-26', 2),
			{
				entity: 'inspection',
				data: {
					id: `${c}-insp-1`,
					centreId: c,
					v: 1,
					date: '2026-11-14',
					inspectorId: 'x',
					startedAt: '2026-11-14T09:00:00+08:00',
					checklist: {},
					findings: [
						finding({ type: 'department', id: 'hall' }, 'discipline', 'proposed', '待确认')
					],
					commendations: []
				}
			}
		]
	};
}

/** Centre C, another district, with figures of its own that must never show. */
function centreC(): DemoData {
	const c = 'dist-c';
	return {
		centre: centre(c, '邻区政务服务中心'),
		records: [
			department(c, 'ops', '政务服务科', true, 1),
			volume(c, 'v1', '2026-11-07', '综合', 'window', k(77, 77, 77, 77, 0))
		]
	};
}

const line = (l: Partial<ReportLine>): ReportLine => ({
	daysOpen: 0,
	windowDays: 0,
	staffDays: 0,
	received: 0,
	consulted: 0,
	casesAccepted: 0,
	casesCompleted: 0,
	casesPastDeadline: 0,
	appointments: 0,
	noShows: 0,
	noShowRate: null,
	extendedSessions: 0,
	extendedMinutes: 0,
	extendedServed: 0,
	completed: 0,
	oneVisit: 0,
	oneVisitRate: null,
	findings: 0,
	corrected: 0,
	...l
});

describe.each(drivers)('district view on %s', (driver) => {
	const t = useTestDb(driver);
	const user = {} as Record<Role, SessionUser>;

	beforeAll(async () => {
		const roles: Role[] = ['district', 'manager', 'viewer'];
		await seedDemo(
			t.db,
			centreA(),
			roles.map((role) => ({ username: `dist-${role}`, name: role, role })),
			{ hashCost: cheapHashCost }
		);
		await seedDemo(t.db, centreB(), [], { hashCost: cheapHashCost });
		await seedDemo(t.db, centreC(), [{ username: 'other-district', name: 'x', role: 'district' }], {
			hashCost: cheapHashCost
		});
		await t.db.orm.update(centres).set({ district: 'east' }).where(eq(centres.id, 'dist-a'));
		await t.db.orm.update(centres).set({ district: 'east' }).where(eq(centres.id, 'dist-b'));
		await t.db.orm.update(centres).set({ district: 'west' }).where(eq(centres.id, 'dist-c'));
		for (const u of await t.db.orm.select().from(users)) {
			const session = {
				id: u.id,
				username: u.username,
				name: u.name,
				role: u.role,
				centreId: u.centreId
			};
			if (u.centreId === 'dist-a') user[u.role] = session;
			else if (u.role === 'district') user.admin = session; // the other district's office
		}
	});

	const get = (who: SessionUser, query: string) =>
		districtGet(
			fakeEvent(appOf(t.db), { user: who, url: `http://localhost/api/district${query}` }).event
		);

	it("adds up both centres of the district by hand, and leaves the other district's out", async () => {
		const res = await get(user.district, `?month=${MONTH}`);
		expect(res.status).toBe(200);
		const body = districtAnswer.parse(await res.json());
		expect(body.month).toBe(MONTH);
		expect(body.centres.map((c) => c.name)).toEqual(['示范区第一分中心', '示范区第二分中心']);
		const [a, b] = body.centres;
		// Worked out for a `today` long after the month, as the endpoint does now.
		expect(a.figures).toEqual(
			line({
				// Saturday the 7th: planned, staffed and counted.
				daysOpen: 1,
				windowDays: 1,
				// 李四 on time, the other late.
				staffDays: 2,
				// At the window: 10 accepted + 4 consulted + 1 refused.
				received: 15,
				consulted: 4,
				casesAccepted: 2,
				casesCompleted: 2,
				// C2 completed on the 9th, due the 5th.
				casesPastDeadline: 1,
				appointments: 2,
				noShows: 1,
				noShowRate: 0.5,
				// The plan's spell on the 7th (30 min, 3 people) and the evening one on the 10th (45 min, 2).
				extendedSessions: 2,
				extendedMinutes: 75,
				extendedServed: 5,
				completed: 13,
				oneVisit: 11,
				oneVisitRate: 11 / 13,
				// Confirmed and corrected count; the corrected one is corrected.
				findings: 2,
				corrected: 1
			})
		);
		expect(a).toMatchObject({
			inspections: 1,
			openFindings: 1,
			proposedFindings: 0,
			commendations: 1
		});
		expect(b.figures).toEqual(
			line({
				daysOpen: 1,
				windowDays: 1,
				received: 5,
				consulted: 2,
				casesPastDeadline: 1,
				completed: 3,
				oneVisit: 3,
				oneVisitRate: 1
			})
		);
		expect(b).toMatchObject({
			inspections: 1,
			openFindings: 0,
			proposedFindings: 1,
			commendations: 0
		});
		expect(body.findings).toEqual([
			{
				centreId: 'dist-a',
				date: '2026-11-07',
				department: '税务局',
				checkItem: 'punctuality',
				status: 'confirmed'
			},
			{
				centreId: 'dist-a',
				date: '2026-11-07',
				department: '税务局',
				checkItem: 'windows',
				status: 'corrected'
			},
			{
				centreId: 'dist-b',
				date: '2026-11-14',
				department: '政务服务科',
				checkItem: 'discipline',
				status: 'proposed'
			}
		]);
		const text = JSON.stringify(body);
		expect(text).not.toContain('dist-c');
		expect(text).not.toContain('邻区');
	});

	it('sends no personal value and no free text', async () => {
		const text = JSON.stringify(await (await get(user.district, `?month=${MONTH}`)).json());
		for (const [what, value] of Object.entries(personal)) expect(text, what).not.toContain(value);
		// Nor any part of a name or a number that could be matched.
		for (const fragment of ['王小明', '顾', '李四', '1390000', '9901', '13911']) {
			expect(text).not.toContain(fragment);
		}
	});

	it("shows another district's office its own centre only", async () => {
		const body = districtAnswer.parse(await (await get(user.admin, `?month=${MONTH}`)).json());
		expect(body.centres.map((c) => [c.id, c.figures.received])).toEqual([['dist-c', 77 + 77]]);
		expect(body.findings).toEqual([]);
	});

	it('refuses a manager and a viewer (403), a bad month (400) and no session (401)', async () => {
		for (const who of [user.manager, user.viewer]) {
			const res = await get(who, `?month=${MONTH}`);
			expect(res.status, who.role).toBe(403);
			expect((await res.json()).error).toBe('没有权限');
		}
		for (const q of ['', '?month=2026-13', '?month=11-2026', '?month=2026-1']) {
			const res = await get(user.district, q);
			expect(res.status, q).toBe(400);
			expect((await res.json()).error).toBe('请求格式不正确');
		}
		const res = await districtGet(
			fakeEvent(appOf(t.db), { user: null, url: `http://localhost/api/district?month=${MONTH}` })
				.event
		);
		expect(res.status).toBe(401);
	});

	it('answers the month of the call: December has only what December holds', async () => {
		const body = await districtFigures(t.db, 'dist-a', '2026-12', { today: TODAY });
		expect(body.centres[0].figures.received).toBe(27);
		expect(body.centres[1].figures).toEqual(line({ casesPastDeadline: 1 }));
		expect(body.findings).toEqual([]);
	});
});
