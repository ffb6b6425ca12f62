import { describe, expect, it } from 'vitest';
import { datesBetween } from '$lib/domain/calendar';
import { noFilter } from '$lib/domain/review-figures';
import { comparePeriods, offDayArrivals, periodOf, yearWeeks } from '$lib/domain/review-periods';
import { reviewDay, reviewDays } from '$lib/domain/testing/review-days';
import { changeText, offDayHeat, periodChart, periodLabel, yearChart } from './decision-charts';

describe('decision charts', () => {
	const days = datesBetween('2025-07-01', '2025-09-30').map((d) => reviewDay(d, 2));

	it('names periods with their year and writes 无数据 instead of 0', () => {
		expect(periodLabel(periodOf('quarter', '2025-08-01'), 'zh')).toBe('2025年第3季度');
		expect(periodLabel(periodOf('month', '2025-08-01'), 'zh')).toBe('2025年8月');
		expect(periodLabel(periodOf('saturday', '2025-08-02'), 'zh')).toMatch(/^2025年8月2日/);
		expect(changeText({ absolute: 12, ratio: 0.085 }, 'zh')).toBe('+12 件（+8.5%）');
		expect(changeText({ absolute: null, ratio: null }, 'zh')).toBe('无数据');
		const spec = periodChart(
			comparePeriods(days, periodOf('quarter', '2025-08-01'), noFilter),
			'zh'
		);
		// Last year has no roll-up at all: its bars are gaps and its cells say so.
		expect(spec.config.data.datasets[2].data.every((v) => v === null)).toBe(true);
		expect(spec.table.rows.every((r) => r[3] === '无数据')).toBe(true);
		expect(spec.summary).toContain('无数据');
		expect(spec.legend!.map((l) => l.pattern)).toEqual(['solid', 'diagonal', 'cross']);
	});

	it('draws twelve months of weeks by kind of day with labelled patterns and lines', () => {
		const { weeks, mean } = yearWeeks(days, '2025-09-30', noFilter);
		const spec = yearChart(weeks, mean, 100, 'zh');
		expect(spec.config.data.datasets).toHaveLength(5);
		expect(spec.legend!.map((l) => l.pattern)).toEqual([
			'solid',
			'diagonal',
			'cross',
			'line',
			'dashed'
		]);
		expect(spec.legend!.every((l) => l.label.length > 1)).toBe(true);
		expect(spec.table.rows[0][0]).toMatch(/^2024-/);
		expect(spec.table.rows[0][4]).toBe('无数据');
		expect(yearChart(weeks, mean, null, 'zh').config.data.datasets).toHaveLength(4);
	});

	it('writes weekend and holiday arrivals per cell, or says there is no day', () => {
		const grid = offDayArrivals(reviewDays, '2025-09-01', '2025-10-31', 'weekend', noFilter);
		const spec = offDayHeat(grid, 'weekend', 'zh');
		expect(spec.table.rows).toEqual([
			['不动产登记', '3', '0'],
			['税务', '2', '1']
		]);
		expect(spec.summary).toMatch(/不动产登记 9:00/);
		const none = offDayHeat(
			offDayArrivals([], '2025-11-01', '2025-11-30', 'holiday', noFilter),
			'holiday',
			'zh'
		);
		expect(none.summary).toContain('无数据');
	});
});
