/**
 * The review's charts as specs: pure data in, Chart.js configuration, table and summary out.
 * Texts come from the message files; numbers are formatted for the user's language.
 */
import type { ChartConfiguration } from 'chart.js';
import type { Channel } from '$lib/schemas';
import { extendedServiceMinutes, movingAverage, sumCounters } from '$lib/domain/volume';
import { isoWeekStart, type DayOverride } from '$lib/domain/calendar';
import { m } from '$lib/paraglide/messages';
import { formatNumber, type Lang } from '$lib/i18n/format';
import {
	appointmentWeeks,
	byCategory,
	byChannel,
	byWindow,
	dailyFigures,
	hourHeat,
	oneVisitWeeks,
	weekComparison,
	workingVsNonWorking,
	type AppointmentLite,
	type DayClass,
	type ReviewFilter,
	type RollupDay
} from '$lib/domain/review-figures';
import { forecastAccuracy, type ForecastErrorDay } from '$lib/domain/review-periods';
import { hatch } from './plugins';
import { heatLegend, heatMapConfig } from './heat';
import { baseOptions, colours, type ChartSpec } from './spec';

export interface ComplianceDay {
	date: string;
	errors: number;
	warnings: number;
}

export interface ReviewInput {
	from: string;
	to: string;
	filter: ReviewFilter;
	overrides?: DayOverride[];
	days: RollupDay[];
	/** windowId → code on the sign (A03). */
	windowCodes: Record<string, string>;
	appointments: AppointmentLite[];
	plans: { date: string; extendedSessions: { start: string; end: string; served: number }[] }[];
	compliance: ComplianceDay[];
	/** Past days: the forecast made from the history before each, beside what came. */
	forecast: ForecastErrorDay[];
	/** The date whose week is compared with the week before and the same week last year. */
	weekOf: string;
	lang: Lang;
}

const kindColour: Record<DayClass, string> = {
	working: colours.working,
	'make-up': colours.makeUp,
	weekend: colours.weekend,
	holiday: colours.holiday
};

const kindLabel = (k: DayClass) =>
	({
		working: m.review_kind_working,
		'make-up': m.review_kind_makeup,
		weekend: m.review_kind_weekend,
		holiday: m.review_kind_holiday
	})[k]();

export const channelLabel = (c: Channel) =>
	({
		online: m.channel_online,
		mobile: m.channel_mobile,
		kiosk: m.channel_kiosk,
		window: m.channel_window
	})[c]();

const weekdayLabel = (wd: number) =>
	[
		m.review_wd_sun,
		m.review_wd_mon,
		m.review_wd_tue,
		m.review_wd_wed,
		m.review_wd_thu,
		m.review_wd_fri,
		m.review_wd_sat
	][wd]();

const pct = (x: number | null, lang: Lang) =>
	x === null ? '–' : `${formatNumber(x * 100, lang, 1)}%`;
const round1 = (x: number) => Math.round(x * 10) / 10;
/** Dates on charts carry their year: a review spans New Year and compares with last year. */
const short = (date: string) => date;

const barOptions = (stacked = false, indexAxis: 'x' | 'y' = 'x') => ({
	...baseOptions,
	indexAxis,
	scales: {
		x: { stacked, beginAtZero: true },
		y: { stacked, beginAtZero: true }
	}
});

