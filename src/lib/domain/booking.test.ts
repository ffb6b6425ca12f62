import { describe, expect, it } from 'vitest';
import { defaultCentreSettings, type Appointment, type Slot } from '$lib/schemas';
import {
	applicantInput,
	bookingDay,
	dayBoard,
	findDuplicate,
	generateSlots,
	hasStarted,
	matchesSearch,
	placesAhead,
	slotId
} from './booking';

const plan = {
	centreId: 'c1',
	departmentId: 'dept-estate',
	serviceItemId: 'item-transfer',
	availableNonWorking: true,
	lengthMinutes: 30,
	capacity: 3
};
const settings = defaultCentreSettings;
const byDate = (slots: Slot[]) =>
	slots.reduce<Record<string, string[]>>((acc, s) => {
		(acc[s.date] ??= []).push(s.start);
		return acc;
	}, {});

describe('slot generation', () => {
	it('offers the 不打烊 hours on a Saturday: 09:00–11:30 and 14:00–17:00 in half hours', () => {
		const slots = generateSlots(plan, '2025-09-27', '2025-09-27', settings);
		expect(slots.map((s) => s.start)).toEqual([
			'09:00',
			'09:30',
			'10:00',
			'10:30',
			'11:00',
			'14:00',
			'14:30',
			'15:00',
			'15:30',
			'16:00',
			'16:30'
		]);
		expect(slots[4]).toMatchObject({ end: '11:30', capacity: 3, booked: 0, blocked: false });
		expect(slots[0].id).toBe(slotId('2025-09-27', 'item-transfer', '09:00'));
	});

	it('gives a make-up Sunday working hours and the National Day week no slots at all', () => {
		const days = byDate(generateSlots(plan, '2025-09-27', '2025-10-11', settings));
		// 2025-09-28 is a Sunday worked in place of a holiday day: 09:00–12:00 and 13:30–17:30.
		expect(days['2025-09-28']).toHaveLength(14);
		expect(days['2025-09-28'][0]).toBe('09:00');
		expect(days['2025-09-28']).toContain('13:30');
		for (const d of ['01', '02', '03', '04', '05', '06', '07', '08']) {
			expect(days[`2025-10-${d}`], d).toBeUndefined();
		}
		// Back to work on Thursday the 9th; Saturday the 11th is also a make-up day.
		expect(days['2025-10-09']).toHaveLength(14);
		expect(days['2025-10-11']).toHaveLength(14);
		expect(days['2025-09-29']).toHaveLength(14);
	});

	it('drops the tail of a session that is shorter than a slot', () => {
		const slots = generateSlots(
			{ ...plan, lengthMinutes: 60 },
			'2025-09-27',
			'2025-09-27',
			settings
		);
		expect(slots.map((s) => `${s.start}-${s.end}`)).toEqual([
			'09:00-10:00',
			'10:00-11:00',
			'14:00-15:00',
			'15:00-16:00',
			'16:00-17:00'
		]);
	});

	it('follows the centre: a closed day, an opened holiday, changed weekend hours', () => {
		const own = {
			...settings,
			nonWorkingSessions: [{ start: '09:00', end: '10:00' }],
			dayOverrides: [
				{ date: '2025-09-27', working: false, closed: true, note: '停电检修' },
				{ date: '2025-10-03', working: true },
				// A Wednesday made a non-working day: the hall serves it as 不打烊, so it books.
				{ date: '2025-10-15', working: false }
			]
		};
		const days = byDate(generateSlots(plan, '2025-09-27', '2025-10-04', own));
		expect(days['2025-09-27']).toBeUndefined();
		expect(days['2025-10-03']).toHaveLength(14);
		expect(days['2025-10-04']).toBeUndefined();
		expect(bookingDay('2025-09-27', own.dayOverrides)).toEqual({ open: false, reason: 'closed' });
		expect(bookingDay('2025-10-04', own.dayOverrides)).toEqual({ open: false, reason: 'holiday' });
		expect(bookingDay('2025-10-15', own.dayOverrides)).toEqual({ open: true, working: false });
		expect(byDate(generateSlots(plan, '2025-10-15', '2025-10-15', own))['2025-10-15']).toEqual([
			'09:00',
			'09:30'
		]);
		// A weekend outside the holiday gets the centre's own hours.
		expect(byDate(generateSlots(plan, '2025-10-18', '2025-10-18', own))['2025-10-18']).toEqual([
			'09:00',
			'09:30'
		]);
	});

	it('offers an item kept to working days on weekdays and make-up days only', () => {
		const slots = generateSlots(
			{ ...plan, availableNonWorking: false },
			'2025-09-26',
			'2025-09-28',
			settings
		);
		expect(Object.keys(byDate(slots))).toEqual(['2025-09-26', '2025-09-28']);
		expect(bookingDay('2025-09-27', [], false)).toEqual({ open: false, reason: 'not-offered' });
	});
});

const appt = (over: Partial<Appointment>): Appointment => ({
	id: 'a1',
	centreId: 'c1',
	v: 1,
	slotId: 's1',
	departmentId: 'dept-estate',
	serviceItemId: 'item-transfer',
	date: '2026-11-28',
	start: '09:00',
	applicant: { kind: 'person', name: '王小明', phone: '13800001234' },
	channel: 'phone',
	status: 'booked',
	notes: '',
	missingItems: [],
	history: [],
	createdAt: '2026-11-20T09:00:00+08:00',
	...over
});

