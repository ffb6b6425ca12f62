/**
 * What every chart of the review carries besides its Chart.js configuration: the same numbers as
 * a table (for the table view, CSV and XLSX) and a sentence for screen readers and the report.
 */
import type { ChartConfiguration } from 'chart.js';
import type { Cell } from '$lib/files';
import type { Pattern } from './plugins';

export interface TableData {
	columns: string[];
	rows: Cell[][];
}

export interface ChartSpec {
	id: string;
	title: string;
	summary: string;
	config: ChartConfiguration;
	table: TableData;
	/** Extra legend entries the chart cannot show itself (day kinds, heat scale). */
	legend?: LegendEntry[];
}

/** A legend entry: a colour, and a pattern or line style so that colour is never the only cue. */
export interface LegendEntry {
	label: string;
	color: string;
	pattern?: Pattern | 'line' | 'dashed';
}

/** CSS background of a legend swatch, drawn like the bars or lines it stands for. */
export function swatch(entry: LegendEntry): string {
	const ink = 'rgba(27, 27, 31, 0.6)';
	switch (entry.pattern) {
		case 'diagonal':
			return `repeating-linear-gradient(45deg, ${ink} 0 2px, transparent 2px 6px), ${entry.color}`;
		case 'cross':
			return `repeating-linear-gradient(45deg, ${ink} 0 2px, transparent 2px 6px), repeating-linear-gradient(-45deg, ${ink} 0 2px, transparent 2px 6px), ${entry.color}`;
		case 'line':
			return `linear-gradient(transparent 40%, ${entry.color} 40% 60%, transparent 60%)`;
		case 'dashed':
			return `repeating-linear-gradient(90deg, ${entry.color} 0 5px, transparent 5px 8px) center / 100% 20% no-repeat`;
		default:
			return entry.color;
	}
}

/** Colours shared by every chart: one per day kind, one per series role. */
export const colours = {
	working: '#8fa3bf',
	makeUp: '#3f5a8a',
	weekend: '#b3261e',
	holiday: '#e8a33d',
	line: '#1b1b1f',
	series: ['#b3261e', '#3f5a8a', '#e8a33d', '#2e7d4f', '#7b4fa0', '#5f6b7a', '#c2185b'],
	grey: '#9aa0a6'
} as const;

/** Base options every chart shares: no animation (print and screenshots), legend below. */
export const baseOptions = {
	animation: false as const,
	responsive: true,
	maintainAspectRatio: false,
	plugins: { legend: { position: 'bottom' as const } }
};