function daily(input: ReviewInput): ChartSpec {
	const { lang } = input;
	const days = dailyFigures(input.days, input.from, input.to, input.filter, input.overrides);
	const values = days.map((d) => d.accepted);
	const avg = movingAverage(values);
	const total = values.reduce((a, b) => a + b, 0);
	const busiest = days.reduce((a, b) => (b.accepted > a.accepted ? b : a), days[0]);
	const holidays = days.filter((d) => d.kind === 'holiday').length;
	const makeUps = days.filter((d) => d.kind === 'make-up').length;
	const config: ChartConfiguration = {
		type: 'bar',
		data: {
			labels: days.map((d) => short(d.date)),
			datasets: [
				{
					type: 'bar',
					label: m.review_accepted(),
					data: values,
					backgroundColor: days.map((d) => kindColour[d.kind]),
					// A make-up working day gets an outline so it stands out from an ordinary one.
					borderColor: days.map((d) => (d.kind === 'make-up' ? colours.line : kindColour[d.kind])),
					borderWidth: days.map((d) => (d.kind === 'make-up' ? 2 : 0))
				},
				{
					type: 'line',
					label: m.review_average(),
					data: avg.map(round1),
					borderColor: colours.line,
					borderWidth: 2,
					pointRadius: 0
				}
			]
		},
		options: { ...baseOptions, scales: { y: { beginAtZero: true } } }
	};
	return {
		id: 'daily',
		title: m.review_daily(),
		summary: m.review_daily_summary({
			days: days.length,
			total: formatNumber(total, lang),
			average: formatNumber(days.length ? total / days.length : 0, lang, 1),
			busiest: busiest ? short(busiest.date) : '–',
			busiestCount: formatNumber(busiest?.accepted ?? 0, lang),
			holidays,
			makeUps
		}),
		config,
		legend: (['working', 'make-up', 'weekend', 'holiday'] as DayClass[]).map((k) => ({
			label: kindLabel(k),
			color: kindColour[k]
		})),
		table: {
			columns: [
				m.review_date(),
				m.review_day_kind(),
				m.volume_accepted(),
				m.volume_completed(),
				m.volume_consulted(),
				m.volume_oneVisit(),
				m.volume_refused(),
				m.review_average()
			],
			rows: days.map((d, i) => [
				d.date,
				kindLabel(d.kind) + (d.holiday ? ` (${d.holiday})` : ''),
				d.accepted,
				d.completed,
				d.consulted,
				d.oneVisit,
				d.refused,
				round1(avg[i])
			])
		}
	};
}

function workingVs(input: ReviewInput): ChartSpec {
	const rows = workingVsNonWorking(input.days, input.from, input.to, input.filter, input.overrides);
	const w = rows.reduce((a, r) => a + r.working, 0);
	const n = rows.reduce((a, r) => a + r.nonWorking, 0);
	return {
		id: 'working',
		title: m.review_working_title(),
		summary: m.review_working_summary({
			working: formatNumber(w, input.lang, 1),
			nonWorking: formatNumber(n, input.lang, 1),
			share: pct(w > 0 ? n / w : null, input.lang)
		}),
		config: {
			type: 'bar',
			data: {
				labels: rows.map((r) => r.category),
				datasets: [
					{
						label: m.review_working(),
						data: rows.map((r) => round1(r.working)),
						backgroundColor: colours.working
					},
					{
						label: m.review_nonworking(),
						data: rows.map((r) => round1(r.nonWorking)),
						backgroundColor: colours.weekend
					}
				]
			},
			options: barOptions()
		},
		table: {
			columns: [m.volume_category(), m.review_working_avg(), m.review_nonworking_avg()],
			rows: rows.map((r) => [r.category, round1(r.working), round1(r.nonWorking)])
		}
	};
}

function categories(input: ReviewInput): ChartSpec {
	const rows = byCategory(input.days, input.filter);
	const total = rows.reduce((a, r) => a + r.counters.accepted, 0);
	const top = rows[0];
	return {
		id: 'category',
		title: m.review_category_title(),
		summary: m.review_category_summary({
			count: rows.length,
			top: top?.category ?? '–',
			share: pct(top && total ? top.counters.accepted / total : null, input.lang)
		}),
		config: {
			type: 'bar',
			data: {
				labels: rows.map((r) => r.category),
				datasets: [
					{
						label: m.volume_accepted(),
						data: rows.map((r) => r.counters.accepted),
						backgroundColor: colours.series[0]
					},
					{
						label: m.volume_consulted(),
						data: rows.map((r) => r.counters.consulted),
						backgroundColor: colours.series[1]
					},
					{
						label: m.volume_refused(),
						data: rows.map((r) => r.counters.refused),
						backgroundColor: colours.series[2]
					}
				]
			},
			options: barOptions(false, 'y')
		},
		table: {
			columns: [
				m.volume_category(),
				m.volume_accepted(),
				m.volume_completed(),
				m.volume_consulted(),
				m.volume_oneVisit(),
				m.volume_refused()
			],
			rows: rows.map((r) => [
				r.category,
				r.counters.accepted,
				r.counters.completed,
				r.counters.consulted,
				r.counters.oneVisit,
				r.counters.refused
			])
		}
	};
}

