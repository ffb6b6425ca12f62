import { describe, expect, it } from 'vitest';
import { defaultCentreSettings, type AppointmentStatus, type ServiceWindow } from '$lib/schemas';
import { addRows, bookedDemand, DEFAULT_SHOW_RATE, showRate, walkInHistory } from './known-demand';
import type { HistoryRow } from './forecast';
import { dayAdvice } from './day-advice';

const items = [
	{ id: 'item-tax', category: '税务' },
	{ id: 'item-land', category: '不动产登记' }
];
const booking = (date: string, start: string, status: AppointmentStatus, item = 'item-tax') => ({
	date,
	start,
	serviceItemId: item,
	status
});

describe('show rate', () => {
	it('is the share of past bookings that came, of those settled either way', () => {
		const past = [
			booking('2026-11-21', '09:00', 'done'),
			booking('2026-11-21', '09:30', 'refused'),
			booking('2026-11-21', '10:00', 'arrived'),
			booking('2026-11-21', '10:30', 'no-show'),
			booking('2026-11-21', '11:00', 'cancelled'),
			booking('2026-11-28', '09:00', 'no-show')
		];
		expect(showRate(past, '2026-11-28')).toEqual([0.75, 4]);
	});

	it('falls back to nine in ten with nothing to learn from', () => {
		expect(showRate([booking('2026-11-28', '09:00', 'booked')], '2026-11-28')).toEqual([
			DEFAULT_SHOW_RATE,
			0
		]);
	});
});

describe('booked demand of a day', () => {
	const past = [booking('2026-11-21', '09:00', 'done'), booking('2026-11-21', '09:30', 'no-show')];
	it('counts held places at the show rate and people already seen at one, by category and hour', () => {
		const day = [
			booking('2026-11-28', '09:00', 'booked'),
			booking('2026-11-28', '09:30', 'booked'),
			booking('2026-11-28', '09:30', 'done'),
			booking('2026-11-28', '14:00', 'booked', 'item-land'),
			booking('2026-11-28', '10:00', 'cancelled'),
			booking('2026-11-28', '10:00', 'unconfirmed'),
			booking('2026-11-28', '10:00', 'no-show'),
			booking('2026-11-28', '10:00', 'booked', 'item-unknown')
		];
		const d = bookedDemand([...past, ...day], items, '2026-11-28');
		expect(d.showRate).toBe(0.5);
		expect(d.showBasis).toBe(2);
		expect(d.held).toBe(3);
		expect(d.seen).toBe(1);
		expect(d.rows).toEqual(
			expect.arrayContaining([
				{ category: '税务', hour: 9, arrivals: 2 },
				{ category: '不动产登记', hour: 14, arrivals: 0.5 }
			])
		);
		expect(d.rows).toHaveLength(2);
	});
});

describe('walk-in history', () => {
	it('takes out the people who came by appointment, hour by hour, never below zero', () => {
		const history: HistoryRow[] = [
			{ date: '2026-11-21', hour: 9, category: '税务', arrivals: 10 },
			{ date: '2026-11-21', hour: 10, category: '税务', arrivals: 1 },
			{ date: '2026-11-21', hour: 9, category: '不动产登记', arrivals: 4 }
		];
		const past = [
			booking('2026-11-21', '09:00', 'done'),
			booking('2026-11-21', '09:30', 'refused'),
			booking('2026-11-21', '09:30', 'no-show'),
			booking('2026-11-21', '10:00', 'done'),
			booking('2026-11-21', '10:30', 'arrived')
		];
		expect(walkInHistory(history, past, items)).toEqual([
			{ date: '2026-11-21', hour: 9, category: '税务', arrivals: 8 },
			{ date: '2026-11-21', hour: 10, category: '税务', arrivals: 0 },
			{ date: '2026-11-21', hour: 9, category: '不动产登记', arrivals: 4 }
		]);
	});
});

describe('advice with known demand', () => {
	// Four Saturdays of walk-ins: 20 people an hour at 09:00 and 10:00 in 税务.
	const saturdays = ['2026-10-31', '2026-11-07', '2026-11-14', '2026-11-21'];
	const history: HistoryRow[] = saturdays.flatMap((date) =>
		[9, 10].map((hour) => ({ date, hour, category: '税务', arrivals: 20 }))
	);
	const windows: ServiceWindow[] = [1, 2, 3, 4, 5, 6].map((i) => ({
		id: `w${i}`,
		centreId: 'c',
		v: 1,
		code: `B0${i}`,
		kind: 'comprehensive',
		category: '税务',
		retired: false
	}));
	const input: Parameters<typeof dayAdvice>[0] = {
		date: '2026-11-28',
		history,
		settings: defaultCentreSettings,
		ruleSet: undefined,
		serviceItems: [],
		windows,
		plan: undefined
	};

	it('staffs for walk-ins plus bookings, and shows the bookings apart per session', () => {
		const plain = dayAdvice(input);
		const day = [...Array(10)].map(() => booking('2026-11-28', '09:30', 'booked'));
		const booked = bookedDemand(day, items, '2026-11-28');
		const known = dayAdvice({ ...input, booked });
		const morning = (a: typeof plain) => a.sessions.find((s) => s.category === '税务')!;
		expect(morning(plain).booked).toBe(0);
		expect(morning(known).booked).toBeCloseTo(10 * DEFAULT_SHOW_RATE, 6);
		expect(morning(known).arrivals).toBeCloseTo(morning(plain).arrivals + 9, 6);
		expect(known.walkIns).toEqual(plain.forecast.rows);
		expect(morning(known).recommended).toBeGreaterThanOrEqual(morning(plain).recommended);
	});
});

describe('adding rows', () => {
	it('adds cell by cell and keeps cells only one side has', () => {
		expect(
			addRows(
				[{ category: '税务', hour: 9, arrivals: 3 }],
				[
					{ category: '税务', hour: 9, arrivals: 2 },
					{ category: '税务', hour: 10, arrivals: 1 }
				]
			)
		).toEqual([
			{ category: '税务', hour: 9, arrivals: 5 },
			{ category: '税务', hour: 10, arrivals: 1 }
		]);
	});
});
