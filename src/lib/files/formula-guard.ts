/**
 * Formula injection through exported files. A spreadsheet program runs a cell whose text starts
 * with =, +, - or @ as a formula (a tab or carriage return in front is skipped, so those lead
 * one too), and =HYPERLINK(…) or a DDE call typed into a name field would run on the machine of
 * whoever opens the export. Every text cell written to a CSV or XLSX file goes through
 * `neutraliseCell`: such text gets a leading apostrophe, which spreadsheets show as text.
 * `restoreCell` takes it off again when the app reads its own export back in, so a round trip
 * keeps the value. Numbers are written as numbers and are never touched.
 */

// Apostrophes already in front count too, so that text which itself begins with the guard (say
// '=1) is guarded once more and comes back unchanged.
const leadsFormula = /^'*[=+\-@\t\r]/;
const guarded = /^'+[=+\-@\t\r]/;

/** The text as it may be written to a CSV or XLSX cell. */
export function neutraliseCell(text: string): string {
	return leadsFormula.test(text) ? `'${text}` : text;
}

/** A cell read from a file: the apostrophe `neutraliseCell` added comes off. */
export function restoreCell(text: string): string {
	return guarded.test(text) ? text.slice(1) : text;
}
