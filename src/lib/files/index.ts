/**
 * Files in and out, one home for every import and export: CSV (UTF-8 or GBK in, UTF-8 with a
 * BOM out), XLSX through the lazily loaded exceljs, the formula guard, and the download.
 */
export { csvBlob, decodeText, exportCell, parseCsv, readCsv, toCsv, type Cell } from './csv';
export { download, downloadPng } from './download';
export { neutraliseCell, restoreCell } from './formula-guard';
export { prefetchSpreadsheet, SpreadsheetUnavailable } from './workbook';
export {
	isXlsx,
	readTable,
	readXlsx,
	textCell,
	writeXlsx,
	XLSX_TYPE,
	type RawCell,
	type TableRead
} from './xlsx';
