import { describe, expect, it } from 'vitest';
import { datesBetween, dayKind, weekday } from './calendar';
import {
	backtest,
	comparableDays,
	compareMethods,
	dayProfile,
	defaultForecastMethod,
	forecastDay,
	indexHistory,
	monthPhase,
	seasonalNaive,
	weightedProfile,
	type HistoryRow
} from './forecast';
import { poisson, seededRandom } from './seeded';

const CATEGORIES: [string, number][] = [
	['行政审批', 0.5],
	['不动产登记', 0.3],
	['社保医保', 0.2]
];
const WORKING_HOURS = [9, 10, 11, 13, 14, 15, 16, 17];
const WORKING_SHAPE = [0.12, 0.18, 0.14, 0.06, 0.14, 0.16, 0.13, 0.07];
const OPEN_HOURS = [9, 10, 11, 14, 15, 16];
const OPEN_SHAPE = [0.2, 0.25, 0.12, 0.15, 0.17, 0.11];
const WEEKDAY_FACTOR = [0, 1.3, 1.0, 0.95, 1.0, 0.85, 0];

/**
 * A hall with 15 % yearly growth, a Monday peak, quiet weekends, quieter holidays and rushes
 * on the days around them, with Poisson noise.
 */
function syntheticHall(from: string, to: string, seed = 7): HistoryRow[] {
	const rnd = seededRandom(seed);
	const rows: HistoryRow[] = [];
	datesBetween(from, to).forEach((date, i) => {
		const base = 400 * (1 + (0.15 * i) / 365);
		const profile = dayProfile(date);
		const factor =
			profile === 'holiday'
				? 0.18
				: profile === 'weekend'
					? 0.3
					: profile === 'before-holiday'
						? 1.4
						: profile === 'after-holiday'
							? 1.6
							: dayKind(date).reason === 'make-up'
								? 0.8
								: WEEKDAY_FACTOR[weekday(date)];
		const working = profile !== 'holiday' && profile !== 'weekend';
		const hours = working ? WORKING_HOURS : OPEN_HOURS;
		const shape = working ? WORKING_SHAPE : OPEN_SHAPE;
		for (const [category, share] of CATEGORIES) {
			hours.forEach((hour, h) => {
				const arrivals = poisson(base * factor * share * shape[h], rnd);
				if (arrivals > 0) rows.push({ date, hour, category, arrivals });
			});
		}
	});
	return rows;
}

const history = syntheticHall('2024-01-01', '2025-12-31');

describe('dayProfile', () => {
	it('separates working days, weekends, holidays and the days around holidays', () => {
		expect(dayProfile('2025-10-14')).toBe('working');
		expect(dayProfile('2025-10-12')).toBe('weekend');
		expect(dayProfile('2025-10-03')).toBe('holiday');
		expect(dayProfile('2025-09-30')).toBe('before-holiday');
		expect(dayProfile('2025-10-09')).toBe('after-holiday');
		expect(dayProfile('2025-10-11')).toBe('working'); // make-up Saturday
		expect(dayProfile('2025-10-14', [{ date: '2025-10-14', working: false }])).toBe('weekend');
	});
});

