/**
 * What every chart of the review carries besides its Chart.js configuration: the same numbers as
 * a table (for the table view, CSV and XLSX) and a sentence for screen readers and the report.
 */
import type { ChartConfiguration } from 'chart.js';
import { neutraliseCell } from '$lib/domain/formula-guard';

export type Cell = string | number | null;

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

/** A cell as the export writes it: numbers as they are, text guarded against formulas. */
export const exportCell = (v: Cell): string | number =>
	v === null ? '' : typeof v === 'number' ? v : neutraliseCell(v);

const csvCell = (v: Cell) => {
	const s = String(exportCell(v));
	return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** RFC 4180 CSV with CRLF line ends and a BOM, so Excel opens Chinese text correctly. */
export function toCsv(table: TableData): string {
	const lines = [table.columns, ...table.rows].map((r) => r.map(csvCell).join(','));
	return '\ufeff' + lines.join('\r\n') + '\r\n';
}

/** Base options every chart shares: no animation (print and screenshots), legend below. */
export const baseOptions = {
	animation: false as const,
	responsive: true,
	maintainAspectRatio: false,
	plugins: { legend: { position: 'bottom' as const } }
};
