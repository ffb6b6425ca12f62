/**
 * CSV in and out (RFC 4180): quoted cells may hold commas, quotes ("") and line breaks. Every
 * import reads through `decodeText` and `parseCsv`, every export writes through `toCsv`.
 */
import { neutraliseCell } from './formula-guard';

/** A cell as exports write it: text, a number, or nothing. */
export type Cell = string | number | null;

export type CsvRead = { ok: true; table: string[][] } | { ok: false; row: number };

/**
 * A CSV file's bytes as text: UTF-8 (with or without BOM) when they are valid UTF-8, else
 * GB18030, the superset of the GBK that Excel on a Chinese Windows writes by default; reading GBK
 * as UTF-8 would turn every header into mojibake.
 */
export function decodeText(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return new TextDecoder('gb18030').decode(bytes);
	}
}

/** Rows of text; a leading BOM is dropped; a quote never closed names the row it opened on. */
export function parseCsv(text: string): CsvRead {
	const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
	const table: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	let quoteStartLine = 1;
	for (let i = 0; i < src.length; i++) {
		const ch = src[i];
		if (quoted) {
			if (ch === '"' && src[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else cell += ch;
		} else if (ch === '"' && cell === '') {
			quoted = true;
			quoteStartLine = table.length + 1;
		} else if (ch === ',') {
			row.push(cell);
			cell = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && src[i + 1] === '\n') i++;
			row.push(cell);
			table.push(row);
			row = [];
			cell = '';
		} else cell += ch;
	}
	if (quoted) return { ok: false, row: quoteStartLine };
	if (cell !== '' || row.length > 0) {
		row.push(cell);
		table.push(row);
	}
	return { ok: true, table };
}

/** A CSV file's bytes as rows, whatever encoding Excel saved it in. */
export const readCsv = (bytes: Uint8Array): CsvRead => parseCsv(decodeText(bytes));

/** A cell as exports write it: numbers as they are, text guarded against formulas. */
export const exportCell = (v: Cell): string | number =>
	v === null ? '' : typeof v === 'number' ? v : neutraliseCell(v);

const csvCell = (v: Cell) => {
	const s = String(exportCell(v));
	return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** CSV text with a BOM and CRLF line ends, the form Excel opens without garbling Chinese. */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
	return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export const csvBlob = (rows: readonly (readonly Cell[])[]) =>
	new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' });