describe('comparable days', () => {
	it('uses the same weekday for working days and the same festival for holidays', () => {
		const index = indexHistory(history);
		const tuesdays = comparableDays(index, '2025-11-18', 3);
		expect(tuesdays).toEqual(['2025-11-11', '2025-11-04', '2025-10-28']);
		expect(comparableDays(index, '2025-11-16', 2)).toEqual(['2025-11-15', '2025-11-09']);
		const nationalDay = comparableDays(index, '2025-10-01', 20);
		expect(nationalDay.every((d) => d.startsWith('2024-10-0'))).toBe(true);
		expect(nationalDay).toHaveLength(7);
	});

	it('forecasts Saturdays and Sundays apart only where the hall sees them differ', () => {
		const weekends = datesBetween('2025-09-01', '2025-11-30').filter(
			(d) => dayKind(d).reason === 'weekend'
		);
		const rows = (saturday: number, sunday: number): HistoryRow[] =>
			weekends.map((date) => ({
				date,
				hour: 10,
				category: '行政审批',
				arrivals: weekday(date) === 6 ? saturday : sunday
			}));
		const apart = comparableDays(indexHistory(rows(100, 50)), '2025-12-06', 4);
		expect(apart.every((d) => weekday(d) === 6)).toBe(true);
		expect(forecastDay(rows(100, 50), '2025-12-06').rows[0].arrivals).toBeCloseTo(100, 9);
		// Within 10 %: one profile, the most recent weekend days of either kind.
		const alike = comparableDays(indexHistory(rows(100, 95)), '2025-12-06', 4);
		expect(alike).toEqual(['2025-11-30', '2025-11-29', '2025-11-23', '2025-11-22']);
	});

	it('prefers the same place in a holiday run: the first day, the last or between', () => {
		// National Day 2024 ran 1–7 October: a crowd on its first and its last day.
		const rows: HistoryRow[] = datesBetween('2024-10-01', '2024-10-07').map((date) => ({
			date,
			hour: 10,
			category: '行政审批',
			arrivals: date === '2024-10-01' ? 40 : date === '2024-10-07' ? 60 : 10
		}));
		const index = indexHistory(rows);
		expect(comparableDays(index, '2025-10-01', 1)).toEqual(['2024-10-01']);
		expect(comparableDays(index, '2025-10-08', 1)).toEqual(['2024-10-07']);
		expect(comparableDays(index, '2025-10-04', 1)).toEqual(['2024-10-06']);
		expect(forecastDay(rows, '2025-10-08', { method: 'seasonal-naive' }).rows[0].arrivals).toBe(60);
	});

	it('carries the month cycle of a category (征期, month ends) to the working day forecast', () => {
		// 税务 sees half as many again in the filing days; 行政审批 has no cycle.
		const rows: HistoryRow[] = datesBetween('2024-12-01', '2025-11-30')
			.filter((d) => dayProfile(d) === 'working' && dayKind(d).reason !== 'make-up')
			.flatMap((date) => [
				{ date, hour: 10, category: '税务', arrivals: monthPhase(date) === 'filing' ? 30 : 20 },
				{ date, hour: 10, category: '行政审批', arrivals: 50 }
			]);
		const at = (date: string, category: string) =>
			forecastDay(rows, date).rows.find((r) => r.category === category)!.arrivals;
		// A filing Tuesday, forecast from Tuesdays in and out of the filing days.
		expect(monthPhase('2025-12-02')).toBe('filing');
		expect(at('2025-12-02', '税务')).toBeCloseTo(30, 9);
		expect(at('2025-12-16', '税务')).toBeCloseTo(20, 9);
		expect(at('2025-12-02', '行政审批')).toBeCloseTo(50, 9);
		expect(monthPhase('2025-12-30')).toBe('quarter-end');
		expect(monthPhase('2025-11-28')).toBe('month-end');
	});

	it('never looks at the day itself or later', () => {
		const index = indexHistory(history);
		for (const d of ['2025-03-03', '2025-10-01', '2025-06-07']) {
			expect(comparableDays(index, d, 10).every((x) => x < d)).toBe(true);
		}
	});
});