function channels(input: ReviewInput): ChartSpec {
	const rows = byChannel(input.days, input.filter);
	const total = rows.reduce((a, r) => a + r.counters.accepted, 0);
	const hall = rows.find((r) => r.channel === 'window')?.counters.accepted ?? 0;
	return {
		id: 'channel',
		title: m.review_channel_title(),
		summary: m.review_channel_summary({
			online: pct(total ? (total - hall) / total : null, input.lang),
			window: pct(total ? hall / total : null, input.lang)
		}),
		config: {
			type: 'doughnut',
			data: {
				labels: rows.map((r) => channelLabel(r.channel)),
				datasets: [
					{
						label: m.volume_accepted(),
						data: rows.map((r) => r.counters.accepted),
						backgroundColor: rows.map((_, i) => colours.series[i])
					}
				]
			},
			options: { ...baseOptions }
		},
		table: {
			columns: [m.volume_channel(), m.volume_accepted(), m.volume_completed(), m.review_share()],
			rows: rows.map((r) => [
				channelLabel(r.channel),
				r.counters.accepted,
				r.counters.completed,
				pct(total ? r.counters.accepted / total : null, input.lang)
			])
		}
	};
}

function windows(input: ReviewInput): ChartSpec {
	const rows = byWindow(input.days, input.filter).map((r) => ({
		...r,
		code: input.windowCodes[r.windowId] ?? r.windowId
	}));
	const busiest = rows.reduce<(typeof rows)[number] | undefined>(
		(a, r) => (!a || r.counters.accepted / r.days > a.counters.accepted / a.days ? r : a),
		undefined
	);
	return {
		id: 'window',
		title: m.review_window_title(),
		summary: rows.length
			? m.review_window_summary({
					count: rows.length,
					busiest: busiest!.code,
					perDay: formatNumber(busiest!.counters.accepted / busiest!.days, input.lang, 1)
				})
			: m.review_window_none(),
		config: {
			type: 'bar',
			data: {
				labels: rows.map((r) => `${r.code} ${r.category}`),
				datasets: [
					{
						label: m.review_per_open_day(),
						data: rows.map((r) => round1(r.counters.accepted / r.days)),
						backgroundColor: rows.map(
							(r) =>
								colours.series[[...new Set(rows.map((x) => x.category))].indexOf(r.category) % 7]
						)
					}
				]
			},
			options: {
				...baseOptions,
				indexAxis: 'y',
				scales: { x: { beginAtZero: true }, y: { ticks: { autoSkip: false, font: { size: 11 } } } },
				plugins: { legend: { display: false } }
			}
		},
		table: {
			columns: [
				m.volume_window(),
				m.volume_category(),
				m.review_open_days(),
				m.volume_accepted(),
				m.review_per_open_day()
			],
			rows: rows.map((r) => [
				r.code,
				r.category,
				r.days,
				r.counters.accepted,
				round1(r.counters.accepted / r.days)
			])
		}
	};
}

/** Arrivals by weekday and hour as a heat map (heat.ts). */
function heat(input: ReviewInput): ChartSpec {
	const { hours, cells } = hourHeat(input.days, input.filter);
	// Monday first, as a Chinese calendar reads.
	const order = [1, 2, 3, 4, 5, 6, 0];
	let peak = { wd: 1, hour: hours[0] ?? 9, v: -1 };
	for (const wd of order) {
		hours.forEach((h, i) => {
			if (cells[wd][i] > peak.v) peak = { wd, hour: h, v: cells[wd][i] };
		});
	}
	const hourLabel = (i: number) =>
		i < hours.length
			? `${hours[i]}:00`
			: i === hours.length && i > 0
				? `${hours[i - 1] + 1}:00`
				: '';
	const config = heatMapConfig({
		rows: order.map(weekdayLabel),
		hours,
		value: (r, i) => cells[order[r]][i],
		text: (v) => formatNumber(v ?? 0, input.lang, 1),
		tick: hourLabel
	});
	return {
		id: 'heat',
		title: m.review_heat_title(),
		summary: hours.length
			? m.review_heat_summary({
					weekday: weekdayLabel(peak.wd),
					hour: `${peak.hour}:00`,
					count: formatNumber(peak.v, input.lang, 1)
				})
			: m.review_window_none(),
		config: config as unknown as ChartConfiguration,
		legend: heatLegend(),
		table: {
			columns: [m.review_weekday(), ...hours.map((h) => `${h}:00`)],
			rows: order.map((wd) => [weekdayLabel(wd), ...cells[wd].map(round1)])
		}
	};
}

