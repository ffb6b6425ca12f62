/**
 * The advice checked against the hall's own past: the 不打烊 days of a review range replayed with
 * the windows their plans opened and with those the advice would have asked for, from what the
 * device holds (domain/advice-backtest.ts). Run when a manager asks, not on every redraw: it
 * simulates every category and session of every day.
 */
import { repo, rollup, type HallDatabase } from '$lib/local';
import { adviceBacktest, type AdviceBacktest } from '$lib/domain/advice-backtest';
import { addDays, hallCalendar } from '$lib/domain/calendar';
import { bookingFields } from '$lib/domain/known-demand';
import { centreLists, HISTORY_DAYS } from './advice-reads';

/** Fewer runs than the bench: the shares move in the second decimal, and a tablet waits less. */
const REPLICATIONS = 100;

export async function checkAdvice(
	db: HallDatabase,
	centreId: string,
	from: string,
	to: string
): Promise<AdviceBacktest & { targetWaitMinutes: number }> {
	const historyFrom = addDays(from, -HISTORY_DAYS);
	const [days, lists, plans, bookings] = await Promise.all([
		rollup.between(db, centreId, historyFrom, to),
		centreLists(db, centreId),
		repo.between(db, 'dayPlan', centreId, from, to),
		repo.fieldsBetween(db, 'appointment', centreId, historyFrom, to, bookingFields)
	]);
	const { settings, staff } = lists;
	const result = adviceBacktest({
		days,
		plans: plans.rows,
		windows: lists.windows,
		serviceItems: lists.serviceItems,
		settings,
		ruleSet: lists.ruleSet,
		overrides: hallCalendar(settings),
		bookings,
		staff: staff.length ? staff : undefined,
		from,
		to,
		seed: 7,
		replications: REPLICATIONS,
		working: false
	});
	return { ...result, targetWaitMinutes: settings.targetWaitMinutes };
}
