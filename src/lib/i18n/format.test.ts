import { describe, expect, it } from 'vitest';
import { formatDate, formatMonth, formatNumber, maskPhone } from './format';

describe('formatting', () => {
	it('formats for each language', () => {
		expect(formatDate('2026-11-28', 'zh')).toBe('2026年11月28日星期六');
		expect(formatDate('2026-11-28', 'en')).toContain('Saturday');
		expect(formatNumber(12345, 'zh')).toBe('12,345');
		expect(formatMonth('2026-05', 'zh')).toBe('2026年5月');
		expect(formatMonth('2026-05', 'en')).toBe('May 2026');
	});

	it('masks phones', () => {
		expect(maskPhone('13812341234')).toBe('138****1234');
	});
});
