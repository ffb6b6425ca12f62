/**
 * The overtime screen's words for its figures and lines, shared by the page, the print view and
 * the XLSX export so that the three say the same thing.
 */
import { m } from '$lib/paraglide/messages';
import { formatDate, formatNumber, type Lang } from '$lib/i18n/format';
import type { AccrualLine, MonthStatus } from '$lib/domain/overtime';

/** Minutes as hours, to two decimals at most: 5.5, 0.75. */
export const hours = (minutes: number, lang: Lang) => formatNumber(minutes / 60, lang, 2);

export const statusWords: Record<MonthStatus, () => string> = {
	none: m.overtime_status_none,
	pending: m.overtime_status_pending,
	approved: m.overtime_status_approved,
	changed: m.overtime_status_changed
};

/** The day as the sheet names it: 5月1日 周五 · 劳动节. */
export function dayWords(line: AccrualLine, lang: Lang): string {
	const date = formatDate(line.date, lang, 'short');
	const why =
		line.reason === 'holiday'
			? (line.holiday ?? m.overtime_day_holiday())
			: line.reason === 'weekend'
				? m.overtime_day_weekend()
				: line.reason === 'override'
					? m.overtime_day_override()
					: m.overtime_day_working();
	return `${date} · ${why}`;
}

/** What was counted: the sessions of a duty day, or the spell of extended service. */
export function lineWords(line: AccrualLine, windowCode: (id: string) => string): string {
	if (line.kind === 'duty') {
		const sessions = line.sessions.map((s) => `${s.start}–${s.end}`).join(', ');
		return line.minutesLate > 0
			? m.overtime_line_duty_late({ sessions, late: line.minutesLate })
			: m.overtime_line_duty({ sessions });
	}
	const where = line.windowId ? windowCode(line.windowId) : m.overtime_whole_hall();
	const period = line.period === 'noon' ? m.overtime_period_noon() : m.overtime_period_evening();
	return m.overtime_line_extended({ period, where, start: line.start, end: line.end });
}

export const kindWords = (line: AccrualLine) =>
	line.kind === 'duty' ? m.overtime_kind_duty() : m.overtime_kind_extended();
