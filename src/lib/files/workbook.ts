/**
 * The XLSX reader and writer (exceljs), the one way every import and export reaches it. It is
 * large and rarely needed, so it is not precached: it is fetched on first use and the service
 * worker keeps it from then on (vite.config.ts, runtimeCaching). Offline before that first use
 * there is nothing to load, and the caller gets `SpreadsheetUnavailable` to say so plainly.
 */
import type { Workbook as WorkbookType } from 'exceljs';

export class SpreadsheetUnavailable extends Error {
	constructor(cause: unknown) {
		super('the XLSX module could not be loaded', { cause });
		this.name = 'SpreadsheetUnavailable';
	}
}

/** A new, empty workbook. */
export async function newWorkbook(): Promise<WorkbookType> {
	const mod = await import('exceljs').catch((e: unknown) => {
		throw new SpreadsheetUnavailable(e);
	});
	// The browser build is a UMD bundle whose classes sit on the default export.
	const Workbook = (mod.default?.Workbook ?? mod.Workbook) as typeof mod.Workbook;
	return new Workbook();
}

/**
 * Fetches the module ahead of need on screens whose job is files, while there is a network, so
 * that the same screen still reads and writes XLSX later offline. A failure here is not shown:
 * the real use reports it.
 */
export function prefetchSpreadsheet(): void {
	if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
	import('exceljs').catch(() => undefined);
}
