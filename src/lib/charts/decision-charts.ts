/**
 * The review's decision charts as specs: weekend and holiday arrivals by category and hour, a
 * period against the one before and a year before, and the twelve months week by week. The
 * figures come from domain/review-periods; this file only lays them out, with fonts sized for a
 * meeting table and 无数据 written wherever a value is missing.
 */
import type { ChartConfiguration } from 'chart.js';
import { formatDate, formatNumber, type Lang } from '$lib/i18n/format';
import { m } from '$lib/paraglide/messages';
import {
	weekParts,
	type Change,
	type OffDayGrid,
	type Period,
	type PeriodComparison,
	type WeekPart,
	type YearWeek
} from '$lib/domain/review-periods';
import { annotations, cellValues, hatch, noData, type Pattern } from './plugins';
import { heatLegend, heatMapConfig } from './heat';
import { baseOptions, colours, type ChartSpec } from './spec';

/** Font sizes that read from across a meeting table. */
const big = { size: 16 };
const bigOptions = {
	...baseOptions,
	plugins: { legend: { display: false } }
};

const fmt = (x: number | null, lang: Lang, digits = 0) =>
	x === null ? m.review_no_data() : formatNumber(x, lang, digits);
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** A period's name with its year: 2026年9月, 2026年第3季度, 2026年9月5日星期六. */
export function periodLabel(p: Period, lang: Lang): string {
	const year = p.from.slice(0, 4);
	const month = Number(p.from.slice(5, 7));
	if (p.kind === 'month') return m.review_period_label_month({ year, month });
	if (p.kind === 'quarter') {
		return m.review_period_label_quarter({ year, quarter: Math.ceil(month / 3) });
	}
	return formatDate(p.from, lang);
}

/** A change as "+12 件（+8.5%）"; 无数据 when a side has none. */
export function changeText(c: Change, lang: Lang, digits = 0): string {
	if (c.absolute === null) return m.review_no_data();
	const sign = (x: number) => (x > 0 ? '+' : '');
	const abs = `${sign(c.absolute)}${formatNumber(c.absolute, lang, digits)}`;
	const pct = c.ratio === null ? '–' : `${sign(c.ratio)}${formatNumber(c.ratio * 100, lang, 1)}%`;
	return m.review_change_text({ absolute: abs, percent: pct });
}

/**
 * Weekend or holiday arrivals as a heat map: a row per category, a segment per hour, the mean
 * written in each cell (Chart.js has no heat map; a stacked bar of unit segments is one).
 */
export function offDayHeat(grid: OffDayGrid, kind: 'weekend' | 'holiday', lang: Lang): ChartSpec {
	const { categories, hours, cells } = grid;
	const max = Math.max(0, ...cells.flat().map((v) => v ?? 0));
	let peak = { category: '', hour: 0, v: -1 };
	categories.forEach((c, i) =>
		hours.forEach((h, j) => {
			const v = cells[i][j] ?? 0;
			if (v > peak.v) peak = { category: c, hour: h, v };
		})
	);
	const kindName = kind === 'weekend' ? m.review_kind_weekend() : m.review_kind_holiday();
	const config: ChartConfiguration<'bar'> = {
		...heatMapConfig({
			rows: categories,
			hours,
			value: (r, i) => cells[r][i],
			text: (v) => fmt(v, lang, 1),
			tick: (i) => (i < hours.length ? `${hours[i]}:00` : ''),
			font: big,
			gap: 2
		}),
		plugins: [
			cellValues(
				(j, i) => fmt(round1(cells[i][j]), lang, 1),
				(j, i) => max > 0 && (cells[i][j] ?? 0) / max > 0.55
			)
		]
	};
	return {
		id: `offday-${kind}`,
		title: kind === 'weekend' ? m.review_offday_weekend_title() : m.review_offday_holiday_title(),
		summary:
			grid.days && hours.length
				? m.review_offday_summary({
						days: grid.days,
						kind: kindName,
						category: peak.category,
						hour: `${peak.hour}:00`,
						count: formatNumber(peak.v, lang, 1)
					})
				: m.review_offday_none({ kind: kindName }),
		config: config as unknown as ChartConfiguration,
		legend: heatLegend(),
		table: {
			columns: [m.volume_category(), ...hours.map((h) => `${h}:00`)],
			rows: categories.map((c, i) => [c, ...cells[i].map((v) => fmt(round1(v), lang, 1))])
		}
	};
}

