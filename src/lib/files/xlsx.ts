/**
 * XLSX in and out through exceljs, which `newWorkbook` loads on first use. Text cells are
 * guarded against formulas on the way out (formula-guard.ts); numbers stay numbers.
 */
import type { CellValue } from 'exceljs';
import { exportCell, readCsv, type Cell } from './csv';
import { restoreCell } from './formula-guard';
import { newWorkbook } from './workbook';

/** A cell as read from a sheet: text, a number, or a date Excel stored as one. */
export type RawCell = string | number | Date;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const isXlsx = (name: string) => /\.xlsx$/i.test(name);

function rawCell(value: CellValue): RawCell {
	if (value === null || value === undefined) return '';
	if (value instanceof Date || typeof value === 'number' || typeof value === 'string') return value;
	if (typeof value === 'boolean') return String(value);
	if ('richText' in value) return value.richText.map((t) => t.text).join('');
	if ('result' in value)
		return value.result === undefined ? '' : rawCell(value.result as CellValue);
	if ('text' in value) return String(value.text);
	// An error Excel shows (#N/A, #REF!) is read as that text, so a check can name it.
	if ('error' in value) return String(value.error);
	return '';
}

/** The first sheet as rows; empty rows stay, so row numbers match what Excel shows. */
export async function readXlsx(data: ArrayBuffer): Promise<RawCell[][]> {
	const book = await newWorkbook();
	await book.xlsx.load(data);
	const sheet = book.worksheets[0];
	if (!sheet) return [];
	const table: RawCell[][] = [];
	for (let r = 1; r <= sheet.rowCount; r++) {
		const row = sheet.getRow(r);
		table.push(Array.from({ length: row.cellCount }, (_, c) => rawCell(row.getCell(c + 1).value)));
	}
	return table;
}

/** Rows go into the sheet this many at a time, with a pause for a progress bar to paint. */
const ROWS_PER_STEP = 200;

export interface XlsxOptions {
	/**
	 * Every column formatted as text and the header frozen: for files people edit and import
	 * again, so phone numbers and codes like 0571… keep their zeros. Otherwise columns are sized
	 * to their headers, for reading.
	 */
	textColumns?: boolean;
	/** Hears how many rows are in the sheet so far. */
	progress?: (done: number, total: number) => void;
}

/** One sheet whose first row is a bold header. */
export async function writeXlsx(
	sheetName: string,
	rows: readonly (readonly Cell[])[],
	{ textColumns = false, progress }: XlsxOptions = {}
): Promise<Blob> {
	const book = await newWorkbook();
	// Sheet names are limited to 31 characters and may not contain []:*?/\
	const sheet = book.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1');
	for (let i = 0; i < rows.length; i += ROWS_PER_STEP) {
		sheet.addRows(rows.slice(i, i + ROWS_PER_STEP).map((row) => row.map(exportCell)));
		progress?.(Math.min(i + ROWS_PER_STEP, rows.length), rows.length);
		if (progress) await new Promise((resolve) => setTimeout(resolve, 0));
	}
	const header = rows[0] ?? [];
	sheet.columns.forEach((column, i) => {
		if (textColumns) {
			column.numFmt = '@';
			column.width = 16;
		} else column.width = Math.max(10, Math.min(40, String(header[i] ?? '').length * 2 + 2));
	});
	sheet.getRow(1).font = { bold: true };
	if (textColumns) sheet.views = [{ state: 'frozen', ySplit: 1 }];
	return new Blob([await book.xlsx.writeBuffer()], { type: XLSX_TYPE });
}

export type TableRead = { ok: true; table: RawCell[][] } | { ok: false; row: number };

/** A chosen file as rows: XLSX by its name, anything else as CSV in UTF-8 or GBK. */
export async function readTable(file: File): Promise<TableRead> {
	const bytes = await file.arrayBuffer();
	if (isXlsx(file.name)) return { ok: true, table: await readXlsx(bytes) };
	return readCsv(new Uint8Array(bytes));
}

/**
 * A read cell as plain text: a date as `YYYY-MM-DD`, and text our own export guarded against
 * formulas as it was typed.
 */
export function textCell(cell: RawCell): string {
	if (cell instanceof Date) return cell.toISOString().slice(0, 10);
	return typeof cell === 'string' ? restoreCell(cell) : String(cell);
}
