/**
 * Forecast back-test on the demo year: every day of the last 8 weeks is forecast from the days
 * before it only (rolling origin), with each method, from history built the way the app builds it
 * (daily roll-ups → window arrivals per category and hour).
 *   npx tsx tests/bench/forecast-backtest.bench.ts
 * Prints one JSON line: value = MASE of the default method, ratio = its MAPE / seasonal-naive MAPE.
 */
import { generateDemo } from '../../src/lib/demo';
import { addDays } from '../../src/lib/domain/calendar';
import { compareMethods, defaultForecastMethod } from '../../src/lib/domain/forecast';
import { arrivalHistory, dayRollup } from '../../src/lib/domain/volume';
import type { VolumeEntry } from '../../src/lib/schemas';

const today = '2026-11-26';
const demo = generateDemo({ seed: 7, today, months: 12 });
const volume = demo.records.filter((r) => r.entity === 'volume').map((r) => r.data as VolumeEntry);
const byDate = new Map<string, VolumeEntry[]>();
for (const v of volume) byDate.set(v.date, [...(byDate.get(v.date) ?? []), v]);
const days = [...byDate].map(([date, rows]) => dayRollup(date, rows));
const history = arrivalHistory(days);
const from = addDays(today, -56);
const to = addDays(today, -1);
const results = compareMethods(history, { from, to });
const best = results[defaultForecastMethod];
const naive = results['seasonal-naive'];
const round = (x: number) => Math.round(x * 1000) / 1000;
console.log(
	JSON.stringify({
		name: 'forecast-backtest',
		value: round(best.mase),
		unit: 'MASE',
		ratio: round(best.mape / naive.mape),
		against: 'seasonal-naive MAPE',
		detail: Object.fromEntries(
			Object.entries(results).map(([k, r]) => [
				k,
				{ days: r.days, mape: round(r.mape), mae: round(r.mae), mase: round(r.mase) }
			])
		),
		period: { from, to }
	})
);
