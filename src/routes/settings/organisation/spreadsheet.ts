/**
 * Files in and out of the organisation screen: CSV through the pure reader in the domain, XLSX
 * through exceljs, which $lib/spreadsheet/workbook loads on first use (and the service worker then
 * keeps for offline use).
 */
import type { CellValue } from 'exceljs';
import { newWorkbook } from '$lib/spreadsheet/workbook';
import { neutraliseCell, restoreCell } from '$lib/domain/formula-guard';
import { decodeText, parseCsv, toCsv, type Table } from '$lib/domain/organisation-import';

export type ReadResult = { ok: true; table: Table } | { ok: false; row: number };

export const isXlsx = (name: string) => /\.xlsx$/i.test(name);

/** A file as rows of text; text our own export guarded against formulas comes back as it was. */
export async function readFile(file: File): Promise<ReadResult> {
	const bytes = await file.arrayBuffer();
	const read = isXlsx(file.name)
		? ({ ok: true, table: await readXlsx(bytes) } as const)
		: parseCsv(decodeText(new Uint8Array(bytes)));
	return read.ok ? { ok: true, table: read.table.map((row) => row.map(restoreCell)) } : read;
}

function cellText(value: CellValue): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if (typeof value === 'object') {
		if ('richText' in value) return value.richText.map((t) => t.text).join('');
		if ('result' in value)
			return value.result === undefined ? '' : cellText(value.result as CellValue);
		if ('text' in value) return String(value.text);
		return '';
	}
	return String(value);
}

/** The first sheet as rows of text; empty rows stay, so row numbers match what Excel shows. */
export async function readXlsx(data: ArrayBuffer): Promise<Table> {
	const book = await newWorkbook();
	await book.xlsx.load(data);
	const sheet = book.worksheets[0];
	if (!sheet) return [];
	const table: Table = [];
	for (let r = 1; r <= sheet.rowCount; r++) {
		const row = sheet.getRow(r);
		table.push(Array.from({ length: row.cellCount }, (_, c) => cellText(row.getCell(c + 1).value)));
	}
	return table;
}

/** Rows go into the sheet this many at a time, with a pause for the progress bar to paint. */
const ROWS_PER_STEP = 200;

/**
 * One sheet; every cell is text, so phone numbers and codes like 0571… keep their zeros.
 * `progress` hears how many rows are in the sheet so far.
 */
export async function writeXlsx(
	sheetName: string,
	table: Table,
	progress?: (done: number, total: number) => void
): Promise<Blob> {
	const book = await newWorkbook();
	const sheet = book.addWorksheet(sheetName);
	for (let i = 0; i < table.length; i += ROWS_PER_STEP) {
		sheet.addRows(table.slice(i, i + ROWS_PER_STEP).map((row) => row.map(neutraliseCell)));
		progress?.(Math.min(i + ROWS_PER_STEP, table.length), table.length);
		await new Promise((resolve) => setTimeout(resolve, 0));
	}
	sheet.columns.forEach((column) => {
		column.numFmt = '@';
		column.width = 16;
	});
	sheet.getRow(1).font = { bold: true };
	sheet.views = [{ state: 'frozen', ySplit: 1 }];
	const buffer = await book.xlsx.writeBuffer();
	return new Blob([buffer], {
		type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
	});
}

export const csvBlob = (table: Table) =>
	new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' });

export function download(blob: Blob, filename: string) {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
