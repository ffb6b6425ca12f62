import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { channels, type ServiceItem, type VolumeEntry } from '../schemas';
import {
	addCounters,
	arrivalHistory,
	dailyRollup,
	emptyCounters,
	extendedServiceMinutes,
	mergeDaily,
	oneVisitRate,
	pastDeadline,
	refusalReasons,
	rollup,
	totals,
	type RollupDimension
} from './volume';

let n = 0;
function entry(
	over: Partial<Omit<VolumeEntry, 'counters'>> & { counters?: Partial<VolumeEntry['counters']> }
): VolumeEntry {
	const { counters, ...rest } = over;
	return {
		id: `v${n++}`,
		centreId: 'c1',
		v: 1,
		date: '2025-10-12',
		hour: 9,
		category: '行政审批',
		channel: 'window',
		refusalReasons: {},
		...rest,
		counters: { ...emptyCounters(), ...counters }
	};
}

const sample: VolumeEntry[] = [
	entry({
		date: '2025-09-29',
		hour: 9,
		windowId: 'a1',
		counters: { accepted: 5, completed: 4, oneVisit: 3 }
	}),
	entry({
		date: '2025-09-29',
		hour: 10,
		windowId: 'a1',
		counters: { accepted: 2, completed: 2, oneVisit: 2 }
	}),
	entry({
		date: '2025-10-05',
		hour: 9,
		category: '不动产登记',
		windowId: 'b1',
		counters: { accepted: 1, refused: 2 },
		refusalReasons: { 材料不全: 2 }
	}),
	entry({
		date: '2025-10-06',
		hour: 14,
		channel: 'online',
		counters: { accepted: 7, completed: 7, oneVisit: 7 }
	}),
	entry({
		date: '2025-10-06',
		hour: 14,
		category: '不动产登记',
		windowId: 'b1',
		counters: { consulted: 3, refused: 1 },
		refusalReasons: { 材料不全: 1, 非本人办理: 1 }
	})
];

describe('rollup', () => {
	it('sums counters per key in key order', () => {
		const rows = rollup(sample, { by: ['category'] });
		expect(rows.map((r) => [r.key.category, r.counters.accepted, r.entries])).toEqual([
			['不动产登记', 1, 2],
			['行政审批', 14, 3]
		]);
		expect(rows[0].refusalReasons).toEqual({ 材料不全: 3, 非本人办理: 1 });
	});

	it('keys weeks by their Monday and months by YYYY-MM', () => {
		const weeks = rollup(sample, { by: ['week'] });
		// 29 September to 5 October 2025 is one ISO week; the 6th starts the next.
		expect(weeks.map((r) => [r.key.week, r.counters.accepted])).toEqual([
			['2025-09-29', 8],
			['2025-10-06', 7]
		]);
		expect(rollup(sample, { by: ['month'] }).map((r) => r.key.month)).toEqual([
			'2025-09',
			'2025-10'
		]);
	});

	it('groups by several dimensions, windows and hours included', () => {
		const rows = rollup(sample, { by: ['channel', 'window', 'hour'] });
		expect(rows.map((r) => r.key)).toEqual([
			{ channel: 'online', window: '-', hour: 14 },
			{ channel: 'window', window: 'a1', hour: 9 },
			{ channel: 'window', window: 'a1', hour: 10 },
			{ channel: 'window', window: 'b1', hour: 9 },
			{ channel: 'window', window: 'b1', hour: 14 }
		]);
		expect(rollup(sample, { by: [] })).toEqual([
			{
				key: {},
				counters: totals(sample),
				refusalReasons: { 材料不全: 3, 非本人办理: 1 },
				entries: 5
			}
		]);
	});

	it('never loses or invents volume, whatever the grouping', () => {
		const dims: RollupDimension[] = [
			'day',
			'week',
			'month',
			'category',
			'channel',
			'window',
			'hour'
		];
		const arbEntry = fc.record({
			date: fc.constantFrom('2025-09-28', '2025-10-01', '2025-10-12', '2025-11-03'),
			hour: fc.integer({ min: 8, max: 18 }),
			category: fc.constantFrom('a', 'b', 'c'),
			channel: fc.constantFrom(...channels),
			windowId: fc.option(fc.constantFrom('w1', 'w2'), { nil: undefined }),
			accepted: fc.nat(50),
			refused: fc.nat(5)
		});
		fc.assert(
			fc.property(fc.array(arbEntry, { maxLength: 60 }), fc.subarray(dims), (raw, by) => {
				const es = raw.map(({ accepted, refused, ...e }) =>
					entry({ ...e, counters: { accepted, refused } })
				);
				const rows = rollup(es, { by });
				const sum = rows.reduce((s, r) => addCounters(s, r.counters), emptyCounters());
				expect(sum).toEqual(totals(es));
				expect(rows.reduce((s, r) => s + r.entries, 0)).toBe(es.length);
				expect(new Set(rows.map((r) => JSON.stringify(r.key))).size).toBe(rows.length);
			})
		);
	});
});

