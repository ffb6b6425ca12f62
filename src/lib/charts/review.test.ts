import { describe, expect, it } from 'vitest';
import { channels } from '$lib/schemas';
import { noFilter } from '$lib/domain/review-figures';
import { reviewDays } from '$lib/domain/testing/review-days';
import { reviewCharts, type ReviewInput } from './review-charts';

const days = reviewDays;

const input = (over: Partial<ReviewInput> = {}): ReviewInput => ({
	from: '2025-09-27',
	to: '2025-10-11',
	filter: noFilter,
	days,
	windowCodes: { 'win-C01': 'C01' },
	appointments: [
		{ date: '2025-10-10', departmentId: 'd', status: 'done' },
		{ date: '2025-10-10', departmentId: 'd', status: 'no-show' }
	],
	plans: [{ date: '2025-10-11', extendedSessions: [{ start: '17:00', end: '17:40', served: 3 }] }],
	compliance: [{ date: '2025-10-11', errors: 0, warnings: 1 }],
	forecast: [{ date: '2025-10-10', kind: 'working', forecast: 9, actual: 10, error: -1 }],
	weekOf: '2025-10-11',
	lang: 'zh',
	...over
});

describe('review charts', () => {
	it('builds every chart with a table and a summary under any filter, even with no data', () => {
		for (const filter of [
			noFilter,
			...channels.map((ch) => ({ ...noFilter, channels: [ch] })),
			{ ...noFilter, categories: [] }
		]) {
			for (const specs of [
				reviewCharts(input({ filter })),
				reviewCharts(input({ filter, days: [] }))
			]) {
				expect(specs).toHaveLength(12);
				for (const s of specs) {
					expect(s.summary.length).toBeGreaterThan(5);
					expect(s.table.columns.length).toBeGreaterThan(0);
					for (const row of s.table.rows) expect(row).toHaveLength(s.table.columns.length);
				}
			}
		}
	});

	it('colours the daily bars by kind of day', () => {
		const daily = reviewCharts(input())[0];
		const colours = daily.config.data.datasets[0].backgroundColor as string[];
		expect(new Set(colours).size).toBe(4);
		expect(daily.summary).toMatch(/15 天共受理/);
	});
});
