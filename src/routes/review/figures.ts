/** The key figures at the top of the review and of the printed report. Pure. */
import { extendedServiceMinutes, oneVisitRate, sumCounters } from '$lib/domain/volume';
import {
	byChannel,
	dailyFigures,
	refusalReasons,
	type AppointmentLite,
	type ReviewFilter,
	type RollupDay
} from '$lib/domain/review-figures';
import type { ComplianceDay } from '$lib/charts/review-charts';
import type { DayOverride } from '$lib/domain/calendar';

export interface KeyFigures {
	total: number;
	average: number;
	nonWorkingAverage: number;
	oneVisitRate: number | null;
	refused: number;
	topReason?: string;
	platformShare: number | null;
	extendedMinutes: number;
	noShowRate: number | null;
	complianceRate: number | null;
}

export function keyFigures(input: {
	days: RollupDay[];
	from: string;
	to: string;
	filter: ReviewFilter;
	overrides: DayOverride[];
	appointments: AppointmentLite[];
	plans: { date: string; extendedSessions: { start: string; end: string; served: number }[] }[];
	compliance: ComplianceDay[];
}): KeyFigures {
	const daily = dailyFigures(input.days, input.from, input.to, input.filter, input.overrides);
	const all = sumCounters(daily);
	const off = daily.filter((d) => d.kind === 'weekend' || d.kind === 'holiday');
	const channels = byChannel(input.days, input.filter);
	const hall = channels.find((c) => c.channel === 'window')?.counters.accepted ?? 0;
	const booked = input.appointments.filter((a) => a.status !== 'cancelled');
	const noShow = booked.filter((a) => a.status === 'no-show').length;
	const checked = input.compliance;
	return {
		total: all.accepted,
		average: daily.length ? all.accepted / daily.length : 0,
		nonWorkingAverage: off.length ? off.reduce((n, d) => n + d.accepted, 0) / off.length : 0,
		oneVisitRate: oneVisitRate(all),
		refused: all.refused,
		topReason: refusalReasons(input.days, input.filter)[0]?.reason,
		platformShare: all.accepted ? (all.accepted - hall) / all.accepted : null,
		extendedMinutes: extendedServiceMinutes(input.plans).minutes,
		noShowRate: booked.length ? noShow / booked.length : null,
		complianceRate: checked.length
			? checked.filter((c) => c.errors === 0).length / checked.length
			: null
	};
}
