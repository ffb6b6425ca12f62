import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber, maskPhone } from './format';

describe('formatting', () => {
	it('formats for each language', () => {
		expect(formatDate('2026-11-28', 'zh')).toBe('2026年11月28日星期六');
		expect(formatDate('2026-11-28', 'en')).toContain('Saturday');
		expect(formatNumber(12345, 'zh')).toBe('12,345');
	});

	it('masks phones', () => {
		expect(maskPhone('13812341234')).toBe('138****1234');
	});
});