function week(input: ReviewInput): ChartSpec {
	const w = weekComparison(input.days, input.weekOf, input.filter);
	const [a, b, c] = w.totals;
	const labels = w.dates.map((d, i) => `${weekdayLabel((i + 1) % 7)} ${short(d)}`);
	return {
		id: 'week',
		title: m.review_week_title(),
		summary: m.review_week_summary({
			week: short(w.dates[0]),
			to: short(input.weekOf),
			thisWeek: formatNumber(a, input.lang),
			lastWeek: formatNumber(b, input.lang),
			lastYear: formatNumber(c, input.lang),
			change: b ? `${a >= b ? '+' : ''}${formatNumber(((a - b) / b) * 100, input.lang, 1)}%` : '–'
		}),
		config: {
			type: 'line',
			data: {
				labels,
				datasets: [
					{
						label: m.review_this_week(),
						data: w.thisWeek,
						borderColor: colours.series[0],
						backgroundColor: colours.series[0],
						borderWidth: 3
					},
					{
						label: m.review_last_week(),
						data: w.lastWeek,
						borderColor: colours.series[1],
						backgroundColor: colours.series[1],
						borderDash: [6, 4]
					},
					{
						label: m.review_last_year(),
						data: w.lastYear,
						borderColor: colours.grey,
						backgroundColor: colours.grey,
						borderDash: [2, 3]
					}
				]
			},
			options: { ...baseOptions, scales: { y: { beginAtZero: true } } }
		},
		table: {
			columns: [m.review_date(), m.review_this_week(), m.review_last_week(), m.review_last_year()],
			rows: w.dates.map((d, i) => [d, w.thisWeek[i], w.lastWeek[i], w.lastYear[i]])
		}
	};
}

function appointments(input: ReviewInput): ChartSpec {
	const weeks = appointmentWeeks(input.appointments);
	const booked = weeks.reduce((a, w) => a + w.booked, 0);
	const noShow = weeks.reduce((a, w) => a + w.noShow, 0);
	return {
		id: 'appointments',
		title: m.review_appointments_title(),
		summary: m.review_appointments_summary({
			booked: formatNumber(booked, input.lang),
			noShow: formatNumber(noShow, input.lang),
			rate: pct(booked ? noShow / booked : null, input.lang)
		}),
		config: {
			type: 'bar',
			data: {
				labels: weeks.map((w) => short(w.week)),
				datasets: [
					{
						label: m.review_attended(),
						data: weeks.map((w) => w.attended),
						backgroundColor: colours.series[3]
					},
					{
						label: m.review_no_show(),
						data: weeks.map((w) => w.noShow),
						backgroundColor: colours.series[0]
					},
					{
						label: m.review_other_booked(),
						data: weeks.map((w) => w.booked - w.attended - w.noShow),
						backgroundColor: colours.working
					},
					{
						label: m.review_cancelled(),
						data: weeks.map((w) => w.cancelled),
						backgroundColor: colours.grey
					}
				]
			},
			options: barOptions(true)
		},
		table: {
			columns: [
				m.review_week_of(),
				m.review_booked(),
				m.review_attended(),
				m.review_no_show(),
				m.review_cancelled()
			],
			rows: weeks.map((w) => [w.week, w.booked, w.attended, w.noShow, w.cancelled])
		}
	};
}

