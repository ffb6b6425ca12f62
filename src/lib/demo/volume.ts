/**
 * Business volume for the months before `today`, with the shapes a hall manager expects: peaks
 * at 10:00 and 15:00, a busy Monday, quiet weekends and quieter holidays, a rush on the working
 * days next to a long holiday, a busy March and the weeks before Spring Festival.
 *
 * Row shapes:
 * - channel 'window', one row per category and service hour. On a non-working day the hall
 *   records per window (windowId set, the windows of that day's plan); on a working day per
 *   category (no windowId).
 * - channels 'online', 'mobile' and 'kiosk', one row per category and day with **hour 0**: hour 0
 *   means "a daily total" copied from the platforms' statistics, not traffic at midnight.
 */
import type { DayPlan, ServiceWindow, VolumeCounters, VolumeEntry } from '$lib/schemas';
import { volumeEntryId } from '$lib/schemas';
import {
	addDays,
	datesBetween,
	dayKind,
	daysAroundHoliday,
	holidayPeriods,
	weekday
} from '$lib/domain/calendar';
import { comprehensiveCategories, publicServiceCategory, type CategorySpec } from './catalogue';
import { centreId } from './organisation';
import type { Random } from './random';
import { monthsBefore } from './time';

/** Working days: 9:00–17:30 without the noon hour. Non-working days: 9:00–11:30, 14:00–17:00. */
const workingHours: [number, number][] = [
	[9, 0.12],
	[10, 0.17],
	[11, 0.14],
	[13, 0.08],
	[14, 0.14],
	[15, 0.16],
	[16, 0.12],
	[17, 0.07]
];
// 11:00 is a half hour (the session ends at 11:30), so its share is about half a busy hour's.
const nonWorkingHours: [number, number][] = [
	[9, 0.17],
	[10, 0.25],
	[11, 0.09],
	[14, 0.14],
	[15, 0.21],
	[16, 0.14]
];

/** Sunday … Saturday; a make-up Saturday or Sunday works like a slow Friday. */
const weekdayFactor = [0.9, 1.25, 1.05, 1.0, 0.97, 1.02, 0.9];
/** January … December: busy March, quiet August. */
const monthFactor = [1.05, 0.9, 1.2, 1.05, 1.0, 1.0, 0.95, 0.88, 1.05, 0.95, 1.0, 1.08];

/** Category peaks: tax returns in spring, property deals in spring, insurance at half years. */
function categoryFactor(category: string, month: number): number {
	if (category === '税务' && month >= 2 && month <= 5) return 1.15;
	if (category === '不动产登记' && month >= 2 && month <= 4) return 1.1;
	if (category === '社保医保' && (month === 0 || month === 6)) return 1.12;
	return 1;
}

const refusalReasons: [string, number][] = [
	['材料不全', 0.6],
	['不符合条件', 0.3],
	['非本中心受理事项', 0.1]
];

export interface VolumeOptions {
	today: string;
	months: number;
	plans: Map<string, DayPlan>;
	windows: ServiceWindow[];
}

/** The first date that carries volume: the same day `months` months back. */
export const volumeStart = (today: string, months: number) => monthsBefore(today, months);

