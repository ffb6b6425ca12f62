/** Words an import problem for the person who chose the file: row, column letter, header, what is wrong. */
import { m } from '$lib/paraglide/messages';
import { message } from '$lib/i18n/message';
import type { ImportError } from '$lib/domain/organisation-import';

export function importErrorText(e: ImportError): string {
	if (e.problem === 'missing-header') return m.import_error_header({ header: e.header });
	const problem = message(`import_problem_${e.problem.replaceAll('-', '_')}`, e.params);
	if (!e.column) return m.import_error_file({ row: e.row, problem });
	return m.import_error_cell({ row: e.row, column: e.column, header: e.header, problem });
}