describe('forecasts', () => {
	it('seasonal naive repeats the last comparable day', () => {
		const rows = seasonalNaive(history, '2025-11-18');
		const lastWeek = history.filter((r) => r.date === '2025-11-11');
		expect(rows.reduce((s, r) => s + r.arrivals, 0)).toBe(
			lastWeek.reduce((s, r) => s + r.arrivals, 0)
		);
		expect(rows).toContainEqual({
			category: lastWeek[0].category,
			hour: lastWeek[0].hour,
			arrivals: lastWeek[0].arrivals
		});
	});

	it('weighted profile averages comparable days and keeps the non-working hours', () => {
		const rows = weightedProfile(history, '2025-11-16');
		expect(new Set(rows.map((r) => r.hour))).toEqual(new Set(OPEN_HOURS));
		const total = rows.reduce((s, r) => s + r.arrivals, 0);
		// A Sunday in late 2025: 400 · (1 + 0.15 · 685/365) · 0.3 ≈ 154.
		expect(total).toBeGreaterThan(135);
		expect(total).toBeLessThan(175);
	});

	it('scales an old holiday to the current level', () => {
		// Made-up history: National Day 2024 had 100 a day at a level of 1000 working-day
		// arrivals; by late September 2025 the level is 2000, so the forecast doubles.
		const rows: HistoryRow[] = [];
		for (const d of datesBetween('2024-09-01', '2024-10-07')) {
			const p = dayProfile(d);
			if (p === 'holiday') rows.push({ date: d, hour: 10, category: 'x', arrivals: 100 });
			if (p === 'working') rows.push({ date: d, hour: 10, category: 'x', arrivals: 1000 });
		}
		for (const d of datesBetween('2025-09-01', '2025-09-30')) {
			if (dayProfile(d) === 'working')
				rows.push({ date: d, hour: 10, category: 'x', arrivals: 2000 });
		}
		const f = forecastDay(rows, '2025-10-02', { method: 'weighted-profile' });
		expect(f.profile).toBe('holiday');
		expect(f.rows).toEqual([{ category: 'x', hour: 10, arrivals: 200 }]);
		const naive = forecastDay(rows, '2025-10-02', { method: 'seasonal-naive' });
		expect(naive.rows).toEqual([{ category: 'x', hour: 10, arrivals: 100 }]);
	});

	it('says what it rests on, and forecasts nothing without comparable days', () => {
		const f = forecastDay(history, '2025-11-18');
		expect(f.method).toBe(defaultForecastMethod);
		expect(f.basedOn).toHaveLength(6);
		const empty = forecastDay(history, '2024-01-01');
		expect(empty.rows).toEqual([]);
		expect(empty.basedOn).toEqual([]);
	});
});

describe('backtest', () => {
	// Figures on this synthetic hall (seed 7), 2025-07-01 … 2025-12-31, 184 days:
	//   seasonal-naive   MAPE 0.135  MASE 1.103
	//   weighted-profile MAPE 0.105  MASE 0.862
	// (0.134 / 1.100 and 0.104 / 0.861 before holidays were matched by their place in the run:
	// this synthetic hall has no first-day or last-day crowd, so the older matches cost a little.)
	// Poisson noise alone puts naive at about √2 times the noise and an average of k days near
	// the noise itself, so about 0.7 of naive is the best any method could do here.
	const period = { from: '2025-07-01', to: '2025-12-31' };

	it('the weighted profile beats seasonal naive on MAPE and MASE', () => {
		const r = compareMethods(history, period);
		const naive = r['seasonal-naive'];
		const weighted = r['weighted-profile'];
		expect(naive.days).toBe(184);
		expect(weighted.days).toBe(184);
		expect(naive.mape).toBeCloseTo(0.135, 3);
		expect(weighted.mape).toBeCloseTo(0.105, 3);
		expect(naive.mase).toBeCloseTo(1.103, 3);
		expect(weighted.mase).toBeCloseTo(0.862, 3);
		expect(weighted.mape).toBeLessThan(naive.mape * 0.85);
		expect(weighted.mase).toBeLessThan(naive.mase * 0.85);
		expect(weighted.mase).toBeLessThan(1);
		expect(naive.scale).toBe(weighted.scale);
		// The default method is the winner.
		expect(defaultForecastMethod).toBe('weighted-profile');
	});

	it('scores a perfect forecast as zero error', () => {
		// A hall that is the same every day of each profile (and weekday, and make-up days).
		const arrivals = (date: string) =>
			dayKind(date).reason === 'make-up'
				? 45
				: dayProfile(date) === 'working'
					? 50 + 10 * weekday(date)
					: 20;
		const rows: HistoryRow[] = datesBetween('2025-01-01', '2025-06-30').map((date) => ({
			date,
			hour: 10,
			category: 'x',
			arrivals: arrivals(date)
		}));
		const r = backtest(rows, { from: '2025-04-01', to: '2025-06-30', method: 'weighted-profile' });
		expect(r.mae).toBe(0);
		expect(r.mape).toBe(0);
	});
});
