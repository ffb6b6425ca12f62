import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	addDays,
	addWorkingDays,
	askedDate,
	calendarYears,
	datesBetween,
	dayKind,
	hallCalendar,
	daysAroundHoliday,
	daysBetween,
	holidayPeriods,
	isoWeekStart,
	noticeWanted,
	serviceHours,
	weekday,
	workingDaysBetween,
	yearCoverage
} from './calendar';
import type { HolidayNotice } from '$lib/schemas';

describe('date arithmetic', () => {
	it('adds days across month, year and leap-day edges', () => {
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
		expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
		expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
		expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
	});

	it('rejects strings that are not calendar dates', () => {
		expect(() => addDays('2025-02-30', 1)).toThrow();
		expect(() => weekday('2025/01/01')).toThrow();
	});

	it('reads the day an address asks for, and refuses one the calendar does not have', () => {
		const today = '2026-03-02';
		expect(askedDate(null, today)).toEqual({ ok: true, date: today });
		expect(askedDate('', today)).toEqual({ ok: true, date: today });
		expect(askedDate('2028-02-29', today)).toEqual({ ok: true, date: '2028-02-29' });
		for (const bad of ['2026-02-30', '2026-04-31', 'abc', '2026-3-2', '2026-03-02T00:00']) {
			expect(askedDate(bad, today)).toEqual({ ok: false, asked: bad });
		}
		// Whatever it lets through, the calendar can compute with.
		fc.assert(
			fc.property(fc.string(), (s) => {
				const r = askedDate(s, today);
				if (r.ok) expect(addDays(addDays(r.date, 1), -1)).toBe(r.date);
			})
		);
	});

	it('computes the weekday from the string alone', () => {
		expect(weekday('2025-10-01')).toBe(3); // Wednesday
		expect(weekday('2026-02-14')).toBe(6); // Saturday
		expect(weekday('1970-01-01')).toBe(4);
		expect(weekday('1969-12-28')).toBe(0);
	});

	it('agrees with Date.UTC for any date', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: -20000, max: 40000 }),
				fc.integer({ min: -400, max: 400 }),
				(d, n) => {
					const date = new Date(d * 86400000).toISOString().slice(0, 10);
					expect(weekday(date)).toBe(new Date(d * 86400000).getUTCDay());
					expect(addDays(date, n)).toBe(new Date((d + n) * 86400000).toISOString().slice(0, 10));
					expect(daysBetween(date, addDays(date, n))).toBe(n);
				}
			)
		);
	});

	it('lists dates inclusively and finds ISO week starts', () => {
		expect(datesBetween('2025-12-30', '2026-01-02')).toEqual([
			'2025-12-30',
			'2025-12-31',
			'2026-01-01',
			'2026-01-02'
		]);
		expect(datesBetween('2026-01-02', '2026-01-01')).toEqual([]);
		expect(isoWeekStart('2025-10-01')).toBe('2025-09-29');
		expect(isoWeekStart('2025-09-29')).toBe('2025-09-29');
		expect(isoWeekStart('2025-10-05')).toBe('2025-09-29'); // Sunday ends the ISO week
	});
});

describe('dayKind', () => {
	it('knows the 2025 National Day and Mid-Autumn run and its make-up days', () => {
		for (const d of datesBetween('2025-10-01', '2025-10-08')) {
			const k = dayKind(d);
			expect(k.working, d).toBe(false);
			expect(k.reason).toBe('holiday');
		}
		expect(dayKind('2025-10-01').holiday).toBe('国庆节');
		expect(dayKind('2025-10-06').holiday).toBe('中秋');
		expect(dayKind('2025-09-28')).toMatchObject({ working: true, reason: 'make-up', known: true });
		expect(dayKind('2025-10-11')).toMatchObject({ working: true, reason: 'make-up' });
		expect(dayKind('2025-10-09')).toMatchObject({ working: true, reason: 'weekday' });
		expect(dayKind('2025-10-12')).toMatchObject({ working: false, reason: 'weekend' });
	});

	it('follows the State Council 2026 notice (gov.cn, November 2025): Spring Festival 15–23 February', () => {
		for (const d of datesBetween('2026-02-15', '2026-02-23')) {
			expect(dayKind(d)).toMatchObject({ working: false, reason: 'holiday', holiday: '春节' });
		}
		expect(dayKind('2026-02-14')).toMatchObject({ working: true, reason: 'make-up' });
		expect(dayKind('2026-02-28')).toMatchObject({ working: true, reason: 'make-up' });
		expect(dayKind('2026-02-24').working).toBe(true);
		expect(dayKind('2026-01-04')).toMatchObject({ working: true, reason: 'make-up' });
	});

	it('falls back to weekday/weekend for years the calendar does not know', () => {
		expect(calendarYears.from).toBeLessThanOrEqual(2025);
		expect(calendarYears.to).toBeGreaterThanOrEqual(2026);
		const y = calendarYears.to + 1;
		// 1 October is a statutory holiday every year, but an unknown year cannot say so.
		const d = `${y}-10-01`;
		const k = dayKind(d);
		expect(k.known).toBe(false);
		expect(k.reason).toBe(weekday(d) === 0 || weekday(d) === 6 ? 'weekend' : 'weekday');
		expect(dayKind('2025-10-01').known).toBe(true);
	});

	it('lets a centre override single days', () => {
		const overrides = [
			{ date: '2025-10-03', working: true, note: 'special opening' },
			{ date: '2025-10-15', working: false }
		];
		expect(dayKind('2025-10-03', overrides)).toMatchObject({
			working: true,
			reason: 'override',
			holiday: '国庆节'
		});
		expect(dayKind('2025-10-15', overrides)).toMatchObject({ working: false, reason: 'override' });
		expect(dayKind('2025-10-16', overrides).reason).toBe('weekday');
	});
});