describe('places in time', () => {
	// 10:00 in the hall; the device's own time zone plays no part.
	const now = Date.parse('2026-03-02T02:00:00Z');

	it('counts a place as begun from its start minute on the hall clock', () => {
		expect(hasStarted({ date: '2026-03-02', start: '09:30' }, now)).toBe(true);
		expect(hasStarted({ date: '2026-03-02', start: '10:00' }, now)).toBe(true);
		expect(hasStarted({ date: '2026-03-02', start: '10:30' }, now)).toBe(false);
		expect(hasStarted({ date: '2026-03-01', start: '16:00' }, now)).toBe(true);
		expect(hasStarted({ date: '2026-03-03', start: '09:00' }, now)).toBe(false);
	});

	it('offers for a move only places not yet begun, earliest first, five at most', () => {
		const place = (date: string, start: string) => ({ slotId: `${date} ${start}`, date, start });
		const places = [
			place('2026-03-03', '09:00'),
			place('2026-03-02', '09:00'),
			place('2026-03-02', '14:00'),
			place('2026-03-02', '10:00'),
			place('2026-03-02', '10:30'),
			place('2026-03-04', '09:00'),
			place('2026-03-05', '09:00'),
			place('2026-03-06', '09:00')
		];
		expect(placesAhead(places, now).map((p) => p.slotId)).toEqual([
			'2026-03-02 10:30',
			'2026-03-02 14:00',
			'2026-03-03 09:00',
			'2026-03-04 09:00',
			'2026-03-05 09:00'
		]);
		expect(placesAhead(places, Date.parse('2026-03-06T08:00:00Z'))).toEqual([]);
	});
});

describe('duplicates', () => {
	const existing = [appt({})];
	const candidate = { date: '2026-11-28', serviceItemId: 'item-transfer', phone: '138-0000-1234' };

	it('finds a live booking of the same phone, item and day', () => {
		expect(findDuplicate(existing, candidate)?.id).toBe('a1');
	});

	it('ignores other items, other days, cancelled bookings, erased records and itself', () => {
		expect(findDuplicate(existing, { ...candidate, serviceItemId: 'other' })).toBeUndefined();
		expect(findDuplicate(existing, { ...candidate, date: '2026-11-29' })).toBeUndefined();
		expect(findDuplicate([appt({ status: 'cancelled' })], candidate)).toBeUndefined();
		expect(findDuplicate([appt({ applicant: null })], candidate)).toBeUndefined();
		expect(findDuplicate(existing, { ...candidate, id: 'a1' })).toBeUndefined();
	});
});

describe('day board', () => {
	const slots: Slot[] = [
		{ ...generateSlots(plan, '2026-11-28', '2026-11-28', settings)[0], booked: 2 },
		{ ...generateSlots(plan, '2026-11-28', '2026-11-28', settings)[1], booked: 3, blocked: true }
	];
	const day = [
		appt({ id: 'a', start: '09:00' }),
		appt({ id: 'b', start: '09:30' }),
		appt({ id: 'c', start: '09:00', status: 'arrived' }),
		appt({ id: 'd', start: '09:00', status: 'no-show' }),
		appt({ id: 'e', start: '11:00' })
	];

	it('sorts bookings into due now and late at a moment of the day', () => {
		const board = dayBoard(day, slots, 9 * 60 + 15);
		expect(board.late.map((a) => a.id)).toEqual(['a']);
		expect(board.dueNow.map((a) => a.id)).toEqual(['b']);
		expect(board).toMatchObject({ noShows: 1, waiting: 1, capacity: 3, held: 2, free: 1 });
	});

	it('has nothing due or late on another day', () => {
		const board = dayBoard(day, slots, null);
		expect(board.late).toEqual([]);
		expect(board.dueNow).toEqual([]);
	});

	it('searches by a name fragment or by three or more digits of the phone', () => {
		const a = appt({});
		expect(matchesSearch(a, '小明')).toBe(true);
		expect(matchesSearch(a, '1234')).toBe(true);
		expect(matchesSearch(a, '12')).toBe(false);
		expect(matchesSearch(a, '李')).toBe(false);
		expect(matchesSearch(appt({ applicant: null }), '1234')).toBe(false);
	});
});

describe('applicant input', () => {
	const person = { kind: 'person', name: ' 王小明 ', phone: '138 0000 1234' };

	it('accepts a person with a valid identity number, tidied', () => {
		const parsed = applicantInput.parse({ ...person, idNumber: '11010519491231002x' });
		expect(parsed).toEqual({
			kind: 'person',
			name: '王小明',
			phone: '13800001234',
			idNumber: '11010519491231002X'
		});
	});

	it('names each bad field with its message key', () => {
		const result = applicantInput.safeParse({
			kind: 'company',
			name: '',
			phone: '12345',
			idNumber: '110105194912310021',
			creditCode: '91350100M000100Y44'
		});
		expect(result.success).toBe(false);
		const messages = Object.fromEntries(
			(result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message])
		);
		expect(messages).toEqual({
			name: 'booking_error_name',
			phone: 'booking_error_phone',
			idNumber: 'booking_error_id_number',
			creditCode: 'booking_error_credit_code'
		});
	});
});
