/**
 * Downloads of what the review shows: a chart as PNG, a table as CSV or XLSX. The XLSX writer
 * (exceljs) is loaded on first use only, through $lib/spreadsheet/workbook.
 */
import { newWorkbook } from '$lib/spreadsheet/workbook';
import { exportCell, toCsv, type TableData } from './spec';

function save(blob: Blob, filename: string) {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadPng(canvas: HTMLCanvasElement, name: string) {
	canvas.toBlob((blob) => {
		if (blob) save(blob, `${name}.png`);
	}, 'image/png');
}

export function downloadCsv(table: TableData, name: string) {
	save(new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }), `${name}.csv`);
}

/** The workbook as bytes: one sheet, a bold header row, numbers kept as numbers. */
export async function xlsxBytes(table: TableData, sheet: string): Promise<ArrayBuffer> {
	const book = await newWorkbook();
	// Sheet names are limited to 31 characters and may not contain []:*?/\
	const ws = book.addWorksheet(sheet.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1');
	ws.addRow(table.columns.map(exportCell)).font = { bold: true };
	for (const row of table.rows) ws.addRow(row.map(exportCell));
	ws.columns.forEach((col, i) => {
		col.width = Math.max(10, Math.min(40, (table.columns[i]?.length ?? 8) * 2 + 2));
	});
	return book.xlsx.writeBuffer() as Promise<ArrayBuffer>;
}

export async function downloadXlsx(table: TableData, name: string) {
	const bytes = await xlsxBytes(table, name);
	save(
		new Blob([bytes], {
			type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		}),
		`${name}.xlsx`
	);
}
