import { describe, expect, it } from 'vitest';
import type { Appointment } from '$lib/schemas';
import { eraseApplicant, isPastRetention, pastRetention, retentionCutoff } from './retention';

const appt = (id: string, date: string, over: Partial<Appointment> = {}): Appointment => ({
	id,
	centreId: 'c1',
	v: 1,
	slotId: 's1',
	departmentId: 'dept-estate',
	serviceItemId: 'item-transfer',
	date,
	start: '09:00',
	applicant: {
		kind: 'person',
		name: '王小明',
		phone: '13800001234',
		idNumber: '11010519491231002X'
	},
	channel: 'online',
	status: 'refused',
	notes: '电话 13800001234 联系',
	missingItems: ['婚姻状况证明'],
	history: [{ at: `${date}T09:20:00+08:00`, status: 'refused', by: 'staff-1' }],
	createdAt: `${date}T08:00:00+08:00`,
	...over
});

describe('retention', () => {
	const today = '2026-11-26';

	it('keeps 180 days whole by default: the cutoff day itself is kept', () => {
		expect(retentionCutoff(today, 180)).toBe('2026-05-30');
		expect(isPastRetention(appt('a', '2026-05-30'), today, 180)).toBe(false);
		expect(isPastRetention(appt('a', '2026-05-29'), today, 180)).toBe(true);
		expect(isPastRetention(appt('a', '2026-05-29'), today, 365)).toBe(false);
	});

	it('erases the applicant, notes and cancel reason, and keeps what is counted', () => {
		const before = appt('a', '2026-01-10', { cancelReason: '王小明来电取消' });
		const after = eraseApplicant(before);
		expect(after.applicant).toBeNull();
		expect(after.notes).toBe('');
		expect('cancelReason' in after).toBe(false);
		const { applicant: _a, notes: _n, cancelReason: _c, ...counted } = before;
		expect(after).toMatchObject(counted);
		expect(isPastRetention(after, today, 180)).toBe(false);
	});

	it('lists what is due for erasure once, oldest first', () => {
		const rows = [
			appt('c', '2026-03-01'),
			appt('b', '2026-02-01'),
			appt('x', '2026-02-01', { applicant: null, notes: '' }),
			appt('new', '2026-11-01')
		];
		expect(pastRetention(rows, today, 180).map((a) => a.id)).toEqual(['b', 'c']);
	});
});
