import { describe, expect, it } from 'vitest';
import type { ServiceItem } from '$lib/schemas';
import { adviceSentence, adviseWindows, handleMinutesByCategory, type AdviceInput } from './advice';
import { averageWait, serversNeeded, serviceLevel } from './staffing';

const saturday = [
	{ start: '09:00', end: '11:30' },
	{ start: '14:00', end: '17:00' }
];
const target = { serviceLevel: 0.8, waitMinutes: 15 };

function input(over: Partial<AdviceInput> = {}): AdviceInput {
	return {
		forecast: [
			{ category: '不动产登记', hour: 9, arrivals: 18 },
			{ category: '不动产登记', hour: 10, arrivals: 20 },
			{ category: '不动产登记', hour: 11, arrivals: 8 },
			{ category: '不动产登记', hour: 14, arrivals: 10 },
			{ category: '行政审批', hour: 10, arrivals: 2 }
		],
		handleMinutes: { 不动产登记: 12, 行政审批: 10 },
		target,
		ruleMinimum: () => 2,
		planned: { 不动产登记: 2, 行政审批: 2 },
		sessions: saturday,
		historyDays: 8,
		...over
	};
}

const load = (arrivalsPerHour: number, servers: number, handleMinutes = 12) => ({
	arrivalsPerHour,
	handleMinutes,
	servers,
	targetWaitMinutes: 15
});

describe('adviseWindows', () => {
	it('sizes each open hour with Erlang C, at the rate of the minutes the hall is open', () => {
		const { hourly } = adviseWindows(input());
		const estate = hourly.filter((a) => a.category === '不动产登记');
		expect(estate.map((a) => a.hour)).toEqual([9, 10, 11, 14, 15, 16]);
		const h10 = estate.find((a) => a.hour === 10)!;
		const needed = serversNeeded({
			arrivalsPerHour: 20,
			handleMinutes: 12,
			targetWaitMinutes: 15,
			serviceLevel: 0.8
		});
		expect(h10).toMatchObject({
			arrivals: 20,
			needed,
			planned: 2,
			ruleMinimum: 2,
			thinData: false
		});
		expect(h10.recommended).toBe(Math.max(needed, 2));
		expect(h10.waitWithPlanned).toBeCloseTo(averageWait(load(20, 2)), 12);
		expect(h10.slWithRecommended).toBeCloseTo(serviceLevel(load(20, h10.recommended)), 12);
		// 8 people in the half hour 11:00–11:30 arrive at 16 an hour.
		const h11 = estate.find((a) => a.hour === 11)!;
		expect(h11.arrivals).toBe(8);
		expect(h11.waitWithPlanned).toBeCloseTo(averageWait(load(16, 2)), 12);
	});

	it('recommends more than the rule minimum only when volume needs it', () => {
		const busy = input({
			forecast: [{ category: '不动产登记', hour: 10, arrivals: 30 }],
			planned: { 不动产登记: 2 }
		});
		const h = adviseWindows(busy).hourly.find((a) => a.hour === 10)!;
		// 30 an hour at 12 minutes is 6 erlangs: 2 windows cannot keep up.
		expect(h.waitWithPlanned).toBe(Infinity);
		expect(h.slWithPlanned).toBe(0);
		expect(h.recommended).toBeGreaterThan(6);
		expect(h.reason.key).toBe('advice_volume');
		const quiet = adviseWindows(input()).hourly.find(
			(a) => a.category === '行政审批' && a.hour === 10
		)!;
		expect(quiet.needed).toBe(1);
		expect(quiet.recommended).toBe(2);
		expect(quiet.reason).toEqual({
			key: 'advice_rule_minimum',
			params: { category: '行政审批', arrivals: 2, needed: 1, ruleMinimum: 2 }
		});
		const none = adviseWindows(input()).hourly.find(
			(a) => a.category === '行政审批' && a.hour === 15
		)!;
		expect(none).toMatchObject({ arrivals: 0, needed: 0, recommended: 2, waitWithRecommended: 0 });
		expect(none.reason.key).toBe('advice_no_demand');
	});

	it('falls back to the rule minimum on thin history and says so', () => {
		const thin = adviseWindows(
			input({ historyDays: 2, ruleMinimum: (c) => (c === '不动产登记' ? 3 : 2) })
		);
		for (const a of [...thin.hourly, ...thin.sessions]) {
			expect(a.thinData).toBe(true);
			expect(a.recommended).toBe(a.category === '不动产登记' ? 3 : 2);
			expect(a.reason.key).toBe('advice_thin_data');
		}
		expect(thin.sessions[0].reason.params).toEqual({
			category: '不动产登记',
			historyDays: 2,
			minimum: 4,
			recommended: 3
		});
		expect(adviseWindows(input({ historyDays: 4 })).hourly[0].thinData).toBe(false);
	});

	it('aggregates sessions: arrivals add up, the busiest hour sets the count, waits are arrival-weighted', () => {
		const { sessions, hourly } = adviseWindows(input());
		const morning = sessions.find(
			(a) => a.category === '不动产登记' && a.session?.start === '09:00'
		)!;
		expect(morning.arrivals).toBe(46);
		const hours = hourly.filter((a) => a.category === '不动产登记' && a.hour! < 12);
		expect(morning.needed).toBe(Math.max(...hours.map((a) => a.needed)));
		const weighted = hours.reduce((s, a) => s + a.waitWithPlanned * a.arrivals, 0) / 46;
		expect(morning.waitWithPlanned).toBeCloseTo(weighted, 12);
		const afternoon = sessions.find(
			(a) => a.category === '不动产登记' && a.session?.start === '14:00'
		)!;
		expect(afternoon.arrivals).toBe(10);
		expect(sessions).toHaveLength(4);
	});

	it('sends people who come while the hall is closed to the next opening', () => {
		const { hourly } = adviseWindows(
			input({
				forecast: [
					{ category: 'x', hour: 8, arrivals: 5 },
					{ category: 'x', hour: 12, arrivals: 4 },
					{ category: 'x', hour: 13, arrivals: 3 },
					{ category: 'x', hour: 18, arrivals: 2 }
				],
				planned: {}
			})
		);
		const at = (h: number) => hourly.find((a) => a.category === 'x' && a.hour === h)!.arrivals;
		expect([at(9), at(14), at(16)]).toEqual([5, 7, 2]);
	});

	it('splits an hour shared by two sessions and takes planned counts per hour', () => {
		const working = [
			{ start: '09:00', end: '12:00' },
			{ start: '13:30', end: '17:30' }
		];
		const { hourly, sessions } = adviseWindows(
			input({
				sessions: working,
				forecast: [{ category: 'x', hour: 13, arrivals: 6 }],
				planned: { x: { 13: 1, 14: 3 } }
			})
		);
		const h13 = hourly.find((a) => a.category === 'x' && a.hour === 13)!;
		expect(h13.planned).toBe(1);
		expect(h13.waitWithPlanned).toBeCloseTo(averageWait(load(12, 1)), 12);
		const pm = sessions.find((a) => a.category === 'x' && a.session?.start === '13:30')!;
		expect(pm.arrivals).toBe(6);
		expect(pm.planned).toBe(3);
		expect(hourly.filter((a) => a.category === 'x').map((a) => a.hour)).toEqual([
			9, 10, 11, 13, 14, 15, 16, 17
		]);
	});
});

