import { describe, expect, it } from 'vitest';
import { addDays, datesBetween } from './calendar';
import { noFilter } from './review-figures';
import {
	change,
	comparePeriods,
	endedPeriods,
	forecastAccuracy,
	forecastCheck,
	forecastErrors,
	offDayArrivals,
	periodOf,
	previousPeriod,
	sameLastYear,
	yearWeeks
} from './review-periods';
import { reviewDay, reviewDays } from './testing/review-days';

describe('review periods', () => {
	it('finds the month, quarter and Saturday of a date', () => {
		expect(periodOf('month', '2024-02-10')).toEqual({
			kind: 'month',
			from: '2024-02-01',
			to: '2024-02-29'
		});
		expect(periodOf('quarter', '2025-12-31')).toEqual({
			kind: 'quarter',
			from: '2025-10-01',
			to: '2025-12-31'
		});
		// 2025-10-15 is a Wednesday: the Saturday before is 10-11.
		expect(periodOf('saturday', '2025-10-15').from).toBe('2025-10-11');
		expect(periodOf('saturday', '2025-10-11').from).toBe('2025-10-11');
	});

	it('steps back a period and a year, a Saturday staying a Saturday', () => {
		expect(previousPeriod(periodOf('quarter', '2026-02-01')).from).toBe('2025-10-01');
		expect(previousPeriod(periodOf('month', '2026-03-05'))).toMatchObject({
			from: '2026-02-01',
			to: '2026-02-28'
		});
		expect(sameLastYear(periodOf('month', '2025-02-03')).to).toBe('2024-02-29');
		const sat = sameLastYear(periodOf('saturday', '2025-10-11'));
		expect(sat.from).toBe('2024-10-12');
		expect(new Date(`${sat.from}T12:00:00Z`).getUTCDay()).toBe(6);
		expect(previousPeriod(periodOf('saturday', '2025-10-11')).from).toBe('2025-10-04');
	});

	it('lists ended periods only, latest first', () => {
		const q = endedPeriods('quarter', '2025-12-31', 3);
		expect(q.map((p) => p.from)).toEqual(['2025-07-01', '2025-04-01', '2025-01-01']);
		expect(endedPeriods('quarter', '2026-01-01', 1)[0].from).toBe('2025-10-01');
		expect(endedPeriods('saturday', '2025-10-11', 1)[0].from).toBe('2025-10-04');
		expect(endedPeriods('saturday', '2025-10-12', 1)[0].from).toBe('2025-10-11');
	});

	it('gives the change in absolute and per cent, and none without data', () => {
		expect(change(120, 100)).toEqual({ absolute: 20, ratio: 0.2 });
		expect(change(5, 0)).toEqual({ absolute: 5, ratio: null });
		expect(change(5, null)).toEqual({ absolute: null, ratio: null });
		expect(change(null, 5)).toEqual({ absolute: null, ratio: null });
	});

	it('compares a month with the one before and a year before, with no data as null', () => {
		// September and October 2025 recorded every day; 2024 not at all.
		const days = datesBetween('2025-09-01', '2025-10-31').map((d) =>
			reviewDay(d, d < '2025-10-01' ? 1 : 2)
		);
		const c = comparePeriods(days, periodOf('month', '2025-10-05'), noFilter);
		// A day of n carries n + 2n + (n + 1) accepted: 4n + 1.
		expect(c.current.total).toBe(31 * 9);
		expect(c.previous.total).toBe(30 * 5);
		expect(c.vsPrevious.absolute).toBe(31 * 9 - 30 * 5);
		expect(c.vsPrevious.ratio).toBeCloseTo((279 - 150) / 150);
		expect(c.perDayVsPrevious.ratio).toBeCloseTo(9 / 5 - 1);
		expect(c.lastYear).toMatchObject({ recorded: 0, total: null, perDay: null, days: 31 });
		expect(c.vsLastYear).toEqual({ absolute: null, ratio: null });
		expect(c.current.byCategory).toEqual({ 税务: 31 * 6, 不动产登记: 31 * 3 });
		// National Day: 10-01..08 holidays plus the October weekends not made up.
		expect(c.current.nonWorkingPerDay).toBe(9);
		const tax = comparePeriods(days, periodOf('month', '2025-10-05'), {
			...noFilter,
			categories: ['税务'],
			channels: ['online']
		});
		expect(tax.current.total).toBe(31 * 4);
		expect(tax.current.byCategory).toEqual({ 税务: 31 * 4 });
	});

	it('counts a recorded day of nothing as zero and an unrecorded one as missing', () => {
		const quiet = { ...reviewDay('2025-10-04', 0), cells: {}, hours: {} };
		const c = comparePeriods([quiet], periodOf('saturday', '2025-10-04'), noFilter);
		expect(c.current.total).toBe(0);
		expect(c.previous.total).toBeNull();
	});

	it('splits twelve months into weeks by kind of day, with holidays named once', () => {
		const end = '2025-10-12';
		const days = datesBetween('2025-09-01', end).map((d) => reviewDay(d, 1));
		const { weeks, mean } = yearWeeks(days, end, noFilter);
		expect(weeks[0].week).toBe('2024-10-07');
		expect(weeks.at(-1)!.week).toBe('2025-10-06');
		expect(weeks[0]).toMatchObject({ total: null, recorded: 0 });
		expect(weeks[0].parts).toEqual({ working: null, weekend: null, holiday: null });
		const national = weeks.find((w) => w.week === '2025-09-29')!;
		// 09-29, 09-30 working; 10-01..05 holiday; each day accepts 5.
		expect(national.parts).toEqual({ working: 10, weekend: null, holiday: 25 });
		expect(national.holidays).toEqual(['国庆节', '中秋']);
		expect(weeks.find((w) => w.week === '2025-10-06')!.holidays).toEqual([]);
		// 10-06..08 holiday, 10-09, 10-10 and the make-up Saturday 10-11 working, 10-12 weekend.
		expect(weeks.at(-1)!.parts).toEqual({ working: 15, weekend: 5, holiday: 15 });
		const recorded = weeks.filter((w) => w.total !== null);
		expect(recorded.length).toBe(6);
		expect(mean).toBeCloseTo(recorded.reduce((a, w) => a + w.total!, 0) / 6);
	});

	it('gives weekend and holiday arrivals per category and hour as a mean per day', () => {
		const weekend = offDayArrivals(reviewDays, '2025-09-01', '2025-10-31', 'weekend', noFilter);
		// Only 09-27 is an ordinary weekend day (09-28 and 10-11 are make-up days), with n = 1.
		expect(weekend.days).toBe(1);
		expect(weekend.hours).toEqual([9, 10]);
		expect(weekend.categories).toEqual(['不动产登记', '税务']);
		// Arrivals = accepted + consulted + refused.
		expect(weekend.cells).toEqual([
			[3, 0],
			[2, 1]
		]);
		const holiday = offDayArrivals(reviewDays, '2025-09-01', '2025-10-31', 'holiday', noFilter);
		expect(holiday.days).toBe(1);
		const none = offDayArrivals(reviewDays, '2025-11-01', '2025-11-30', 'holiday', noFilter);
		expect(none).toEqual({ categories: [], hours: [], cells: [], days: 0 });
		const online = offDayArrivals(reviewDays, '2025-09-01', '2025-10-31', 'weekend', {
			...noFilter,
			channels: ['online']
		});
		expect(online.categories).toEqual([]);
	});

	it('checks the forecast on past days from the history before each day only', () => {
		const days = datesBetween('2025-06-01', '2025-09-30').map((d, i) => reviewDay(d, 3 + (i % 2)));
		const check = forecastCheck(days, '2025-09-01', '2025-09-30');
		// 09-30 is the first day before a holiday run in the history: nothing to compare it with.
		expect(check.map((d) => d.date)).toEqual(
			datesBetween('2025-09-01', '2025-09-30').filter((d) => d !== '2025-09-30')
		);
		const later = forecastCheck(
			[...days, ...datesBetween('2025-10-01', '2025-10-31').map((d) => reviewDay(d, 50))],
			'2025-09-01',
			'2025-09-30'
		);
		// Days after the checked ones change nothing: no forecast looks ahead.
		expect(later).toEqual(check);
		const rows = forecastErrors(check, ['税务']);
		expect(rows[0].actual).toBe(check[0].byCategory['税务'][1]);
		expect(rows.every((r) => r.error === r.forecast - r.actual)).toBe(true);
		const acc = forecastAccuracy(rows);
		expect(acc.days).toBe(29);
		expect(acc.working.days + acc.nonWorking.days).toBe(29);
		expect(acc.mape).not.toBeNull();
	});

	it('measures the error by kind of day and the lean', () => {
		const rows = [
			{ date: '2025-10-10', kind: 'working' as const, forecast: 110, actual: 100, error: 10 },
			{ date: '2025-10-12', kind: 'weekend' as const, forecast: 30, actual: 40, error: -10 },
			{ date: '2025-10-13', kind: 'working' as const, forecast: 5, actual: 0, error: 5 }
		];
		const acc = forecastAccuracy(rows);
		expect(acc.mape).toBeCloseTo((0.1 + 0.25) / 2);
		expect(acc.bias).toBeCloseTo(5 / 3);
		expect(acc.working).toEqual({ days: 2, mape: 0.1 });
		expect(acc.nonWorking).toEqual({ days: 1, mape: 0.25 });
		expect(forecastAccuracy([])).toMatchObject({ days: 0, mape: null, bias: null });
		expect(addDays('2025-10-13', 0)).toBe('2025-10-13');
	});
});
