import { describe, expect, it } from 'vitest';
import { byChannel, dailyFigures, hourHeat, noFilter, weekComparison } from './review-figures';
import { arrivalHistory } from './volume';
import { reviewDays } from './testing/review-days';

const days = reviewDays;

describe('review figures from roll-ups', () => {
	it('marks holidays and make-up days and fills gaps with zeros', () => {
		const daily = dailyFigures(days, '2025-09-27', '2025-10-02', noFilter);
		expect(daily.map((d) => d.kind)).toEqual([
			'weekend',
			'make-up',
			'working',
			'working',
			'holiday',
			'holiday'
		]);
		expect(daily[4].holiday).toBe('国庆节');
		expect(daily[2].accepted).toBe(0);
		expect(daily[0].accepted).toBe(1 + 2 + 2);
	});

	it('filters by category and channel', () => {
		const tax = { ...noFilter, categories: ['税务'], channels: ['online' as const] };
		expect(dailyFigures(days, '2025-09-27', '2025-09-27', tax)[0].accepted).toBe(2);
		expect(byChannel(days, tax).map((r) => r.channel)).toEqual(['online']);
		expect(hourHeat(days, tax).cells).toHaveLength(7);
	});

	it('compares a week with the one before and a year before, Monday first', () => {
		const w = weekComparison(days, '2025-10-11', noFilter);
		expect(w.dates[0]).toBe('2025-10-06');
		expect(w.thisWeek[4]).toBe(4 + 8 + 5);
		expect(w.thisWeek[6]).toBeNull();
	});

	it('gives forecast history as window arrivals per hour', () => {
		const rows = arrivalHistory([days[0]]);
		expect(rows).toContainEqual({ date: '2025-09-27', hour: 9, category: '税务', arrivals: 2 });
	});
});