describe('adviceSentence', () => {
	it('says how many windows to open, with the wait either way', () => {
		const { sessions } = adviseWindows(
			input({
				ruleMinimum: () => 2,
				handleMinutes: { 不动产登记: 5 },
				target: { serviceLevel: 0.8, waitMinutes: 5 }
			})
		);
		const morning = sessions.find(
			(a) => a.category === '不动产登记' && a.session?.start === '09:00'
		)!;
		expect(morning.recommended).toBe(3);
		expect(adviceSentence(morning)).toEqual({
			key: 'advice_open_more',
			params: {
				category: '不动产登记',
				from: '09:00',
				to: '11:30',
				count: 3,
				planned: 2,
				arrivals: 46,
				waitRecommended: Math.round(morning.waitWithRecommended),
				waitPlanned: Math.round(morning.waitWithPlanned)
			}
		});
		// 46 people in the morning at 5 minutes each: about 8 minutes' wait with 2, 1 with 3.
		expect(morning.waitWithPlanned).toBeCloseTo(8.2, 1);
		expect(morning.waitWithRecommended).toBeCloseTo(0.9, 1);
	});

	it('covers keeping, closing, overload and thin data', () => {
		const base = adviseWindows(input()).sessions[0];
		expect(adviceSentence({ ...base, recommended: 2, planned: 2 }).key).toBe('advice_keep');
		expect(adviceSentence({ ...base, recommended: 2, planned: 4 }).key).toBe('advice_can_close');
		expect(
			adviceSentence({ ...base, recommended: 5, planned: 1, waitWithPlanned: Infinity }).key
		).toBe('advice_open_more_overloaded');
		const thin = adviseWindows(input({ historyDays: 1 })).sessions[0];
		expect(adviceSentence(thin)).toEqual({
			key: 'advice_thin_sentence',
			params: { category: '不动产登记', from: '09:00', to: '11:30', count: 2, historyDays: 1 }
		});
		const hour = adviseWindows(input()).hourly[0];
		expect(adviceSentence(hour).params).toMatchObject({ from: '09:00', to: '10:00' });
	});
});

describe('handleMinutesByCategory', () => {
	it('averages the current service items of each category', () => {
		const item = (category: string, handleMinutes: number, retired = false) =>
			({ category, handleMinutes, retired }) as ServiceItem;
		expect(
			handleMinutesByCategory([item('a', 10), item('a', 20), item('b', 5), item('b', 50, true)])
		).toEqual({ a: 15, b: 5 });
	});
});