function oneVisit(input: ReviewInput): ChartSpec {
	const days = dailyFigures(input.days, input.from, input.to, input.filter, input.overrides);
	const weeks = oneVisitWeeks(days);
	const all = sumCounters(days);
	return {
		id: 'one-visit',
		title: m.review_one_visit_title(),
		summary: m.review_one_visit_summary({
			rate: pct(all.completed ? all.oneVisit / all.completed : null, input.lang),
			completed: formatNumber(all.completed, input.lang),
			refused: formatNumber(all.refused, input.lang)
		}),
		config: {
			type: 'line',
			data: {
				labels: weeks.map((w) => short(w.week)),
				datasets: [
					{
						label: m.review_one_visit_rate(),
						data: weeks.map((w) => (w.rate === null ? null : round1(w.rate * 100))),
						borderColor: colours.series[3],
						backgroundColor: colours.series[3],
						spanGaps: true
					}
				]
			},
			options: {
				...baseOptions,
				scales: { y: { suggestedMin: 80, suggestedMax: 100, ticks: { callback: (v) => `${v}%` } } }
			}
		},
		table: {
			columns: [
				m.review_week_of(),
				m.volume_completed(),
				m.volume_oneVisit(),
				m.review_one_visit_rate()
			],
			rows: weeks.map((w) => [w.week, w.completed, w.oneVisit, pct(w.rate, input.lang)])
		}
	};
}

function extended(input: ReviewInput): ChartSpec {
	const { minutes, served, byDate } = extendedServiceMinutes(
		input.plans.filter((p) => p.date >= input.from && p.date <= input.to)
	);
	const weeks = new Map<string, { minutes: number; served: number; days: number }>();
	for (const [date, v] of Object.entries(byDate)) {
		const w = isoWeekStart(date);
		const row = weeks.get(w) ?? { minutes: 0, served: 0, days: 0 };
		row.minutes += v.minutes;
		row.served += v.served;
		row.days++;
		weeks.set(w, row);
	}
	const rows = [...weeks].sort(([a], [b]) => (a < b ? -1 : 1));
	return {
		id: 'extended',
		title: m.review_extended_title(),
		summary: m.review_extended_summary({
			minutes: formatNumber(minutes, input.lang),
			served: formatNumber(served, input.lang),
			days: Object.keys(byDate).length
		}),
		config: {
			type: 'bar',
			data: {
				labels: rows.map(([w]) => short(w)),
				datasets: [
					{
						label: m.review_extended_minutes(),
						data: rows.map(([, r]) => r.minutes),
						backgroundColor: colours.series[2]
					},
					{
						type: 'line',
						label: m.review_extended_served(),
						data: rows.map(([, r]) => r.served),
						borderColor: colours.line,
						backgroundColor: colours.line,
						yAxisID: 'y1'
					}
				]
			} as ChartConfiguration['data'],
			options: {
				...baseOptions,
				scales: {
					y: { beginAtZero: true, title: { display: true, text: m.review_extended_minutes() } },
					y1: {
						beginAtZero: true,
						position: 'right',
						grid: { drawOnChartArea: false },
						title: { display: true, text: m.review_extended_served() }
					}
				}
			}
		},
		table: {
			columns: [
				m.review_week_of(),
				m.review_extended_days(),
				m.review_extended_minutes(),
				m.review_extended_served()
			],
			rows: rows.map(([w, r]) => [w, r.days, r.minutes, r.served])
		}
	};
}

