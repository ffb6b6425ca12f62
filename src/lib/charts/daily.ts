/** Daily volume with its 7-day moving average, as a Chart.js configuration. Pure data → config. */
import type { ChartConfiguration } from 'chart.js';

export interface DailyPoint {
	date: string;
	value: number;
	working: boolean;
}

/** Trailing mean over up to `window` days, so the line starts on the first day. */
export function movingAverage(values: number[], window = 7): number[] {
	const out: number[] = [];
	let sum = 0;
	for (let i = 0; i < values.length; i++) {
		sum += values[i];
		if (i >= window) sum -= values[i - window];
		out.push(sum / Math.min(i + 1, window));
	}
	return out;
}

export function dailyVolumeChart(
	points: DailyPoint[],
	labels: { value: string; average: string }
): ChartConfiguration<'bar' | 'line'> {
	const average = movingAverage(points.map((p) => p.value));
	return {
		type: 'bar',
		data: {
			labels: points.map((p) => p.date.slice(5)),
			datasets: [
				{
					type: 'bar',
					label: labels.value,
					data: points.map((p) => p.value),
					backgroundColor: points.map((p) => (p.working ? '#8fa3bf' : '#b3261e'))
				},
				{
					type: 'line',
					label: labels.average,
					data: average.map((v) => Math.round(v * 10) / 10),
					borderColor: '#1b1b1f',
					borderWidth: 2,
					pointRadius: 0
				}
			]
		},
		options: {
			animation: false,
			responsive: true,
			maintainAspectRatio: false,
			scales: { y: { beginAtZero: true } },
			plugins: { legend: { position: 'bottom' } }
		}
	};
}
