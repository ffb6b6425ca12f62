/**
 * The session model's cost on the demo: window advice for each Saturday and Sunday of the last
 * 8 weeks, from the days before it only, with the plan the demo holds for it. The advice runs the
 * session simulation for every category and session (400 replications for each window count it
 * tries), so this is the figure that says whether the planner can recompute on every tap.
 *   npx tsx tests/bench/advice.bench.ts
 * Prints one JSON line: value = milliseconds per day of advice, ratio = that against the same
 * days sized hour by hour with Erlang C alone (the previous model), measured in the same run.
 * Also reports, over those days, the mean predicted wait with the planned and the advised windows
 * and the window-sessions each uses.
 */
import { generateDemo } from '../../src/lib/demo';
import { addDays, dayKind } from '../../src/lib/domain/calendar';
import { dayAdvice } from '../../src/lib/domain/day-advice';
import { indexHistory } from '../../src/lib/domain/forecast';
import { serversNeeded } from '../../src/lib/domain/staffing';
import { arrivalHistory, dayRollup } from '../../src/lib/domain/volume';
import { emit } from './lib';
import {
	defaultCentreSettings,
	defaultRuleNumbers,
	type DayPlan,
	type ServiceItem,
	type ServiceWindow,
	type VolumeEntry
} from '../../src/lib/schemas';

const today = '2026-11-26';
const demo = generateDemo({ seed: 7, today, months: 12 });
const of = <T>(entity: string) =>
	demo.records.filter((r) => r.entity === entity).map((r) => r.data as T);
const volume = of<VolumeEntry>('volume');
const windows = of<ServiceWindow>('window');
const items = of<ServiceItem>('serviceItem');
const plans = new Map(of<DayPlan>('dayPlan').map((p) => [p.date, p]));
const byDate = new Map<string, VolumeEntry[]>();
for (const v of volume) byDate.set(v.date, [...(byDate.get(v.date) ?? []), v]);
const rollups = [...byDate].map(([date, rows]) => dayRollup(date, rows));

const days: string[] = [];
for (let d = addDays(today, -56); d < today; d = addDays(d, 1))
	if (!dayKind(d).working) days.push(d);

const ruleSet = { id: 'r', centreId: windows[0].centreId, v: 1 as const, ...defaultRuleNumbers };
const inputs = days.map((date) => ({
	date,
	history: indexHistory(arrivalHistory(rollups.filter((r) => r.date < date))),
	settings: defaultCentreSettings,
	ruleSet,
	serviceItems: items,
	windows,
	plan: plans.get(date)
}));

function time(run: () => void, rounds: number): number {
	const start = performance.now();
	for (let i = 0; i < rounds; i++) run();
	return (performance.now() - start) / rounds;
}

// Baseline: the same forecasts sized hour by hour with Erlang C.
const advised = inputs.map((i) => dayAdvice(i));
const cells = advised.flatMap((a) => a.hourly);
const erlangC = time(() => {
	for (const c of cells)
		serversNeeded({
			arrivalsPerHour: c.arrivals,
			handleMinutes: 15,
			targetWaitMinutes: 15,
			serviceLevel: 0.8
		});
}, 50);
const model = time(() => inputs.forEach((i) => dayAdvice(i)), 3);

// Sessions with people and a window both ways (thin-data days may advise a desk's rule minimum of 0).
const sessions = advised
	.flatMap((a) => a.sessions)
	.filter((s) => s.arrivals > 0 && s.planned > 0 && s.recommended > 0);
const mean = (f: (s: (typeof sessions)[number]) => number) =>
	sessions.reduce((t, s) => t + f(s), 0) / sessions.length;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
emit({
	name: 'advice-session-model',
	value: round(model / days.length),
	unit: 'ms per day',
	ratio: round(model / erlangC, 1),
	against: 'hourly Erlang C sizing of the same days',
	detail: {
		days: days.length,
		sessions: sessions.length,
		simulated: sessions.filter((s) => s.withRecommended?.method === 'simulation').length,
		meanWaitPlanned: round(mean((s) => s.waitWithPlanned)),
		waitAtClosePlanned: round(mean((s) => s.withPlanned!.waitAtClose)),
		waitAtCloseAdvised: round(mean((s) => s.withRecommended!.waitAtClose)),
		meanWaitAdvised: round(mean((s) => s.waitWithRecommended)),
		windowSessionsPlanned: sessions.reduce((t, s) => t + s.planned, 0),
		windowSessionsAdvised: sessions.reduce((t, s) => t + s.recommended, 0),
		shortOfWindows: sessions.filter((s) => s.shortfall).length
	}
});
