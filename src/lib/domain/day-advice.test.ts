import { describe, expect, it } from 'vitest';
import {
	defaultCentreSettings,
	defaultRuleNumbers,
	type DayPlan,
	type ServiceWindow
} from '$lib/schemas';
import type { HistoryRow } from './forecast';
import { dayAdvice, FORECAST_HORIZON_DAYS, plannedWindows, staffOnDuty } from './day-advice';
import { adviceSentence } from './advice';
import { addDays } from './calendar';

const win = (id: string, category: string): ServiceWindow => ({
	id,
	centreId: 'c1',
	v: 1,
	code: id,
	kind: 'comprehensive',
	category,
	retired: false
});
const windows = [win('B01', '不动产登记'), win('B02', '不动产登记'), win('B03', '不动产登记')];
const morning = [{ start: '09:00', end: '11:30' }];
const plan: DayPlan = {
	id: 'c1:2026-11-28',
	centreId: 'c1',
	v: 1,
	date: '2026-11-28',
	windows: [
		{ windowId: 'B01', staffIds: ['s1'], sessions: morning, open: true },
		{ windowId: 'B02', staffIds: ['s2'], sessions: morning, open: true },
		// Not staffed, and closed: neither counts as planned.
		{ windowId: 'B03', staffIds: [], sessions: morning, open: true }
	],
	operationsDutyIds: [],
	appointmentContacts: [],
	onCallIds: [],
	realEstateReview: [],
	arrangements: [],
	extendedSessions: [],
	notes: ''
};

// Eight earlier Saturdays with a busy 不动产登记 morning.
const history: HistoryRow[] = Array.from({ length: 8 }, (_, i) => {
	const d = new Date(Date.UTC(2026, 10, 21 - 7 * i)).toISOString().slice(0, 10);
	return [9, 10, 11].map((hour) => ({ date: d, hour, category: '不动产登记', arrivals: 16 }));
}).flat();

describe('window advice for a day', () => {
	it('counts staffed, open windows of the plan per hour', () => {
		expect(plannedWindows(plan, windows)).toEqual({ 不动产登记: { 9: 2, 10: 2, 11: 2 } });
	});

	it('advises more windows than planned for a busy Saturday morning, never fewer than R1', () => {
		const advice = dayAdvice({
			date: '2026-11-28',
			history,
			settings: defaultCentreSettings,
			ruleSet: { id: 'r', centreId: 'c1', v: 1, ...defaultRuleNumbers },
			serviceItems: [],
			windows,
			plan
		});
		const am = advice.sessions.find(
			(s) => s.category === '不动产登记' && s.session?.start === '09:00'
		)!;
		expect(advice.working).toBe(false);
		expect(am.arrivals).toBeCloseTo(48, 0);
		expect(am.planned).toBe(2);
		expect(am.ruleMinimum).toBe(2);
		expect(am.recommended).toBeGreaterThan(2);
		expect(am.waitWithRecommended).toBeLessThan(am.waitWithPlanned);
	});

	const base = {
		history,
		settings: defaultCentreSettings,
		ruleSet: { id: 'r', centreId: 'c1', v: 1 as const, ...defaultRuleNumbers },
		serviceItems: [],
		windows,
		plan: undefined
	};

	it('gives no advice past what the history supports, and says how far that is', () => {
		// The last counts are of 2026-11-21.
		const edge = addDays('2026-11-21', FORECAST_HORIZON_DAYS);
		expect(dayAdvice({ ...base, date: edge }).beyond).toBeUndefined();
		const far = dayAdvice({ ...base, date: '2099-11-28' });
		expect(far.beyond).toEqual({ lastData: '2026-11-21', days: 26670 });
		expect(far.sessions).toEqual([]);
		expect(far.hourly).toEqual([]);
		const past = dayAdvice({ ...base, date: addDays(edge, 1) });
		expect(past.beyond?.days).toBe(FORECAST_HORIZON_DAYS + 1);
		// The year of history read before a far date may hold none of the counts: the last day
		// with counts, passed apart, still says how far it is.
		const unread = dayAdvice({
			...base,
			history: [],
			date: '2099-11-28',
			lastCounts: '2026-11-21'
		});
		expect(unread.beyond).toEqual({ lastData: '2026-11-21', days: 26670 });
		// A centre with no counts at all is new, not far: it keeps its plan (thin data).
		expect(dayAdvice({ ...base, history: [], date: '2099-11-28' }).beyond).toBeUndefined();
	});

	it('says when the year has no holiday calendar yet, and still advises within reach', () => {
		// 2027's notice is not shipped: a Saturday in January is taken as a weekend.
		const january = dayAdvice({ ...base, date: '2027-01-16' });
		expect(january.calendarUnknown).toBe(true);
		expect(january.beyond).toBeUndefined();
		expect(january.sessions.length).toBeGreaterThan(0);
		expect(dayAdvice({ ...base, date: '2026-11-28' }).calendarUnknown).toBe(false);
	});

	const people = [
		{ id: 's1', departmentId: 'dept-estate' },
		{ id: 's2', departmentId: 'dept-estate' },
		{ id: 's3', departmentId: 'dept-estate' },
		{ id: 's4', departmentId: 'dept-tax' }
	];

	it('counts who on the plan can take a window: at its windows, or on call from their departments', () => {
		expect(staffOnDuty(undefined, windows, people)).toBeUndefined();
		expect(staffOnDuty(plan, windows, people)).toEqual({ 不动产登记: 2 });
		// s3 is on call from 不动产登记's department; s4 (税务) is not one of its people.
		expect(staffOnDuty({ ...plan, onCallIds: ['s3', 's4'] }, windows, people)).toEqual({
			不动产登记: 3
		});
		// A plan with nobody named yet is still being made: no limit from it.
		const empty = { ...plan, windows: [], onCallIds: [] };
		expect(staffOnDuty(empty, windows, people)).toEqual({});
		const fresh = dayAdvice({ ...base, date: '2026-11-28', plan: empty, staff: people });
		expect(fresh.sessions.find((s) => s.session?.start === '09:00')!.recommended).toBe(3);
	});

	it('never advises more windows than the people on duty can open, and says that is the limit', () => {
		const input = { ...base, date: '2026-11-28', plan, staff: people };
		const short = dayAdvice(input).sessions.find((s) => s.session?.start === '09:00')!;
		expect(short.recommended).toBe(2);
		expect(short.capacity).toBe(3);
		expect(short.staffed).toBe(2);
		expect(short.shortfall).toMatchObject({ capacity: 2, limit: 'staff', windows: 3 });
		expect(adviceSentence(short).key).toBe('advice_open_all_staff');
		expect(adviceSentence(short).params).toMatchObject({ count: 2, windows: 3 });
		// One more person on call, and all three windows can open.
		const called = dayAdvice({ ...input, plan: { ...plan, onCallIds: ['s3'] } });
		const am = called.sessions.find((s) => s.session?.start === '09:00')!;
		expect(am.recommended).toBe(3);
		expect(am.shortfall?.limit ?? 'windows').toBe('windows');
	});
});
