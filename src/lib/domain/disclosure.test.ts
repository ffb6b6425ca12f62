import { describe, expect, it } from 'vitest';
import {
	attendanceSchema,
	dayPlanSchema,
	extendedServiceSchema,
	inspectionSchema
} from '$lib/schemas';
import { samePhone } from './booking';
import { disclose, isMasked, keepFull, maskDeep, mayReveal, scopeKey } from './disclosure';

const appointment = (departmentId: string) => ({
	id: 'a1',
	departmentId,
	notes: '带房产证原件',
	cancelReason: '本人改期',
	applicant: {
		kind: 'person',
		name: '林晓',
		phone: '13912345678',
		idNumber: '99010119900101001X',
		creditCode: '91990100MA0000000X'
	}
});

describe('disclose', () => {
	it('masks for a manager and keeps the stored row', () => {
		const row = appointment('estate');
		expect(disclose('appointment', row, { role: 'manager' })).toMatchObject({
			notes: '带房产证原件',
			applicant: {
				name: '林晓',
				phone: '139****5678',
				idNumber: '9901**********001X',
				creditCode: '9199**********000X'
			}
		});
		expect(row.applicant.phone).toBe('13912345678');
	});

	it('gives the duty lead names and masked phones, no identity numbers', () => {
		const out = disclose('appointment', appointment('estate'), { role: 'duty' }) as {
			applicant: Record<string, string>;
		};
		expect(out.applicant).toEqual({ kind: 'person', name: '林晓', phone: '139****5678' });
	});

	it('gives a clerk the applicants of their own department only', () => {
		const clerk = { role: 'clerk' as const, departmentId: 'estate' };
		expect(disclose('appointment', appointment('estate'), clerk)).toMatchObject({
			applicant: { name: '林晓', phone: '139****5678' }
		});
		expect(disclose('appointment', appointment('tax'), clerk)).toMatchObject({
			applicant: null,
			notes: ''
		});
		expect(disclose('appointment', appointment('tax'), clerk)).not.toHaveProperty('cancelReason');
	});

	it('gives a viewer no applicant, note or staff phone', () => {
		const viewer = { role: 'viewer' as const };
		expect(disclose('appointment', appointment('estate'), viewer)).toMatchObject({
			applicant: null,
			notes: ''
		});
		const staff = { id: 's1', departmentId: 'tax', phone: '13912345678', active: true };
		expect(disclose('staff', staff, viewer)).not.toHaveProperty('phone');
	});

	it('gives the duty lead active staff phones in full, inactive ones masked', () => {
		const staff = { id: 's1', departmentId: 'tax', phone: '13912345678', active: true };
		expect(disclose('staff', staff, { role: 'duty' })).toMatchObject({ phone: '13912345678' });
		expect(disclose('staff', { ...staff, active: false }, { role: 'duty' })).toMatchObject({
			phone: '139****5678'
		});
		expect(disclose('staff', staff, { role: 'manager' })).toMatchObject({ phone: '139****5678' });
	});

	it('gives a viewer no free text, in rows that still pass their schemas', () => {
		const base = { id: 'r1', centreId: 'c', v: 1 as const, date: '2026-06-06' };
		const rows = {
			attendance: {
				...base,
				staffId: 's1',
				status: 'late',
				minutesLate: 5,
				recordedAt: '2026-06-06T09:05:00+08:00',
				note: '堵车，已电话告知值班负责人'
			},
			extendedService: {
				...base,
				period: 'evening',
				start: '17:00',
				end: '17:40',
				served: 3,
				lastServed: 'A023 顾先生',
				noneWaiting: true,
				recordedAt: '2026-06-06T17:41:00+08:00'
			},
			dayPlan: {
				...base,
				windows: [],
				operationsDutyIds: [],
				appointmentContacts: [],
				onCallIds: [],
				realEstateReview: [],
				arrangements: [{ departmentId: 'd1', text: '张科长带班', filedAt: '2026-06-05' }],
				extendedSessions: [],
				notes: '王五请假，李四顶班'
			},
			inspection: {
				...base,
				inspectorId: 's2',
				startedAt: '2026-06-06T10:00:00+08:00',
				checklist: { punctuality: 'issue' },
				findings: [
					{
						subject: { type: 'staff', id: 's1' },
						checkItem: 'punctuality',
						text: '赵六迟到十分钟',
						correction: '已谈话提醒',
						proposal: '通报',
						status: 'confirmed',
						source: 'manual'
					}
				],
				commendations: [{ subject: { type: 'staff', id: 's3' }, reason: '耐心帮助老人办理' }]
			}
		} as const;
		const schemas = {
			attendance: attendanceSchema,
			extendedService: extendedServiceSchema,
			dayPlan: dayPlanSchema,
			inspection: inspectionSchema
		};
		const texts = ['堵车', 'A023', '张科长', '王五', '赵六', '谈话', '通报', '老人'];
		for (const [entity, row] of Object.entries(rows)) {
			const schema = schemas[entity as keyof typeof schemas];
			expect(schema.safeParse(row).success, entity).toBe(true);
			const forViewer = disclose(entity, row, { role: 'viewer' });
			expect(schema.safeParse(forViewer).success, entity).toBe(true);
			for (const t of texts) expect(JSON.stringify(forViewer), entity).not.toContain(t);
			// Who runs or supervises the day reads them as written.
			for (const role of ['duty', 'manager', 'clerk'] as const) {
				expect(disclose(entity, row, { role }), `${entity} ${role}`).toEqual(row);
			}
		}
		expect(disclose('inspection', rows.inspection, { role: 'viewer' })).toMatchObject({
			findings: [{ subject: { type: 'staff', id: 's1' }, status: 'confirmed', text: '—' }]
		});
	});

	it('passes entities without personal fields unchanged', () => {
		const slot = { id: 's', capacity: 2 };
		expect(disclose('slot', slot, { role: 'viewer' })).toBe(slot);
	});
});