describe('holidays', () => {
	it('groups consecutive holiday dates into runs with their names', () => {
		const runs = holidayPeriods('2025-09-01', '2025-10-31');
		expect(runs).toEqual([
			{
				from: '2025-10-01',
				to: '2025-10-08',
				days: 8,
				names: ['国庆节', '中秋'],
				namesEn: ['National Day', 'Mid-autumn Festival']
			}
		]);
		const spring = holidayPeriods('2026-02-20', '2026-02-20');
		expect(spring).toHaveLength(1);
		expect(spring[0]).toMatchObject({ from: '2026-02-15', to: '2026-02-23', days: 9 });
		expect(holidayPeriods('2026-07-01', '2026-08-31')).toEqual([]);
	});

	it('marks the working days next to a holiday, across weekends', () => {
		expect(daysAroundHoliday('2025-09-30')).toBe('before');
		expect(daysAroundHoliday('2025-10-09')).toBe('after');
		expect(daysAroundHoliday('2025-10-01')).toBeNull();
		expect(daysAroundHoliday('2025-10-15')).toBeNull();
		// 清明 2026: Saturday 4 to Monday 6 April; Friday 3 April is the day before.
		expect(daysAroundHoliday('2026-04-03')).toBe('before');
		expect(daysAroundHoliday('2026-04-07')).toBe('after');
		// 端午 2026: Friday 19 to Sunday 21 June.
		expect(daysAroundHoliday('2026-06-18')).toBe('before');
		expect(daysAroundHoliday('2026-06-22')).toBe('after');
		// A plain weekend is no holiday.
		expect(daysAroundHoliday('2026-03-13')).toBeNull();
	});
});

