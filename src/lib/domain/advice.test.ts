import { describe, expect, it } from 'vitest';
import type { ServiceItem } from '$lib/schemas';
import {
	adviceRemedies,
	adviceSentence,
	adviseWindows,
	byUrgency,
	handleMinutesByCategory,
	handleMinutesForMix,
	CONSULT_MINUTES,
	REFUSAL_MINUTES,
	type AdviceInput
} from './advice';
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

	it('keeps the plan on thin history, never below the rule minimum nor a category shut, and says so', () => {
		const thin = adviseWindows(
			input({
				historyDays: 2,
				ruleMinimum: (c) => (c === '不动产登记' ? 3 : 0),
				planned: { 不动产登记: 2, 行政审批: 0, 水电气: 2 },
				capacity: { 不动产登记: 4, 行政审批: 3, 水电气: 2 }
			})
		);
		const expected: Record<string, number> = {
			// The rule asks for more than the plan.
			不动产登记: 3,
			// Nothing planned, no rule floor: one window, not none.
			行政审批: 1,
			// The plan stands.
			水电气: 2
		};
		expect(new Set(thin.sessions.map((a) => a.category))).toEqual(new Set(Object.keys(expected)));
		for (const a of [...thin.hourly, ...thin.sessions]) {
			expect(a.thinData).toBe(true);
			expect(a.recommended).toBe(expected[a.category]);
			expect(a.reason.key).toBe('advice_thin_data');
		}
		expect(thin.sessions[0].reason.params).toEqual({
			category: '不动产登记',
			historyDays: 2,
			minimum: 4,
			recommended: 3
		});
		// A category the hall has no window of stays at none.
		const none = adviseWindows(
			input({ historyDays: 2, ruleMinimum: () => 0, planned: {}, capacity: { 不动产登记: 0 } })
		);
		for (const a of none.sessions.filter((x) => x.category === '不动产登记'))
			expect(a.recommended).toBe(0);
		expect(adviseWindows(input({ historyDays: 4 })).hourly[0].thinData).toBe(false);
	});

	it('staffs sessions from their whole workload with the session model', () => {
		const { sessions } = adviseWindows(input());
		const morning = sessions.find(
			(a) => a.category === '不动产登记' && a.session?.start === '09:00'
		)!;
		expect(morning.arrivals).toBe(46);
		// The fewest windows that reach 80 % within 15 minutes in the session model.
		expect(morning.withRecommended!.serviceLevel).toBeGreaterThanOrEqual(0.8);
		expect(morning.needed).toBeGreaterThan(0);
		expect(morning.withPlanned!.servers).toBe(2);
		expect(morning.waitWithPlanned).toBe(morning.withPlanned!.meanWait);
		expect(morning.withPlanned!.method).toBe('simulation');
		const afternoon = sessions.find(
			(a) => a.category === '不动产登记' && a.session?.start === '14:00'
		)!;
		expect(afternoon.arrivals).toBe(10);
		expect(sessions).toHaveLength(4);
	});

	it('never advises more windows than the hall has, and says what else helps', () => {
		const busy = input({
			forecast: [
				{ category: '不动产登记', hour: 9, arrivals: 40 },
				{ category: '不动产登记', hour: 10, arrivals: 45 },
				{ category: '不动产登记', hour: 11, arrivals: 20 },
				{ category: '行政审批', hour: 10, arrivals: 3 }
			],
			handleMinutes: { 不动产登记: 20, 行政审批: 10 },
			capacity: { 不动产登记: 4, 行政审批: 4 }
		});
		const { sessions, hourly } = adviseWindows(busy);
		const am = sessions.find((a) => a.category === '不动产登记' && a.session?.start === '09:00')!;
		expect(am.recommended).toBe(4);
		expect(am.capacity).toBe(4);
		expect(am.shortfall).toEqual({
			needed: am.needed,
			capacity: 4,
			limit: 'windows',
			windows: 4,
			overflowTo: ['行政审批']
		});
		expect(am.needed).toBeGreaterThan(4);
		expect(Number.isFinite(am.withRecommended!.waitAtClose)).toBe(true);
		expect(hourly.every((a) => a.recommended <= 4)).toBe(true);
		expect(adviceSentence(am).key).toBe('advice_open_all');
		expect(adviceSentence(am).params).toMatchObject({ count: 4, needed: am.needed });
		expect(adviceRemedies(am).map((r) => r.key)).toEqual([
			'advice_remedy_overflow',
			'advice_remedy_limit_bookings',
			'advice_remedy_ask_staff'
		]);
		const admin = sessions.find((a) => a.category === '行政审批' && a.session?.start === '09:00')!;
		expect(admin.shortfall).toBeUndefined();
		expect(adviceRemedies(admin)).toEqual([]);
		// A rule minimum above the hall's windows is capped too; the rule check reports R1.
		const tiny = adviseWindows({ ...busy, capacity: { 不动产登记: 1, 行政审批: 1 } });
		expect(tiny.sessions.every((a) => a.recommended <= 1)).toBe(true);
	});

	it('puts the longest predicted wait first, not the first name', () => {
		const { sessions } = adviseWindows(input({ planned: { 不动产登记: 1, 行政审批: 2 } }));
		const sorted = byUrgency(sessions);
		expect(sorted[0].category).toBe('不动产登记');
		expect(sorted[0].session?.start).toBe('09:00');
		const waits = sorted.map((a) => a.withPlanned!.waitAtClose);
		expect(waits).toEqual([...waits].sort((a, b) => b - a));
	});

	it('counts people forecast before opening as the queue at the door', () => {
		const crowd = adviseWindows(
			input({ forecast: [{ category: 'x', hour: 8, arrivals: 20 }], planned: { x: 2 } })
		).sessions.find((a) => a.category === 'x' && a.session?.start === '09:00')!;
		const spread = adviseWindows(
			input({ forecast: [{ category: 'x', hour: 9, arrivals: 20 }], planned: { x: 2 } })
		).sessions.find((a) => a.category === 'x' && a.session?.start === '09:00')!;
		expect(crowd.arrivals).toBe(20);
		expect(crowd.waitWithPlanned).toBeGreaterThan(spread.waitWithPlanned);
		const asked = adviseWindows(
			input({
				forecast: [],
				planned: { x: 2 },
				openingQueue: (_c, s) => (s.start === '09:00' ? 20 : 0)
			})
		).sessions.find((a) => a.category === 'x' && a.session?.start === '09:00')!;
		// The same crowd, told rather than forecast, with the same seed: the same figures.
		expect(asked.arrivals).toBe(20);
		expect(asked.waitWithPlanned).toBe(crowd.waitWithPlanned);
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
				waitPlanned: Math.round(morning.waitWithPlanned),
				waitClosePlanned: Math.round(morning.withPlanned!.waitAtClose)
			}
		});
		expect(morning.waitWithRecommended).toBeLessThan(morning.waitWithPlanned);
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

describe('handleMinutesForMix', () => {
	const item = (category: string, handleMinutes: number) =>
		({ category, handleMinutes, retired: false }) as ServiceItem;
	const items = [item('不动产登记', 20), item('不动产登记', 30), item('水电气', 4)];

	it('weighs cases at the item mean and consultations and refusals at their own times', () => {
		const mix = {
			不动产登记: { accepted: 60, consulted: 30, refused: 10 },
			水电气: { accepted: 5, consulted: 5, refused: 0 }
		};
		const out = handleMinutesForMix(items, mix);
		expect(out['不动产登记']).toBeCloseTo(
			(60 * 25 + 30 * CONSULT_MINUTES + 10 * REFUSAL_MINUTES) / 100,
			12
		);
		// A consultation never takes longer than the category's own case.
		expect(out['水电气']).toBe(4);
	});

	it('takes the case time where no visit is on record', () => {
		expect(handleMinutesForMix(items, {})).toEqual({ 不动产登记: 25, 水电气: 4 });
		expect(
			handleMinutesForMix(items, { 不动产登记: { accepted: 0, consulted: 0, refused: 0 } })[
				'不动产登记'
			]
		).toBe(25);
	});
});