describe('one visit and refusals', () => {
	it('computes the one-visit rate over completed matters', () => {
		expect(oneVisitRate(totals(sample))).toBeCloseTo(12 / 13, 12);
		expect(oneVisitRate(emptyCounters())).toBeNull();
	});

	it('totals refusal reasons, most frequent first', () => {
		expect(refusalReasons(sample)).toEqual([
			{ reason: '材料不全', count: 3 },
			{ reason: '非本人办理', count: 1 }
		]);
	});
});

describe('pastDeadline', () => {
	const item = (id: string, deadlineDays: number) => ({ id, deadlineDays }) as ServiceItem;
	const items = [item('quick', 0), item('three', 3)];

	it('counts deadlines in working days across the National Day holiday', () => {
		const cases = [
			// Accepted 30 September, 3 working days: 9, 10 and 11 (make-up Saturday) October.
			{ id: 'a', serviceItemId: 'three', acceptedOn: '2025-09-30' },
			{ id: 'b', serviceItemId: 'quick', acceptedOn: '2025-10-09' },
			{ id: 'c', serviceItemId: 'quick', acceptedOn: '2025-10-10', completedOn: '2025-10-10' },
			{ id: 'd', serviceItemId: 'unknown', acceptedOn: '2025-01-01' }
		];
		expect(pastDeadline(cases, items, '2025-10-11T10:00:00+08:00')).toEqual([
			{ case: cases[1], deadline: '2025-10-09', workingDaysOver: 2, open: true }
		]);
		const later = pastDeadline(cases, items, '2025-10-14T02:00:00Z');
		expect(later.map((o) => [o.case.id, o.deadline, o.workingDaysOver])).toEqual([
			['b', '2025-10-09', 4],
			['a', '2025-10-11', 2]
		]);
	});

	it('reports late completions on request', () => {
		const cases = [
			{ id: 'a', serviceItemId: 'three', acceptedOn: '2025-09-30', completedOn: '2025-10-13' },
			{ id: 'b', serviceItemId: 'three', acceptedOn: '2025-09-30', completedOn: '2025-10-11' }
		];
		expect(pastDeadline(cases, items, '2025-10-20')).toEqual([]);
		expect(pastDeadline(cases, items, '2025-10-20', { includeCompleted: true })).toEqual([
			{ case: cases[0], deadline: '2025-10-11', workingDaysOver: 1, open: false }
		]);
	});

	it('honours centre overrides of the calendar', () => {
		const cases = [{ id: 'a', serviceItemId: 'three', acceptedOn: '2025-10-13' }];
		const closed = [{ date: '2025-10-15', working: false }];
		expect(pastDeadline(cases, items, '2025-10-17')).toHaveLength(1);
		expect(pastDeadline(cases, items, '2025-10-17', { overrides: closed })).toEqual([]);
	});
});

describe('extendedServiceMinutes', () => {
	it('adds the extended sessions of each day', () => {
		const plans = [
			{
				date: '2025-10-13',
				extendedSessions: [
					{ windowId: 'a1', start: '12:00', end: '12:25', served: 3 },
					{ start: '17:30', end: '18:10', served: 5 }
				]
			},
			{
				date: '2025-10-14',
				extendedSessions: [
					{ start: '2025-10-14T09:30:00Z', end: '2025-10-14T10:00:00Z', served: 2 },
					{ start: '18:00', end: '17:00', served: 0 }
				]
			}
		];
		expect(extendedServiceMinutes(plans)).toEqual({
			minutes: 95,
			served: 10,
			byDate: {
				'2025-10-13': { minutes: 65, served: 8 },
				'2025-10-14': { minutes: 30, served: 2 }
			}
		});
	});
});

