import { describe, expect, it } from 'vitest';
import type { Appointment, Slot } from '$lib/schemas';
import { appointmentFigures } from './appointment-figures';

const appt = (
	status: Appointment['status'],
	date = '2026-11-28',
	channel: Appointment['channel'] = 'phone',
	missingItems: string[] = []
): Appointment => ({
	id: `${status}-${date}-${channel}-${missingItems.join()}`,
	centreId: 'c1',
	v: 1,
	slotId: 's1',
	departmentId: 'd',
	serviceItemId: 'i',
	date,
	start: '09:00',
	applicant: null,
	channel,
	status,
	notes: '',
	missingItems,
	history: [],
	createdAt: `${date}T08:00:00+08:00`
});

const slot = (capacity: number, booked: number, blocked = false): Slot => ({
	id: `s${capacity}${booked}${blocked}`,
	centreId: 'c1',
	v: 1,
	departmentId: 'd',
	serviceItemId: 'i',
	date: '2026-11-28',
	start: '09:00',
	end: '09:30',
	capacity,
	booked,
	blocked
});

describe('appointment figures', () => {
	it('counts bookings per day and channel, leaving out the unconfirmed', () => {
		const f = appointmentFigures(
			[
				appt('done', '2026-11-28', 'online'),
				appt('cancelled', '2026-11-28', 'phone'),
				appt('unconfirmed', '2026-11-28', 'phone'),
				appt('booked', '2026-11-29', 'walk-in')
			],
			[]
		);
		expect(f.perDay).toEqual([
			{ date: '2026-11-28', total: 2, byChannel: { phone: 1, online: 1, 'walk-in': 0 } },
			{ date: '2026-11-29', total: 1, byChannel: { phone: 0, online: 0, 'walk-in': 1 } }
		]);
	});

	it('works out no-shows, one-visit completion and refusals by missing item', () => {
		const f = appointmentFigures(
			[
				appt('done'),
				appt('done', '2026-11-27'),
				appt('done', '2026-11-26'),
				appt('refused', '2026-11-28', 'phone', ['婚姻状况证明', '完税凭证']),
				appt('refused', '2026-11-27', 'phone', ['完税凭证']),
				appt('no-show'),
				appt('booked')
			],
			[slot(4, 3), slot(2, 2), slot(5, 0, true)]
		);
		expect(f.noShowRate).toBeCloseTo(1 / 6);
		expect(f.oneVisitRate).toBeCloseTo(3 / 5);
		expect(f.refusals).toEqual([
			{ reason: '完税凭证', count: 2 },
			{ reason: '婚姻状况证明', count: 1 }
		]);
		expect(f.usedCapacity).toBeCloseTo(5 / 6);
	});

	it('gives no rate where there is nothing to divide by', () => {
		expect(appointmentFigures([], [])).toEqual({
			perDay: [],
			noShowRate: null,
			oneVisitRate: null,
			refusals: [],
			usedCapacity: null
		});
	});
});