describe('working days', () => {
	it('counts deadlines in working days, skipping the holiday and using make-up days', () => {
		expect(addWorkingDays('2025-09-30', 0)).toBe('2025-09-30');
		expect(addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
		expect(addWorkingDays('2025-09-30', 3)).toBe('2025-10-11'); // Saturday make-up day
		expect(addWorkingDays('2025-09-26', 1)).toBe('2025-09-28'); // Sunday make-up day
		expect(workingDaysBetween('2025-09-30', '2025-10-11')).toBe(3);
		expect(workingDaysBetween('2025-10-11', '2025-09-30')).toBe(0);
	});
});

describe('serviceHours', () => {
	it('uses the 不打烊 sessions on non-working days and working sessions otherwise', () => {
		const sat = serviceHours('2025-10-12');
		expect(sat.working).toBe(false);
		expect(sat.sessions).toEqual([
			{ start: '09:00', end: '11:30' },
			{ start: '14:00', end: '17:00' }
		]);
		const settings = {
			workingSessions: [{ start: '08:30', end: '12:00' }],
			nonWorkingSessions: [{ start: '10:00', end: '15:00' }],
			extendedServiceMinutes: 45
		};
		expect(serviceHours('2025-10-10', settings)).toMatchObject({
			working: true,
			sessions: [{ start: '08:30', end: '12:00' }],
			extendedMinutes: 45
		});
		expect(serviceHours('2025-10-11', settings).working).toBe(true); // make-up Saturday
		expect(
			serviceHours('2025-10-10', settings, [{ date: '2025-10-10', working: false }]).sessions
		).toEqual([{ start: '10:00', end: '15:00' }]);
	});
});

describe('time zones', () => {
	it('gives the same answers whatever the device time zone', () => {
		const saved = process.env.TZ;
		const dates = datesBetween('2025-09-25', '2025-10-15');
		const run = () => dates.map((d) => [dayKind(d), weekday(d), daysAroundHoliday(d)]);
		try {
			process.env.TZ = 'Asia/Shanghai';
			const shanghai = run();
			process.env.TZ = 'America/Los_Angeles';
			expect(run()).toEqual(shanghai);
			process.env.TZ = 'UTC';
			expect(run()).toEqual(shanghai);
		} finally {
			process.env.TZ = saved;
		}
	});

	it('agrees with chinese-days itself on every day it knows', async () => {
		// The package's own functions read dates in the device's zone; at local noon they are
		// right in any zone, which makes them an independent check of how we read its data.
		const { default: chineseDays } = await import('chinese-days');
		for (const d of datesBetween(`${calendarYears.from}-01-01`, `${calendarYears.to}-12-31`)) {
			const [y, m, day] = d.split('-').map(Number);
			const detail = chineseDays.getDayDetail(new Date(y, m - 1, day, 12));
			expect(detail.date).toBe(d);
			expect(dayKind(d).working, d).toBe(detail.work);
		}
	});
});

describe('the calendar a centre keeps', () => {
	// An invented notice for a year the shipped data does not cover.
	const year = calendarYears.to + 1;
	const notice: HolidayNotice = {
		year,
		festivals: [
			{ name: '元旦', from: `${year}-01-01`, to: `${year}-01-03`, makeUpDays: [] },
			{
				name: '劳动节',
				from: `${year}-05-01`,
				to: `${year}-05-05`,
				makeUpDays: [`${year}-04-25`]
			}
		]
	};
	const settings = { dayOverrides: [], holidayNotices: [notice] };

	it('reads an entered notice: its days off, its make-up days, and plain weeks between', () => {
		const calendar = hallCalendar(settings);
		expect(dayKind(`${year}-01-02`, calendar)).toMatchObject({
			working: false,
			reason: 'holiday',
			holiday: '元旦',
			known: true
		});
		expect(dayKind(`${year}-04-25`, calendar)).toMatchObject({
			working: true,
			reason: 'make-up',
			holiday: '劳动节'
		});
		const plain = `${year}-03-10`;
		expect(dayKind(plain, calendar)).toMatchObject({
			known: true,
			reason: weekday(plain) === 0 || weekday(plain) === 6 ? 'weekend' : 'weekday'
		});
		// Without the notice the same year is unknown, and 1 May is a plain day.
		expect(dayKind(`${year}-05-01`).known).toBe(false);
		// 限时办结 counts no day of the festival.
		expect(workingDaysBetween(`${year}-04-30`, `${year}-05-05`, calendar)).toBe(0);
	});

	it('replaces the shipped data of a year with an entered notice, and single days win over both', () => {
		const corrected = hallCalendar({
			dayOverrides: [{ date: '2026-10-02', working: true, note: '值班开放' }],
			holidayNotices: [
				{
					year: 2026,
					festivals: [{ name: '国庆节', from: '2026-10-01', to: '2026-10-03', makeUpDays: [] }]
				}
			]
		});
		// The shipped 2026 has National Day run to 7 October; the entered notice ends on the 3rd.
		expect(dayKind('2026-10-07').reason).toBe('holiday');
		expect(dayKind('2026-10-07', corrected).reason).toBe('weekday');
		expect(dayKind('2026-10-02', corrected)).toMatchObject({ working: true, reason: 'override' });
		expect(dayKind('2026-10-03', corrected)).toMatchObject({
			reason: 'holiday',
			holiday: '国庆节'
		});
	});

	it('closes the hall on a closed day: no sessions at all', () => {
		const calendar = hallCalendar({
			dayOverrides: [{ date: '2026-12-12', working: false, closed: true, note: '停电检修' }]
		});
		expect(dayKind('2026-12-12', calendar)).toMatchObject({ closed: true, working: false });
		expect(serviceHours('2026-12-12', {}, calendar).sessions).toEqual([]);
		expect(serviceHours('2026-12-13', {}, calendar).sessions).toHaveLength(2);
	});

	it('says where each year comes from and asks for next year from November', () => {
		expect(yearCoverage(2026)).toBe('shipped');
		expect(yearCoverage(year)).toBe('missing');
		expect(yearCoverage(year, [notice])).toBe('entered');
		const lastShipped = calendarYears.to;
		expect(noticeWanted(`${lastShipped}-10-31`)).toBeUndefined();
		expect(noticeWanted(`${lastShipped}-11-01`)).toBe(lastShipped + 1);
		expect(noticeWanted(`${lastShipped}-12-04`, [notice])).toBeUndefined();
		// A year that began without one keeps asking.
		expect(noticeWanted(`${year + 1}-03-01`, [notice])).toBe(year + 1);
	});
});
