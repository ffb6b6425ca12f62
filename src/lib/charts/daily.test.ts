import { describe, expect, it } from 'vitest';
import { dailyVolumeChart, movingAverage } from './daily';

describe('daily volume chart', () => {
	it('averages over the trailing week', () => {
		expect(movingAverage([7, 7, 7, 7, 7, 7, 7, 14])).toEqual([7, 7, 7, 7, 7, 7, 7, 8]);
		expect(movingAverage([2, 4])).toEqual([2, 3]);
	});

	it('marks non-working days in their own colour', () => {
		const config = dailyVolumeChart(
			[
				{ date: '2026-11-27', value: 120, working: true },
				{ date: '2026-11-28', value: 40, working: false }
			],
			{ value: 'v', average: 'a' }
		);
		const bars = config.data.datasets[0];
		expect(bars.data).toEqual([120, 40]);
		expect(bars.backgroundColor).toEqual(['#8fa3bf', '#b3261e']);
		expect(config.data.labels).toEqual(['11-27', '11-28']);
	});
});