describe('daily aggregates', () => {
	it('keeps one row per date with category and channel breakdowns', () => {
		const days = dailyRollup(sample);
		expect(days.map((d) => d.date)).toEqual(['2025-09-29', '2025-10-05', '2025-10-06']);
		const oct6 = days[2];
		expect(oct6.totals).toEqual({
			accepted: 7,
			completed: 7,
			consulted: 3,
			oneVisit: 7,
			refused: 1
		});
		expect(Object.keys(oct6.byCategory).sort()).toEqual(['不动产登记', '行政审批']);
		expect(oct6.byChannel.online?.accepted).toBe(7);
		expect(oct6.byChannel.window?.consulted).toBe(3);
		expect(oct6.refusalReasons).toEqual({ 材料不全: 1, 非本人办理: 1 });
	});

	it('merging the aggregates of two halves equals aggregating everything', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						category: fc.constantFrom('a', 'b'),
						channel: fc.constantFrom(...channels),
						accepted: fc.nat(20),
						oneVisit: fc.nat(20),
						reason: fc.constantFrom('x', 'y')
					}),
					{ minLength: 1, maxLength: 40 }
				),
				fc.nat(),
				(raw, cutAt) => {
					const es = raw.map((r) =>
						entry({
							category: r.category,
							channel: r.channel,
							counters: { accepted: r.accepted, oneVisit: r.oneVisit },
							refusalReasons: { [r.reason]: 1 }
						})
					);
					const k = cutAt % (es.length + 1);
					const [whole] = dailyRollup(es);
					const left = dailyRollup(es.slice(0, k))[0];
					const right = dailyRollup(es.slice(k))[0];
					const merged = left && right ? mergeDaily(left, right) : (left ?? right);
					expect(merged).toEqual(whole);
				}
			)
		);
	});

	it('refuses to merge different dates and leaves its inputs alone', () => {
		const [a, b] = dailyRollup(sample);
		expect(() => mergeDaily(a, b)).toThrow();
		const before = structuredClone(a);
		mergeDaily(a, a);
		expect(a).toEqual(before);
	});
});

describe('arrivalHistory', () => {
	it('counts people at windows per date, hour and category', () => {
		expect(arrivalHistory(sample)).toEqual([
			{ date: '2025-09-29', hour: 9, category: '行政审批', arrivals: 5 },
			{ date: '2025-09-29', hour: 10, category: '行政审批', arrivals: 2 },
			{ date: '2025-10-05', hour: 9, category: '不动产登记', arrivals: 3 },
			{ date: '2025-10-06', hour: 14, category: '不动产登记', arrivals: 4 }
		]);
		expect(arrivalHistory(sample, ['online'])).toEqual([
			{ date: '2025-10-06', hour: 14, category: '行政审批', arrivals: 7 }
		]);
	});
});

describe('roll-ups keyed by names an object inherits', () => {
	it('add up categories and reasons named __proto__, constructor and prototype', () => {
		const rows: VolumeEntry[] = JSON.parse(
			JSON.stringify(
				['__proto__', 'constructor', 'prototype', 'constructor'].map((name) =>
					entry({ category: name, counters: { accepted: 1 }, refusalReasons: { [name]: 2 } })
				)
			)
		);
		const [day] = dailyRollup(rows);
		expect(Object.keys(day.byCategory)).toEqual(['__proto__', 'constructor', 'prototype']);
		expect(day.byCategory['constructor'].accepted).toBe(2);
		expect(day.refusalReasons).toEqual(JSON.parse('{"__proto__":2,"constructor":4,"prototype":2}'));
		const merged = mergeDaily(day, day);
		expect(merged.byCategory['constructor'].accepted).toBe(4);
		expect(Object.getOwnPropertyDescriptor(merged.byCategory, '__proto__')?.value.accepted).toBe(2);
		expect(refusalReasons(rows)).toEqual([
			{ reason: 'constructor', count: 4 },
			{ reason: '__proto__', count: 2 },
			{ reason: 'prototype', count: 2 }
		]);
		const byCategory = rollup(rows, { by: ['category'] });
		expect(byCategory.map((r) => [r.key.category, r.counters.accepted])).toEqual([
			['__proto__', 1],
			['constructor', 2],
			['prototype', 1]
		]);
		expect(({} as Record<string, unknown>).constructor).toBe(Object);
	});
});
