/**
 * The XLSX reader and writer (read-excel-file and write-excel-file, about 36 KiB gzip with the
 * zip code they share), the one way every import and export reaches them. They are rarely needed,
 * so they are not precached: they are fetched on first use and the service worker keeps them from
 * then on (vite.config.ts, runtimeCaching). Offline before that first use there is nothing to
 * load, and the caller gets `SpreadsheetUnavailable` to say so plainly.
 */
export class SpreadsheetUnavailable extends Error {
	constructor(cause: unknown) {
		super('the XLSX module could not be loaded', { cause });
		this.name = 'SpreadsheetUnavailable';
	}
}

const load = () =>
	Promise.all([import('read-excel-file/universal'), import('write-excel-file/universal')]);

/** The two modules, loaded together so that one fetch makes both work offline afterwards. */
export async function spreadsheetModules() {
	const [reader, writer] = await load().catch((e: unknown) => {
		throw new SpreadsheetUnavailable(e);
	});
	return { readSheet: reader.readSheet, writeSheet: writer.default };
}

/**
 * Fetches the modules ahead of need on screens whose job is files, while there is a network, so
 * that the same screen still reads and writes XLSX later offline. A failure here is not shown:
 * the real use reports it.
 */
export function prefetchSpreadsheet(): void {
	if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
	load().catch(() => undefined);
}
