import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { channels, type ServiceItem, type VolumeEntry } from '$lib/schemas';
import {
	addCounters,
	arrivalHistory,
	dayRollup,
	extendedServiceMinutes,
	extendedSpells,
	movingAverage,
	oneVisitRate,
	pastDeadline,
	sumCounters,
	visitMix,
	windowArrivals,
	zeroCounters
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
		counters: { ...zeroCounters(), ...counters }
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

describe('counters', () => {
	it('start at zero, add up and leave a missing side alone', () => {
		const sum = sumCounters(sample.map((e) => e.counters));
		expect(sum).toEqual({ accepted: 15, completed: 13, consulted: 3, oneVisit: 12, refused: 3 });
		expect(addCounters(zeroCounters(), undefined)).toEqual(zeroCounters());
		expect(addCounters(zeroCounters(), { accepted: 2 })).toMatchObject({ accepted: 2, refused: 0 });
		expect(zeroCounters()).not.toBe(zeroCounters());
	});

	it('count window arrivals as accepted, consulted and refused', () => {
		expect(
			windowArrivals({ ...zeroCounters(), accepted: 2, consulted: 3, refused: 1, completed: 9 })
		).toBe(6);
	});

	it('computes the one-visit rate over completed matters', () => {
		expect(oneVisitRate(sumCounters(sample.map((e) => e.counters)))).toBeCloseTo(12 / 13, 12);
		expect(oneVisitRate(zeroCounters())).toBeNull();
	});
});

describe('dayRollup', () => {
	const DATE = '2026-11-28';
	const row = (hour: number, accepted: number, extra: Partial<VolumeEntry> = {}) =>
		entry({
			date: DATE,
			hour,
			category: '税务',
			counters: { accepted, completed: accepted, consulted: 1, oneVisit: accepted, refused: 1 },
			refusalReasons: { 材料不全: 1 },
			...extra
		});

	it('carries categories, channels, hours, windows, reasons and the longest queue', () => {
		const day = dayRollup(DATE, [
			row(9, 4, { windowId: 'w1', waiting: 3 }),
			row(9, 2, { windowId: 'w2', waiting: 4 }),
			row(10, 5, { windowId: 'w1', waiting: 2 }),
			row(0, 30, { channel: 'online' })
		]);
		expect(day.totals.accepted).toBe(41);
		expect(day.byChannel.online?.accepted).toBe(30);
		expect(day.cells['税务'].window.accepted).toBe(11);
		expect(day.cells['税务'].online.accepted).toBe(30);
		expect(day.hours['税务'][9].accepted).toBe(6);
		expect(day.hours['税务'][0]).toBeUndefined();
		expect(day.windows.w1).toMatchObject({ accepted: 9, category: '税务' });
		expect(day.refusalReasons['税务']['材料不全']).toBe(4);
		// Snapshots add up over the windows of one hour; the peak is the busiest hour.
		expect(day.waitingPeak['税务']).toBe(7);
		expect(day.pending).toBe(false);
		expect(dayRollup(DATE, [{ ...row(9, 1), pending: true }]).pending).toBe(true);
	});

	it('counts names an object inherits as ordinary categories, reasons and windows', () => {
		// Rows stored before such names were refused (or typed on another system) still roll up.
		const named = (name: string, hour: number) =>
			row(hour, 2, {
				category: name,
				windowId: name,
				waiting: 1,
				refusalReasons: { [name]: 1, prototype: 2 }
			});
		const rows = [named('__proto__', 9), named('constructor', 10), named('constructor', 11)];
		// JSON.parse makes `__proto__` an own key, as a pulled row has it.
		const day = dayRollup(DATE, JSON.parse(JSON.stringify(rows)));
		expect(Object.keys(day.byCategory)).toEqual(['__proto__', 'constructor']);
		expect(day.byCategory['constructor'].accepted).toBe(4);
		expect(Object.getOwnPropertyDescriptor(day.byCategory, '__proto__')?.value.accepted).toBe(2);
		expect(day.cells['constructor'].window.accepted).toBe(4);
		expect(day.hours['constructor'][11].accepted).toBe(2);
		expect(day.windows['constructor']).toMatchObject({ accepted: 4, category: 'constructor' });
		expect(day.refusalReasons['constructor']).toEqual({ constructor: 2, prototype: 4 });
		expect(day.waitingPeak['constructor']).toBe(1);
		expect(({} as Record<string, unknown>).constructor).toBe(Object);
	});

	it('never loses or invents volume, whatever the rows', () => {
		const arbEntry = fc.record({
			hour: fc.integer({ min: 8, max: 18 }),
			category: fc.constantFrom('a', 'b', 'c'),
			channel: fc.constantFrom(...channels),
			windowId: fc.option(fc.constantFrom('w1', 'w2'), { nil: undefined }),
			accepted: fc.nat(50),
			refused: fc.nat(5)
		});
		fc.assert(
			fc.property(fc.array(arbEntry, { maxLength: 60 }), (raw) => {
				const es = raw.map(({ accepted, refused, ...e }) =>
					entry({ ...e, date: DATE, counters: { accepted, refused } })
				);
				const day = dayRollup(DATE, es);
				const total = sumCounters(es.map((e) => e.counters));
				expect(day.totals).toEqual(total);
				const cells = Object.values(day.cells).flatMap((byChannel) => Object.values(byChannel));
				expect(sumCounters(cells)).toEqual(total);
				expect(sumCounters(Object.values(day.byCategory))).toEqual(total);
				const window = sumCounters(es.filter((e) => e.channel === 'window').map((e) => e.counters));
				const hours = Object.values(day.hours).flatMap((byHour) => Object.values(byHour));
				expect(sumCounters(hours)).toEqual(window);
			})
		);
	});
});

describe('arrivalHistory', () => {
	it('counts people at windows per date, hour and category, from roll-ups', () => {
		const days = ['2025-09-29', '2025-10-05', '2025-10-06'].map((date) =>
			dayRollup(
				date,
				sample.filter((e) => e.date === date)
			)
		);
		expect(arrivalHistory(days)).toEqual([
			{ date: '2025-09-29', hour: 9, category: '行政审批', arrivals: 5 },
			{ date: '2025-09-29', hour: 10, category: '行政审批', arrivals: 2 },
			{ date: '2025-10-05', hour: 9, category: '不动产登记', arrivals: 3 },
			{ date: '2025-10-06', hour: 14, category: '不动产登记', arrivals: 4 }
		]);
	});
});

describe('visitMix', () => {
	it('sums cases, consultations and refusals at the windows of each category', () => {
		const day = dayRollup('2025-10-05', [
			entry({
				date: '2025-10-05',
				category: '税务',
				hour: 9,
				counters: { accepted: 4, consulted: 2, refused: 1 }
			}),
			entry({
				date: '2025-10-05',
				category: '税务',
				hour: 10,
				counters: { accepted: 3, consulted: 0, refused: 0 }
			}),
			// A platform total carries no hour: not a window visit.
			entry({
				date: '2025-10-05',
				category: '税务',
				channel: 'online',
				hour: 0,
				counters: { accepted: 50 }
			})
		]);
		expect(visitMix([day, day])).toEqual({ 税务: { accepted: 14, consulted: 4, refused: 2 } });
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

describe('extendedSpells', () => {
	it('adds spells logged without a plan to the plans of their dates', () => {
		const plans = [
			{ date: '2026-12-05', extendedSessions: [{ start: '17:00', end: '17:20', served: 3 }] }
		];
		const logged = [
			{ date: '2026-12-01', start: '17:00', end: '17:30', served: 4, windowId: 'w1' },
			{ date: '2026-12-05', start: '11:30', end: '11:50', served: 2 }
		];
		const spells = extendedSpells(plans, logged);
		expect(spells.map((d) => [d.date, d.extendedSessions.length])).toEqual([
			['2026-12-01', 1],
			['2026-12-05', 2]
		]);
		expect(extendedServiceMinutes(spells)).toMatchObject({ minutes: 70, served: 9 });
		// The plan it was given is left as it was.
		expect(plans[0].extendedSessions).toHaveLength(1);
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

describe('moving average', () => {
	it('averages over the trailing week, starting on the first day', () => {
		expect(movingAverage([7, 7, 7, 7, 7, 7, 7, 14])).toEqual([7, 7, 7, 7, 7, 7, 7, 8]);
		expect(movingAverage([2, 4])).toEqual([2, 3]);
	});
});
