/**
 * What every chart of the review carries besides its Chart.js configuration: the same numbers as
 * a table (for the table view, CSV and XLSX) and a sentence for screen readers and the report.
 */
import type { ChartConfiguration } from 'chart.js';
import type { Cell } from '$lib/files';

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
	legend?: { label: string; color: string }[];
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