export function createVolume(random: Random, options: VolumeOptions): VolumeEntry[] {
	const { today, months, plans, windows } = options;
	const start = volumeStart(today, months);
	const end = addDays(today, -1);
	const dates = datesBetween(start, end);
	const span = Math.max(1, dates.length - 1);
	const springStarts = holidayPeriods(addDays(start, -30), addDays(end, 40))
		.filter((p) => p.names.includes('春节'))
		.map((p) => p.from);
	const categories = [...comprehensiveCategories, publicServiceCategory];
	const rows: VolumeEntry[] = [];

	dates.forEach((date, index) => {
		const kind = dayKind(date);
		const month = Number(date.slice(5, 7)) - 1;
		// A mild upward trend: the 不打烊 service becomes better known over the year.
		let factor = monthFactor[month] * (0.92 + 0.08 * (index / span));
		if (kind.working) {
			factor *= weekdayFactor[weekday(date)];
			const around = daysAroundHoliday(date);
			if (around === 'before') factor *= 1.3;
			if (around === 'after') factor *= 1.4;
			if (springStarts.some((s) => s > date && s <= addDays(date, 21))) factor *= 1.15;
		} else if (kind.reason === 'holiday') {
			factor *= kind.holiday === '春节' ? 0.07 : 0.15;
		} else {
			factor *= random.between(0.3, 0.4);
		}
		factor *= 1 + 0.08 * random.normal();

		for (const spec of categories) {
			const daily = spec.dailyAccepted * factor * categoryFactor(spec.category, month);
			if (kind.working) {
				for (const [hour, share] of workingHours) {
					rows.push(windowRow(random, date, hour, spec.category, daily * share));
				}
			} else {
				const open = openWindows(random, plans.get(date), windows, spec);
				const weights = open.map(() => random.between(0.8, 1.2));
				const sum = weights.reduce((a, b) => a + b, 0);
				for (const [hour, share] of nonWorkingHours) {
					open.forEach((windowId, i) => {
						const mean = (daily * share * weights[i]) / sum;
						rows.push(windowRow(random, date, hour, spec.category, mean, windowId));
					});
				}
			}
			rows.push(...platformRows(random, date, spec, kind.working, factor));
		}
	});
	return rows;
}

/** Windows of the category that were staffed that day: from the plan, or as a plan would have. */
function openWindows(
	random: Random,
	plan: DayPlan | undefined,
	windows: ServiceWindow[],
	spec: CategorySpec
): string[] {
	const own = windows.filter((w) => w.category === spec.category).map((w) => w.id);
	if (plan) {
		const staffed = plan.windows
			.filter((w) => own.includes(w.windowId) && w.staffIds.length > 0)
			.map((w) => w.windowId);
		if (staffed.length) return staffed;
	}
	const busy = spec.category === '不动产登记' || spec.category === '行政审批';
	return own.slice(0, Math.min(own.length, random.chance(busy ? 0.35 : 0.15) ? 3 : 2));
}

function windowRow(
	random: Random,
	date: string,
	hour: number,
	category: string,
	mean: number,
	windowId?: string
): VolumeEntry {
	const counters = countersFor(random, mean, 0.45);
	return {
		id: volumeEntryId(centreId, date, hour, category, 'window', windowId),
		centreId,
		v: 1,
		date,
		hour,
		category,
		...(windowId ? { windowId } : {}),
		channel: 'window',
		counters,
		refusalReasons: reasons(random, counters.refused),
		waiting: Math.round(counters.accepted * random.between(0.1, 0.5))
	};
}

/** Daily totals from 网上办, 掌上办 and 自助办; the platforms keep serving on non-working days. */
function platformRows(
	random: Random,
	date: string,
	spec: CategorySpec,
	working: boolean,
	factor: number
): VolumeEntry[] {
	const shares = { online: working ? 0.7 : 0.35, mobile: working ? 0.5 : 0.3, kiosk: 0.15 };
	return (['online', 'mobile', 'kiosk'] as const).map((channel) => {
		// Online and mobile follow the working week less steeply than the hall does.
		const dayFactor = channel === 'kiosk' ? factor : Math.max(factor, 0.6);
		const counters = countersFor(random, spec.dailyAccepted * dayFactor * shares[channel], 0.1);
		return {
			id: volumeEntryId(centreId, date, 0, spec.category, channel),
			centreId,
			v: 1 as const,
			date,
			hour: 0,
			category: spec.category,
			channel,
			counters,
			refusalReasons: reasons(random, counters.refused)
		};
	});
}

function countersFor(random: Random, mean: number, consultShare: number): VolumeCounters {
	const accepted = random.count(mean);
	const completed = Math.round(accepted * random.between(0.9, 1));
	return {
		accepted,
		completed,
		consulted: random.count(mean * consultShare),
		oneVisit: Math.round(completed * random.between(0.85, 0.97)),
		refused: random.count(mean * 0.04)
	};
}

/** 一次告知: every refusal counted under its reason. */
function reasons(random: Random, refused: number): Record<string, number> {
	const out: Record<string, number> = {};
	for (let i = 0; i < refused; i++) {
		let r = random.next();
		const reason = refusalReasons.find(([, p]) => (r -= p) < 0)?.[0] ?? refusalReasons[0][0];
		out[reason] = (out[reason] ?? 0) + 1;
	}
	return out;
}
