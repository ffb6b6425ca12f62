import { describe, expect, it } from 'vitest';
import { HALL_TIME_ZONE, hallDate, hallInstant, hallMinutes } from './hall-clock';

describe('hall clock', () => {
	it('converts between wall-clock times in Beijing and instants', () => {
		expect(new Date(hallInstant('2025-10-01', '09:00')).toISOString()).toBe(
			'2025-10-01T01:00:00.000Z'
		);
		expect(hallDate('2025-09-30T17:30:00Z')).toBe('2025-10-01');
		expect(hallDate('2025-10-01T07:59:00+08:00')).toBe('2025-10-01');
		expect(hallDate('2025-10-01')).toBe('2025-10-01');
	});

	it('reads Dates and epoch milliseconds as the hall does, late in the evening UTC', () => {
		const at = new Date('2026-11-27T17:30:00Z');
		expect(hallDate(at)).toBe('2026-11-28');
		expect(hallDate(+at)).toBe('2026-11-28');
		expect(hallInstant(at)).toBe('2026-11-28T01:30:00+08:00');
		expect(Date.parse(hallInstant(at))).toBe(+at);
		expect(hallMinutes(at)).toBe(90);
		expect(hallMinutes(new Date('1969-12-31T15:59:00Z'))).toBe(23 * 60 + 59);
	});

	it('agrees with Intl in the hall time zone whatever the device zone', () => {
		const saved = process.env.TZ;
		const intl = new Intl.DateTimeFormat('en-CA', { timeZone: HALL_TIME_ZONE });
		try {
			for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Shanghai']) {
				process.env.TZ = tz;
				for (let h = 0; h < 48; h += 5) {
					const at = Date.UTC(2026, 0, 31, h, 59);
					expect(hallDate(at)).toBe(intl.format(at));
				}
			}
		} finally {
			process.env.TZ = saved;
		}
	});

	it('refuses what is not an instant', () => {
		expect(() => hallDate('yesterday')).toThrow();
	});
});
