/**
 * XLSX in and out through read-excel-file and write-excel-file, which `spreadsheetModules` loads
 * on first use. Text cells are guarded against formulas on the way out (formula-guard.ts);
 * numbers stay numbers.
 */
import type { ImportError, Table } from '$lib/domain/organisation-import';
import { exportCell, readCsv, type Cell } from './csv';
import { restoreCell } from './formula-guard';
import { spreadsheetModules } from './workbook';

/** A cell as read from a sheet: text, a number, or a date Excel stored as one. */
export type RawCell = string | number | Date;

export const isXlsx = (name: string) => /\.xlsx$/i.test(name);

const rawCell = (value: unknown): RawCell =>
	value instanceof Date || typeof value === 'number' || typeof value === 'string'
		? value
		: value === null || value === undefined
			? ''
			: String(value);

/**
 * The first sheet as rows; empty rows stay, so row numbers match what Excel shows. Text is read
 * as typed, spaces included. A formula gives the result Excel stored with it; a cell showing an
 * error (#N/A) reads as empty, which the import's own checks then name.
 */
export async function readXlsx(data: ArrayBuffer): Promise<RawCell[][]> {
	const { readSheet } = await spreadsheetModules();
	const rows = await readSheet(data, { trim: false });
	return rows.map((row) => row.map(rawCell));
}

/** Cells are prepared this many rows at a time, with a pause for a progress bar to paint. */
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
	const { writeSheet } = await spreadsheetModules();
	const sheet = [];
	for (let i = 0; i < rows.length; i += ROWS_PER_STEP) {
		for (const [r, row] of rows.slice(i, i + ROWS_PER_STEP).entries()) {
			const header = i + r === 0;
			sheet.push(
				row.map((v) => {
					const value = exportCell(v);
					return typeof value === 'number'
						? { value, ...(header && { fontWeight: 'bold' as const }) }
						: {
								value,
								type: String,
								...(textColumns && { format: '@' }),
								...(header && { fontWeight: 'bold' as const })
							};
				})
			);
		}
		progress?.(Math.min(i + ROWS_PER_STEP, rows.length), rows.length);
		if (progress) await new Promise((resolve) => setTimeout(resolve, 0));
	}
	const header = rows[0] ?? [];
	return writeSheet(sheet, {
		// Sheet names are limited to 31 characters and may not contain []:*?/\
		sheet: sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1',
		columns: header.map((title) => ({
			width: textColumns ? 16 : Math.max(10, Math.min(40, String(title ?? '').length * 2 + 2))
		})),
		...(textColumns && { stickyRowsCount: 1 })
	}).toBlob();
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

/**
 * A chosen file read and its table checked by an import; a quote left open is the one problem of
 * a file that cannot be read at all.
 */
export async function readChecked<O extends { ok: boolean }>(
	file: File,
	check: (table: Table) => O
): Promise<O | { ok: false; errors: ImportError[] }> {
	const read = await readTable(file);
	if (!read.ok) {
		return {
			ok: false,
			errors: [{ row: read.row, column: '', header: '', problem: 'unclosed-quote' }]
		};
	}
	return check(read.table.map((row) => row.map(textCell)));
}
