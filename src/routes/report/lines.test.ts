import { describe, expect, it } from 'vitest';
import type { ReportLine } from '$lib/schemas';
import { figures, reportSheet, shown } from './lines';

const line: ReportLine = {
	daysOpen: 9,
	windowDays: 145,
	staffDays: 227,
	received: 12515,
	consulted: 4966,
	casesAccepted: 115,
	casesCompleted: 98,
	casesPastDeadline: 18,
	appointments: 1312,
	noShows: 167,
	noShowRate: 0.12734,
	extendedSessions: 6,
	extendedMinutes: 146,
	extendedServed: 18,
	completed: 0,
	oneVisit: 0,
	oneVisitRate: null,
	findings: 1,
	corrected: 1
};

describe('the report lines', () => {
	it('list every figure of a line once', () => {
		expect(figures.map((f) => f.key).sort()).toEqual(Object.keys(line).sort());
	});

	it('show counts in zh-CN and shares in per cent, — where there is none', () => {
		const of = (key: keyof ReportLine) =>
			shown(
				line,
				figures.find((f) => f.key === key)!,
				'zh'
			);
		expect(of('received')).toBe('12,515');
		expect(of('noShowRate')).toBe('12.7%');
		expect(of('oneVisitRate')).toBe('—');
	});

	it('make a sheet with the centre and each department in columns', () => {
		const sheet = reportSheet({
			month: '2026-11',
			centre: line,
			departments: [{ departmentId: 'tax', name: '税务局', ...line, received: 325 }]
		});
		expect(sheet[0]).toEqual(['指标', '全中心', '税务局']);
		expect(sheet).toHaveLength(figures.length + 1);
		expect(sheet.find((r) => r[0] === '接待人次')).toEqual(['接待人次', 12515, 325]);
		expect(sheet.find((r) => r[0] === '爽约率 (%)')).toEqual(['爽约率 (%)', 12.7, 12.7]);
		expect(sheet.find((r) => r[0] === '一次办成率 (%)')).toEqual(['一次办成率 (%)', '', '']);
	});
});