describe('reveal and scope', () => {
	it('lets a clerk reveal their own department, never a viewer', () => {
		const clerk = { role: 'clerk' as const, departmentId: 'estate' };
		expect(mayReveal(clerk, 'appointment', appointment('estate'), 'idNumber')).toBe(true);
		expect(mayReveal(clerk, 'appointment', appointment('tax'), 'phone')).toBe(false);
		expect(mayReveal({ role: 'viewer' }, 'appointment', appointment('tax'), 'phone')).toBe(false);
		expect(mayReveal({ role: 'duty' }, 'appointment', appointment('tax'), 'idNumber')).toBe(false);
		expect(mayReveal({ role: 'manager' }, 'appointment', appointment('tax'), 'name')).toBe(false);
	});

	it('changes the scope key with role and department', () => {
		expect(scopeKey({ role: 'clerk', departmentId: 'a' })).not.toBe(
			scopeKey({ role: 'clerk', departmentId: 'b' })
		);
		expect(scopeKey({ role: 'manager' })).not.toBe(scopeKey({ role: 'viewer' }));
	});
});

describe('masked values coming back', () => {
	it('keeps the stored value behind its own mask only', () => {
		expect(keepFull('phone', '139****5678', '13912345678')).toBe('13912345678');
		expect(keepFull('phone', '138****5678', '13912345678')).toBeUndefined();
		expect(keepFull('phone', '139****5678', undefined)).toBeUndefined();
		expect(keepFull('phone', '13700000000', '13912345678')).toBe('13700000000');
		expect(isMasked('139****5678')).toBe(true);
	});

	it('compares a typed phone with a stored mask for the duplicate warning', () => {
		expect(samePhone('13912345678', '139****5678')).toBe(true);
		expect(samePhone('139 1234 5678', '139****5678')).toBe(true);
		expect(samePhone('13912345679', '139****5678')).toBe(false);
		expect(samePhone('0571-87654321', '****-****4321')).toBe(true);
		expect(samePhone('13912345678', '13912345678')).toBe(true);
		expect(samePhone('13912345678', '13900005678')).toBe(false);
	});

	it('masks numbers anywhere in audit rows', () => {
		expect(
			maskDeep({ args: { applicant: { phone: '13912345678' } }, list: [{ phone: '13912345678' }] })
		).toEqual({ args: { applicant: { phone: '139****5678' } }, list: [{ phone: '139****5678' }] });
	});
});
