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
import { defaultCentreSettings } from '$lib/schemas';

/** A year back, as the advice itself reads. */
const HISTORY_DAYS = 370;
/** Fewer runs than the bench: the shares move in the second decimal, and a tablet waits less. */
const REPLICATIONS = 100;

export async function checkAdvice(
	db: HallDatabase,
	centreId: string,
	from: string,
	to: string
): Promise<AdviceBacktest & { targetWaitMinutes: number }> {
	const historyFrom = addDays(from, -HISTORY_DAYS);
	const [days, centres, ruleSets, items, windows, plans, bookings, staff] = await Promise.all([
		rollup.between(db, centreId, historyFrom, to),
		repo.all(db, 'centre', centreId),
		repo.all(db, 'ruleSet', centreId),
		repo.all(db, 'serviceItem', centreId),
		repo.all(db, 'window', centreId),
		repo.between(db, 'dayPlan', centreId, from, to),
		repo.fieldsBetween(db, 'appointment', centreId, historyFrom, to, bookingFields),
		repo.all(db, 'staff', centreId)
	]);
	const settings = centres.rows[0]?.settings ?? defaultCentreSettings;
	const result = adviceBacktest({
		days,
		plans: plans.rows,
		windows: windows.rows,
		serviceItems: items.rows,
		settings,
		ruleSet: ruleSets.rows[0],
		overrides: hallCalendar(settings),
		bookings,
		staff: staff.rows.length ? staff.rows : undefined,
		from,
		to,
		seed: 7,
		replications: REPLICATIONS,
		working: false
	});
	return { ...result, targetWaitMinutes: settings.targetWaitMinutes };
}