function compliance(input: ReviewInput): ChartSpec {
	const days = input.compliance.filter((d) => d.date >= input.from && d.date <= input.to);
	const ok = days.filter((d) => d.errors === 0).length;
	const weeks = new Map<string, { days: number; ok: number; errors: number; warnings: number }>();
	for (const d of days) {
		const w = isoWeekStart(d.date);
		const row = weeks.get(w) ?? { days: 0, ok: 0, errors: 0, warnings: 0 };
		row.days++;
		if (d.errors === 0) row.ok++;
		row.errors += d.errors;
		row.warnings += d.warnings;
		weeks.set(w, row);
	}
	const rows = [...weeks].sort(([a], [b]) => (a < b ? -1 : 1));
	return {
		id: 'compliance',
		title: m.review_compliance_title(),
		summary: m.review_compliance_summary({
			days: days.length,
			ok,
			rate: pct(days.length ? ok / days.length : null, input.lang)
		}),
		config: {
			type: 'bar',
			data: {
				labels: rows.map(([w]) => short(w)),
				datasets: [
					{
						label: m.review_compliance_errors(),
						data: rows.map(([, r]) => r.errors),
						backgroundColor: colours.series[0]
					},
					{
						label: m.review_compliance_warnings(),
						data: rows.map(([, r]) => r.warnings),
						backgroundColor: colours.holiday
					}
				]
			},
			options: barOptions(true)
		},
		table: {
			columns: [
				m.review_week_of(),
				m.review_compliance_checked(),
				m.review_compliance_ok(),
				m.review_compliance_errors(),
				m.review_compliance_warnings()
			],
			rows: rows.map(([w, r]) => [w, r.days, r.ok, r.errors, r.warnings])
		}
	};
}

function forecast(input: ReviewInput): ChartSpec {
	const rows = input.forecast;
	const acc = forecastAccuracy(rows);
	const { lang } = input;
	const off = (r: ForecastErrorDay) => r.kind === 'weekend' || r.kind === 'holiday';
	return {
		id: 'forecast',
		title: m.review_forecast_title(),
		summary: rows.length
			? m.review_forecast_summary({
					days: rows.length,
					mape: pct(acc.mape, lang),
					working: pct(acc.working.mape, lang),
					nonWorking: pct(acc.nonWorking.mape, lang),
					bias: `${(acc.bias ?? 0) > 0 ? '+' : ''}${formatNumber(acc.bias ?? 0, lang, 1)}`
				})
			: m.review_forecast_none(),
		config: {
			type: 'bar',
			data: {
				labels: rows.map((r) => short(r.date)),
				datasets: [
					{
						type: 'bar',
						label: m.review_actual(),
						data: rows.map((r) => r.actual),
						backgroundColor: rows.map((r) => (off(r) ? colours.weekend : colours.working))
					},
					{
						type: 'line',
						label: m.review_forecast(),
						data: rows.map((r) => round1(r.forecast)),
						borderColor: colours.line,
						backgroundColor: colours.line,
						borderDash: [6, 4],
						borderWidth: 2,
						pointRadius: 2
					}
				]
			} as ChartConfiguration['data'],
			options: {
				...baseOptions,
				// The legend below the chart names the hatching, which Chart.js's own cannot show.
				plugins: { legend: { display: false } },
				scales: { y: { beginAtZero: true } }
			},
			plugins: [hatch({ 0: rows.map((r) => (off(r) ? 'diagonal' : 'solid')) })]
		},
		legend: [
			{ label: m.review_forecast_actual_working(), color: colours.working },
			{ label: m.review_forecast_actual_off(), color: colours.weekend, pattern: 'diagonal' },
			{ label: m.review_forecast(), color: colours.line, pattern: 'dashed' }
		],
		table: {
			columns: [
				m.review_date(),
				m.review_day_kind(),
				m.review_forecast(),
				m.review_actual(),
				m.review_forecast_error_abs(),
				m.review_error()
			],
			rows: rows.map((r) => [
				r.date,
				kindLabel(r.kind),
				Math.round(r.forecast),
				r.actual,
				Math.round(r.error),
				r.actual ? pct(r.error / r.actual, lang) : m.review_no_data()
			])
		}
	};
}

/** Every chart of the review, in the order the meeting goes through them. */
export function reviewCharts(input: ReviewInput): ChartSpec[] {
	// `days` may reach back before the range (history for the week comparison); the other
	// charts count the range only.
	const ranged = {
		...input,
		days: input.days.filter((d) => d.date >= input.from && d.date <= input.to)
	};
	return [
		daily(ranged),
		workingVs(ranged),
		categories(ranged),
		channels(ranged),
		windows(ranged),
		heat(ranged),
		week(input),
		appointments(ranged),
		oneVisit(ranged),
		extended(ranged),
		compliance(ranged),
		forecast(ranged)
	];
}
