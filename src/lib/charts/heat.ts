/**
 * Chart.js has no heat map; a horizontal stacked bar of unit segments is one: a row per weekday
 * or category, a segment per hour, each segment coloured by its value. The review's weekday heat
 * map and the decision view's weekend and holiday arrivals both draw it.
 */
import type { ChartConfiguration } from 'chart.js';
import { m } from '$lib/paraglide/messages';
import { baseOptions, type LegendEntry } from './spec';

/** Cell colour from white to the hall's red by share of the largest cell; grey where no data. */
export function heatColour(v: number | null, max: number): string {
	if (v === null) return '#eeeeee';
	const t = max > 0 ? v / max : 0;
	const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
	return `rgb(${mix(255, 179)}, ${mix(245, 38)}, ${mix(240, 30)})`;
}

/** The legend of every heat map: its two ends. */
export const heatLegend = (): LegendEntry[] => [
	{ label: m.review_heat_low(), color: heatColour(0, 1) },
	{ label: m.review_heat_high(), color: heatColour(1, 1) }
];

export interface HeatMap {
	rows: string[];
	hours: number[];
	/** The value of a row at the hour of index `hour`; null where there is no data. */
	value: (row: number, hour: number) => number | null;
	/** The tooltip's value text. */
	text: (v: number | null) => string;
	/** The x tick of segment `i` (the last one may name the hour the day ends). */
	tick: (i: number) => string;
	/** Fonts that read from across a meeting table; the chart's default otherwise. */
	font?: { size: number };
	/** White gaps between segments, in pixels. */
	gap?: number;
}

export function heatMapConfig(h: HeatMap): ChartConfiguration<'bar'> {
	const max = Math.max(0, ...h.rows.flatMap((_, r) => h.hours.map((_, i) => h.value(r, i) ?? 0)));
	const font = h.font && { font: h.font };
	return {
		type: 'bar',
		data: {
			labels: h.rows,
			datasets: h.hours.map((hour, i) => ({
				label: `${hour}:00`,
				data: h.rows.map(() => 1),
				backgroundColor: h.rows.map((_, r) => heatColour(h.value(r, i), max)),
				borderColor: '#ffffff',
				borderWidth: h.gap ?? 1,
				barPercentage: 1,
				categoryPercentage: 1
			}))
		},
		options: {
			...baseOptions,
			indexAxis: 'y',
			plugins: {
				legend: { display: false },
				tooltip: {
					callbacks: {
						label: (ctx) =>
							`${ctx.dataset.label}: ${h.text(h.value(ctx.dataIndex, ctx.datasetIndex))}`
					}
				}
			},
			scales: {
				x: {
					stacked: true,
					min: 0,
					max: Math.max(1, h.hours.length),
					grid: { display: false },
					ticks: { stepSize: 1, ...font, callback: (v) => h.tick(Number(v)) }
				},
				y: { stacked: true, grid: { display: false }, ticks: { ...font, autoSkip: false } }
			}
		}
	};
}
