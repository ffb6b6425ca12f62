import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
	attendanceSchema,
	centreSettings,
	defaultCentreSettings,
	defineEntity,
	entities,
	entityNames,
	isoDate,
	parseRecord,
	phone,
	pushRequest,
	pullResponse,
	safeParseEntityRow,
	serviceWindowSchema,
	session,
	volumeEntryId,
	PROTOCOL_VERSION
} from './index';

const base = { id: 'x', centreId: 'c1', v: 1 };

describe('calendar values', () => {
	it('accepts real dates and clock times only', () => {
		expect(isoDate.safeParse('2026-11-28').success).toBe(true);
		expect(isoDate.safeParse('2026-13-01').success).toBe(false);
		expect(isoDate.safeParse('28/11/2026').success).toBe(false);
		expect(isoDate.safeParse('2026-02-30').success).toBe(false);
		expect(isoDate.safeParse('abc').success).toBe(false);
		expect(isoDate.safeParse('2028-02-29').success).toBe(true);
		expect(session.safeParse({ start: '09:00', end: '11:30' }).success).toBe(true);
		expect(session.safeParse({ start: '14:00', end: '11:30' }).success).toBe(false);
		expect(session.safeParse({ start: '24:00', end: '25:00' }).success).toBe(false);
	});

	it('accepts mobile and landline numbers', () => {
		expect(phone.safeParse('13900001234').success).toBe(true);
		expect(phone.safeParse('010-55550101').success).toBe(true);
		expect(phone.safeParse('12345').success).toBe(false);
	});

	it('ships default centre settings that pass their own schema', () => {
		expect(centreSettings.parse(defaultCentreSettings).nonWorkingSessions).toEqual([
			{ start: '09:00', end: '11:30' },
			{ start: '14:00', end: '17:00' }
		]);
	});
});

describe('entities', () => {
	it('names every entity with a positive version', () => {
		expect(entityNames).toHaveLength(19);
		for (const name of entityNames) expect(entities[name].version).toBeGreaterThan(0);
	});

	it('requires a category on comprehensive windows (R1 counts by it)', () => {
		const w = { ...base, code: 'A01', kind: 'comprehensive', retired: false };
		expect(serviceWindowSchema.safeParse(w).success).toBe(false);
		expect(serviceWindowSchema.safeParse({ ...w, category: '不动产登记' }).success).toBe(true);
		expect(serviceWindowSchema.safeParse({ ...w, kind: 'fee' }).success).toBe(true);
	});

	it('requires minutes on a late arrival', () => {
		const a = {
			...base,
			date: '2026-11-28',
			staffId: 's1',
			status: 'late',
			recordedAt: '2026-11-28T09:12:00+08:00'
		};
		expect(attendanceSchema.safeParse(a).success).toBe(false);
		expect(attendanceSchema.safeParse({ ...a, minutesLate: 12 }).success).toBe(true);
	});

	it('reports a row of an entity that fails its schema instead of throwing', () => {
		const r = safeParseEntityRow('staff', { ...base, name: '' });
		expect(r.ok).toBe(false);
	});

	it('keys volume by centre, date, hour, category, channel and window', () => {
		expect(volumeEntryId('c1', '2026-11-28', 9, '税务', 'window')).toBe(
			'c1|2026-11-28|09|税务|window|-'
		);
		expect(volumeEntryId('c1', '2026-11-28', 14, '税务', 'window', 'win-C01')).toBe(
			'c1|2026-11-28|14|税务|window|win-C01'
		);
	});
});

describe('versioned records', () => {
	const v2 = defineEntity(
		'sample',
		2,
		z.object({ id: z.string(), v: z.literal(2), fullName: z.string() }),
		{ 1: ({ name, ...rest }) => ({ ...rest, fullName: name }) }
	);

	it('upgrades an old record step by step before validating it', () => {
		expect(parseRecord(v2, { id: 'a', v: 1, name: '林' })).toEqual({
			id: 'a',
			v: 2,
			fullName: '林'
		});
	});

	it('refuses a record it has no migration for', () => {
		const v3 = defineEntity('sample', 3, z.object({ v: z.literal(3) }), {});
		expect(() => parseRecord(v3, { v: 2 })).toThrow(/no migration from version 2/);
	});
});

describe('sync wire', () => {
	it('accepts a push of named mutations from this or an older protocol, and none newer', () => {
		const push = {
			protocol: 1,
			deviceId: 'd1',
			mutations: [{ id: 1, name: 'volume.add', args: {}, createdAt: '2026-11-28T09:00:00+08:00' }]
		};
		expect(pushRequest.safeParse(push).success).toBe(true);
		expect(pushRequest.safeParse({ ...push, protocol: PROTOCOL_VERSION }).success).toBe(true);
		for (const protocol of [0, PROTOCOL_VERSION + 1, 1.5]) {
			expect(pushRequest.safeParse({ ...push, protocol }).success, String(protocol)).toBe(false);
		}
		expect(pushRequest.safeParse({ ...push, mutations: [{ id: 0 }] }).success).toBe(false);
	});

	it('parses a pull page', () => {
		const page = {
			cursor: 5,
			changes: [{ version: 5, entity: 'staff', id: 's1', op: 'del' }],
			hasMore: false,
			lastMutationId: 0,
			results: []
		};
		expect(pullResponse.parse(page).changes[0].op).toBe('del');
	});
});
