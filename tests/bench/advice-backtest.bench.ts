/**
 * Advice back-test on the demo year: every past day replayed with the windows its plan opened and
 * with the windows the advice (from the days before it only) asked for, the day's actual window
 * arrivals simulated under each (src/lib/domain/advice-backtest.ts). Two periods: the year after
 * its first 8 weeks (those give the forecast its history) and the held-out last 8 weeks.
 *   npx tsx tests/bench/advice-backtest.bench.ts
 * Prints one JSON line: value = share of people waiting over the target under the advice on the
 * held-out 不打烊 days, ratio = that against the same share under the plan. The demo holds day
 * plans for the last 8 weeks of 不打烊 days only, so over the year the plan leaves the other days
 * unserved; `withPlan` is the like-for-like comparison.
 */
import { generateDemo } from '../../src/lib/demo';
import { adviceBacktest, type AdviceBacktest } from '../../src/lib/domain/advice-backtest';
import { addDays } from '../../src/lib/domain/calendar';
import { dayRollup } from '../../src/lib/domain/volume';
import {
	type Appointment,
	type DayPlan,
	type RuleSet,
	type ServiceItem,
	type ServiceWindow,
	type Staff,
	type VolumeEntry
} from '../../src/lib/schemas';
import { emit, log } from './lib';

/**
 * Simulation runs per category, session and scenario: the advice's own count. The shares move in
 * the third decimal between seeds; the advice for each day, not the replay, is most of the time.
 */
const REPLICATIONS = 400;

const started = performance.now();
const today = '2026-11-26';
const demo = generateDemo({ seed: 7, today, months: 12 });
const of = <T>(entity: string) =>
	demo.records.filter((r) => r.entity === entity).map((r) => r.data as T);
const byDate = new Map<string, VolumeEntry[]>();
for (const v of of<VolumeEntry>('volume')) byDate.set(v.date, [...(byDate.get(v.date) ?? []), v]);
const days = [...byDate].map(([date, rows]) => dayRollup(date, rows));
const first = [...byDate.keys()].sort()[0];
const input = {
	days,
	plans: of<DayPlan>('dayPlan'),
	windows: of<ServiceWindow>('window'),
	serviceItems: of<ServiceItem>('serviceItem'),
	settings: demo.centre.settings,
	ruleSet: of<RuleSet>('ruleSet')[0],
	seed: 7,
	replications: REPLICATIONS,
	// The advice knows each day's bookings, as on a tablet that holds the ledger.
	bookings: of<Appointment>('appointment'),
	// …and who is on duty, so it never asks for windows nobody can open.
	staff: of<Staff>('staff')
};
const periods = {
	year: { from: addDays(first, 56), to: addDays(today, -1) },
	heldOut: { from: addDays(today, -56), to: addDays(today, -1) }
};
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const results: Record<string, AdviceBacktest & { seconds: number }> = {};
for (const [name, period] of Object.entries(periods)) {
	const t = performance.now();
	const result = adviceBacktest({ ...input, ...period });
	results[name] = { ...result, seconds: round((performance.now() - t) / 1000, 1) };
	log(name, period.from, '→', period.to, `${results[name].seconds} s`);
}

const rounded = (o: unknown): unknown =>
	typeof o === 'number'
		? round(o)
		: o && typeof o === 'object'
			? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, rounded(v)]))
			: o;
const held = results.heldOut.nonWorking;
emit({
	name: 'advice-backtest',
	value: held.advised.overTargetShare,
	unit: 'share of people over the target wait, advised windows, held-out 不打烊 days',
	ratio:
		held.planned.overTargetShare > 0
			? held.advised.overTargetShare / held.planned.overTargetShare
			: null,
	against: 'the planned windows, same days and people',
	replications: REPLICATIONS,
	seconds: round((performance.now() - started) / 1000, 1),
	detail: rounded(results)
});
