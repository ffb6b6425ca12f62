/** One person's month as an XLSX sheet: the lines counted, the figures, the time off taken. */
import { m } from '$lib/paraglide/messages';
import { download, writeXlsx, type Cell } from '$lib/files';
import { formatDate, type Lang } from '$lib/i18n/format';
import type { PersonMonth } from '$lib/state/overtime.svelte';
import { dayWords, kindWords, lineWords, statusWords } from './words';

export function monthRows(
	p: PersonMonth,
	lang: Lang,
	windowCode: (id: string) => string,
	staffName: (id: string) => string
): Cell[][] {
	const f = p.figure;
	const n = (minutes: number) => Number((minutes / 60).toFixed(2));
	return [
		[m.overtime_col_day(), m.overtime_col_kind(), m.overtime_col_counted(), m.overtime_col_hours()],
		...f.lines.map((l) => [
			dayWords(l, lang),
			kindWords(l),
			lineWords(l, windowCode),
			n(l.minutes)
		]),
		[],
		[m.overtime_accrued(), '', '', n(f.accrued)],
		[
			m.overtime_approved(),
			statusWords[f.status](),
			f.approval?.approvedByName ?? '',
			n(f.approval?.minutes ?? 0)
		],
		[m.overtime_difference(), '', '', n(f.difference)],
		[m.overtime_taken(), '', '', n(f.taken)],
		[m.overtime_balance(), '', '', n(p.balance.balance)],
		[],
		[
			m.overtime_col_date(),
			m.overtime_col_hours(),
			m.overtime_col_reason(),
			m.overtime_col_requested_by(),
			m.overtime_col_approved_by()
		],
		...f.timeOff.map((t) => [
			formatDate(t.date, lang, 'short'),
			t.hours,
			t.reason,
			staffName(t.requestedBy),
			t.approvedByName
		])
	];
}

export async function exportMonth(
	p: PersonMonth,
	lang: Lang,
	windowCode: (id: string) => string,
	staffName: (id: string) => string
) {
	const name = m.overtime_file({ name: p.staff.name, month: p.figure.month });
	download(await writeXlsx(name, monthRows(p, lang, windowCode, staffName)), `${name}.xlsx`);
}
