/**
 * The report's lines in the order the district reads them, each with its label (the field's own,
 * so a refusal and the table name a figure alike), for the screen, the print and the XLSX file.
 */
import { m } from '$lib/paraglide/messages';
import { formatNumber, type Lang } from '$lib/i18n/format';
import type { ReportFigures, ReportLine } from '$lib/schemas';
import type { Cell } from '$lib/files';

export interface Figure {
	key: keyof ReportLine;
	label: () => string;
	rate?: true;
}

export const figures: readonly Figure[] = [
	{ key: 'daysOpen', label: m.field_days_open },
	{ key: 'windowDays', label: m.field_window_days },
	{ key: 'staffDays', label: m.field_staff_days },
	{ key: 'received', label: m.field_received },
	{ key: 'consulted', label: m.field_consulted },
	{ key: 'casesAccepted', label: m.field_cases_accepted },
	{ key: 'casesCompleted', label: m.field_cases_completed },
	{ key: 'casesPastDeadline', label: m.field_cases_past_deadline },
	{ key: 'appointments', label: m.field_appointments },
	{ key: 'noShows', label: m.field_no_shows },
	{ key: 'noShowRate', label: m.field_no_show_rate, rate: true },
	{ key: 'extendedSessions', label: m.report_extended_sessions },
	{ key: 'extendedMinutes', label: m.field_extended_minutes },
	{ key: 'extendedServed', label: m.field_extended_served },
	{ key: 'completed', label: m.field_completed },
	{ key: 'oneVisit', label: m.field_one_visit },
	{ key: 'oneVisitRate', label: m.field_one_visit_rate, rate: true },
	{ key: 'findings', label: m.field_findings },
	{ key: 'corrected', label: m.field_corrected }
];

/** One figure of a line as text: a count, or a share in per cent (— when there is none). */
export function shown(line: ReportLine, f: Figure, lang: Lang): string {
	const v = line[f.key];
	if (v === null) return '—';
	return f.rate ? `${formatNumber(v * 100, lang, 1)}%` : formatNumber(v, lang);
}

/** The report as a sheet: one row per figure, the centre then each department in columns. */
export function reportSheet(r: ReportFigures): Cell[][] {
	const header: Cell[] = [
		m.report_figure(),
		m.report_centre(),
		...r.departments.map((d) => d.name)
	];
	const value = (line: ReportLine, f: Figure): Cell => {
		const v = line[f.key];
		if (v === null) return '';
		return f.rate ? Math.round(v * 1000) / 10 : v;
	};
	return [
		header,
		...figures.map((f) => [
			f.rate ? `${f.label()} (%)` : f.label(),
			value(r.centre, f),
			...r.departments.map((d) => value(d, f))
		])
	];
}
