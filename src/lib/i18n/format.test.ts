import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber, hallDate, hallInstant, hallMinutes, maskPhone } from './format';

describe('hall time', () => {
	it('uses the hall date whatever the device zone', () => {
		// 17:30 UTC on the 27th is already 01:30 on the 28th in the hall.
		const at = new Date('2026-11-27T17:30:00Z');
		expect(hallDate(at)).toBe('2026-11-28');
		expect(hallMinutes(at)).toBe(90);
		expect(hallInstant(at)).toBe('2026-11-28T01:30:00+08:00');
	});

	it('formats for each language', () => {
		expect(formatDate('2026-11-28', 'zh')).toBe('2026年11月28日星期六');
		expect(formatDate('2026-11-28', 'en')).toContain('Saturday');
		expect(formatNumber(12345, 'zh')).toBe('12,345');
	});

	it('masks phones', () => {
		expect(maskPhone('13812341234')).toBe('138****1234');
	});
});