/** The chosen period by category beside the period before and the same one a year earlier. */
export function periodChart(c: PeriodComparison, lang: Lang): ChartSpec {
	const sides = [c.current, c.previous, c.lastYear];
	const categories = Object.keys(c.current.byCategory)
		.concat(Object.keys(c.previous.byCategory), Object.keys(c.lastYear.byCategory))
		.filter((x, i, all) => all.indexOf(x) === i)
		.sort((a, b) => (c.current.byCategory[b] ?? 0) - (c.current.byCategory[a] ?? 0));
	const value = (side: (typeof sides)[number], cat: string) =>
		side.total === null ? null : (side.byCategory[cat] ?? 0);
	const names = sides.map((s) => periodLabel(s.period, lang));
	const palette = [colours.series[0], colours.series[1], colours.grey];
	const patterns: Pattern[] = ['solid', 'diagonal', 'cross'];
	return {
		id: 'period',
		title: m.review_period_title({ period: names[0] }),
		summary: m.review_period_summary({
			current: names[0],
			total: fmt(c.current.total, lang),
			previous: names[1],
			vsPrevious: changeText(c.vsPrevious, lang),
			lastYear: names[2],
			vsLastYear: changeText(c.vsLastYear, lang)
		}),
		config: {
			type: 'bar',
			data: {
				labels: categories,
				datasets: sides.map((s, i) => ({
					label: names[i],
					data: categories.map((cat) => value(s, cat)),
					backgroundColor: palette[i]
				}))
			},
			options: {
				...bigOptions,
				scales: {
					x: { ticks: { font: big } },
					y: { beginAtZero: true, ticks: { font: big } }
				}
			},
			plugins: [hatch({ 1: 'diagonal', 2: 'cross' }), noData(m.review_no_data())]
		},
		legend: names.map((label, i) => ({ label, color: palette[i], pattern: patterns[i] })),
		table: {
			columns: [m.volume_category(), ...names],
			rows: categories.map((cat) => [cat, ...sides.map((s) => fmt(value(s, cat), lang))])
		}
	};
}

const partColour: Record<WeekPart, string> = {
	working: colours.working,
	weekend: colours.weekend,
	holiday: colours.holiday
};
const partPattern: Record<WeekPart, Pattern> = {
	working: 'solid',
	weekend: 'diagonal',
	holiday: 'cross'
};
const partLabel = (p: WeekPart) =>
	({
		working: m.review_year_part_working,
		weekend: m.review_year_part_weekend,
		holiday: m.review_year_part_holiday
	})[p]();

/**
 * The twelve months as stacked weekly bars by kind of day (colour and pattern), the mean week and
 * an optional target as lines, and the holidays written over the weeks they begin in.
 */
export function yearChart(
	weeks: YearWeek[],
	mean: number | null,
	target: number | null,
	lang: Lang
): ChartSpec {
	const recorded = weeks.filter((w) => w.total !== null);
	const busiest = recorded.reduce<YearWeek | undefined>(
		(a, w) => (!a || w.total! > a.total! ? w : a),
		undefined
	);
	const lines = [
		{ label: m.review_year_mean(), value: mean, dash: [] as number[], colour: colours.line },
		{ label: m.review_year_target(), value: target, dash: [10, 6], colour: colours.series[3] }
	].filter((l) => l.value !== null);
	const config = {
		type: 'bar',
		data: {
			labels: weeks.map((w) => w.week),
			datasets: [
				...weekParts.map((p) => ({
					type: 'bar' as const,
					label: partLabel(p),
					data: weeks.map((w) => (w.total === null ? null : (w.parts[p] ?? 0))),
					backgroundColor: partColour[p],
					borderColor: '#ffffff',
					borderWidth: { top: 1 },
					stack: 'week'
				})),
				...lines.map((l) => ({
					type: 'line' as const,
					label: l.label,
					// A stack of its own: on the stacked scale a line would sit on top of the others.
					stack: l.label,
					data: weeks.map(() => round1(l.value)),
					borderColor: l.colour,
					borderDash: l.dash,
					borderWidth: 3,
					pointRadius: 0
				}))
			]
		},
		options: {
			...bigOptions,
			layout: { padding: { top: 44 } },
			scales: {
				x: { stacked: true, ticks: { font: big, maxRotation: 0, autoSkipPadding: 24 } },
				y: { stacked: true, beginAtZero: true, ticks: { font: big } }
			}
		},
		plugins: [
			hatch({ 1: partPattern.weekend, 2: partPattern.holiday }),
			annotations(
				weeks.flatMap((w, index) =>
					w.holidays.length ? [{ index, text: w.holidays.join('·') }] : []
				)
			),
			noData(m.review_no_data())
		]
	} as ChartConfiguration;
	return {
		id: 'year',
		title: m.review_year_title(),
		summary: busiest
			? m.review_year_summary({
					weeks: weeks.length,
					recorded: recorded.length,
					mean: fmt(mean, lang),
					busiest: busiest.week,
					count: formatNumber(busiest.total!, lang)
				})
			: m.review_year_none(),
		config,
		legend: [
			...weekParts.map((p) => ({
				label: partLabel(p),
				color: partColour[p],
				pattern: partPattern[p]
			})),
			...lines.map((l) => ({
				label: `${l.label} ${fmt(l.value, lang)}`,
				color: l.colour,
				pattern: (l.dash.length ? 'dashed' : 'line') as 'dashed' | 'line'
			}))
		],
		table: {
			columns: [
				m.review_week_of(),
				...weekParts.map(partLabel),
				m.review_year_week_total(),
				m.review_year_recorded(),
				m.review_year_holidays()
			],
			rows: weeks.map((w) => [
				w.week,
				...weekParts.map((p) => (w.total === null ? m.review_no_data() : (w.parts[p] ?? 0))),
				fmt(w.total, lang),
				w.recorded,
				w.holidays.join('、')
			])
		}
	};
}
