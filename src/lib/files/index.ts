/**
 * Files in and out, one home for every import and export: CSV (UTF-8 or GBK in, UTF-8 with a
 * BOM out), XLSX through the lazily loaded read-excel-file and write-excel-file, the formula guard, and the download.
 */
export { csvBlob, decodeText, readCsv, toCsv, type Cell } from './csv';
export { download, downloadPng } from './download';
export { prefetchSpreadsheet, SpreadsheetUnavailable } from './workbook';
export { readChecked, readTable, writeXlsx } from './xlsx';
