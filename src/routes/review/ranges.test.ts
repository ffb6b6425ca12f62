import { describe, expect, it } from 'vitest';
import { pastHolidays, presetRange } from './ranges';

describe('review range presets', () => {
	const today = '2026-05-14'; // a Thursday
	it('covers this week from Monday, last month and this quarter', () => {
		expect(presetRange('this-week', today)).toEqual({ from: '2026-05-11', to: today });
		expect(presetRange('last-month', today)).toEqual({ from: '2026-04-01', to: '2026-04-30' });
		expect(presetRange('last-month', '2026-01-05')).toEqual({
			from: '2025-12-01',
			to: '2025-12-31'
		});
		expect(presetRange('this-quarter', today)).toEqual({ from: '2026-04-01', to: today });
	});
	it('starts at the plan when it has one', () => {
		expect(presetRange('since-plan', today, '2025-06-01')).toEqual({
			from: '2025-06-01',
			to: today
		});
		expect(presetRange('since-plan', today).from).toBe('2025-05-14');
	});
	it('lists the holidays that have begun, latest first', () => {
		const runs = pastHolidays(today);
		expect(runs[0].names).toContain('劳动节');
		expect(runs.every((r) => r.from <= today)).toBe(true);
	});
});
