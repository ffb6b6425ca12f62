import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import {
	attendanceId,
	entities,
	parseRecord,
	type Appointment,
	type Case,
	type DayPlan,
	type Department,
	type Evaluation,
	type Entity,
	type EntityName,
	type Inspection,
	type RuleSet,
	type ServiceItem,
	type ServiceWindow,
	type Slot,
	type Staff,
	type VolumeEntry
} from '$lib/schemas';
import { dayKind } from '$lib/domain/calendar';
import { windowArrivals } from '$lib/domain/volume';
import { caseRates, casesToWatch } from '$lib/domain/cases';
import { awaitingFollowUp, totalFigures } from '$lib/domain/evaluations';
import { checkDayPlan } from '$lib/domain/rules';
import { generateDemo, type Demo } from './generate';
import { isValidCreditCode, isValidResidentId } from '$lib/domain/identity';

const today = '2026-11-26';
let demo: Demo;
const of = <T>(entity: EntityName) =>
	demo.records.filter((r) => r.entity === entity).map((r) => r.data as T);

beforeAll(() => {
	demo = generateDemo({ seed: 42, today });
});

afterEach(() => {
	vi.restoreAllMocks();
});

describe('generateDemo', () => {
	it('is pure: same seed and day give the same records, without the clock or Math.random', () => {
		vi.spyOn(Math, 'random').mockImplementation(() => {
			throw new Error('Math.random used');
		});
		vi.spyOn(Date, 'now').mockImplementation(() => {
			throw new Error('Date.now used');
		});
		const again = generateDemo({ seed: 42, today });
		expect(JSON.stringify(again)).toBe(JSON.stringify(demo));
		const other = generateDemo({ seed: 43, today, months: 1 });
		expect(other.records.length).toBeGreaterThan(0);
		expect(JSON.stringify(other.records.slice(0, 80))).not.toBe(
			JSON.stringify(demo.records.slice(0, 80))
		);
	});

	it('writes only records that pass their schema, with ids unique per entity', () => {
		const seen = new Map<EntityName, Set<string>>();
		for (const { entity, data } of demo.records) {
			// The union of entity types is too wide for parseRecord's generic; widen to one.
			const schema = entities[entity] as Entity<z.ZodType>;
			const parsed = parseRecord(schema, data) as { id: string; centreId: string };
			expect(parsed.centreId).toBe('demo-centre');
			const ids = seen.get(entity) ?? new Set();
			expect(ids.has(parsed.id)).toBe(false);
			ids.add(parsed.id);
			seen.set(entity, ids);
		}
		expect(demo.centre.settings.consultationPhones).toHaveLength(2);
	});

	it('has the counts the brief asks for', () => {
		const count = (e: EntityName) => of(e).length;
		expect(count('centre')).toBe(1);
		expect(count('ruleSet')).toBe(1);
		expect(count('department')).toBe(11);
		expect(count('staff')).toBeGreaterThanOrEqual(55);
		expect(count('staff')).toBeLessThanOrEqual(65);
		expect(count('serviceItem')).toBeGreaterThanOrEqual(35);
		expect(count('serviceItem')).toBeLessThanOrEqual(50);
		expect(count('volume')).toBeGreaterThanOrEqual(25_000);
		expect(count('volume')).toBeLessThanOrEqual(35_000);
		expect(count('inspection')).toBe(2);
		expect(count('appointment')).toBeGreaterThan(count('slot') / 2);
		for (const i of of<Inspection>('inspection')) {
			expect(i.findings.length).toBeGreaterThan(0);
			expect(i.commendations.length).toBeGreaterThan(0);
			expect(i.date >= '2026-10-27' && i.date < today).toBe(true);
		}
		const expectedPlans = Array.from({ length: 84 }, (_, i) => i - 56)
			.map((n) => new Date(Date.UTC(2026, 10, 26 + n)).toISOString().slice(0, 10))
			.filter((d) => !dayKind(d).working);
		expect(of<DayPlan>('dayPlan').map((p) => p.date)).toEqual(expectedPlans);
	});

	it('holds a few hundred cases with every outcome, some overdue and some due soon', () => {
		const cases = of<Case>('case');
		expect(cases.length).toBeGreaterThanOrEqual(200);
		expect(cases.length).toBeLessThanOrEqual(600);
		expect(new Set(cases.map((c) => c.number)).size).toBe(cases.length);
		expect(cases.every((c) => c.acceptedOn < today && c.promisedDays <= c.legalDays)).toBe(true);
		const [all] = caseRates(cases, () => 'all', today);
		expect(all.told).toBeGreaterThan(0);
		expect(all.notAccepted).toBeGreaterThan(0);
		expect(all.notPermitted).toBeGreaterThan(0);
		expect(all.late).toBeGreaterThan(0);
		expect(all.onTimeRate).toBeGreaterThan(0.8);
		const watch = casesToWatch(cases, today);
		expect(watch.overdue.length).toBeGreaterThan(0);
		expect(watch.dueSoon.length).toBeGreaterThan(0);
	});

	it('holds a few hundred ratings over the year, mostly good, some bad, a few awaiting follow-up', () => {
		const ratings = of<Evaluation>('evaluation');
		expect(ratings.length).toBeGreaterThanOrEqual(200);
		expect(ratings.length).toBeLessThanOrEqual(900);
		expect(new Set(ratings.map((e) => e.number)).size).toBe(ratings.length);
		expect(ratings.every((e) => e.ratedOn < today)).toBe(true);
		const total = totalFigures(ratings);
		expect(total.satisfactionRate).toBeGreaterThan(0.9);
		expect(total.bad).toBeGreaterThan(5);
		const followed = ratings.filter((e) => e.followUp);
		expect(followed.length).toBeGreaterThan(0);
		expect(followed.every((e) => e.followUp!.followedUpOn >= e.ratedOn)).toBe(true);
		const waiting = awaitingFollowUp(ratings);
		expect(waiting.length).toBeGreaterThan(0);
		expect(waiting.length).toBeLessThan(total.bad);
	});

	it('uses invented phone numbers and checksummed applicant numbers', () => {
		for (const s of of<Staff>('staff')) expect(s.phone).toMatch(/^13900000\d{3}$/);
		const applicants = of<Appointment>('appointment').flatMap((a) => a.applicant ?? []);
		const ids = applicants.flatMap((a) => a.idNumber ?? []);
		const codes = applicants.flatMap((a) => a.creditCode ?? []);
		expect(ids.length).toBeGreaterThan(100);
		expect(codes.length).toBeGreaterThan(100);
		expect(ids.every(isValidResidentId)).toBe(true);
		expect(codes.every(isValidCreditCode)).toBe(true);
	});

	it('has weekend bookings that are a share of the visitors the windows counted', () => {
		// The counters count everyone at a window, booked or not; the window advice takes the
		// bookings out of the counts to forecast walk-ins, so the demo must let it.
		const category = new Map(of<ServiceItem>('serviceItem').map((i) => [i.id, i.category]));
		const came = new Map<string, number>();
		for (const a of of<Appointment>('appointment')) {
			if (dayKind(a.date).working || !['done', 'refused'].includes(a.status)) continue;
			const k = `${a.date}|${category.get(a.serviceItemId)}`;
			came.set(k, (came.get(k) ?? 0) + 1);
		}
		const counted = new Map<string, number>();
		for (const v of of<VolumeEntry>('volume')) {
			const k = `${v.date}|${v.category}`;
			if (v.channel !== 'window' || !came.has(k)) continue;
			counted.set(k, (counted.get(k) ?? 0) + windowArrivals(v.counters));
		}
		expect(came.size).toBeGreaterThan(30);
		let booked = 0;
		let all = 0;
		let over = 0;
		for (const [k, n] of came) {
			if (n > (counted.get(k) ?? 0) && !dayKind(k.slice(0, 10)).holiday) over++;
			booked += n;
			all += counted.get(k) ?? 0;
		}
		// In a holiday run most visitors have booked, and a few days book more than the counts
		// (the walk-in history stops at 0); on ordinary weekends that is rare.
		expect(over / came.size).toBeLessThan(0.05);
		expect(booked / all).toBeGreaterThan(0.1);
		expect(booked / all).toBeLessThan(0.6);
	});

	it('keeps each slot booked count equal to the appointments holding a place', () => {
		const holding = new Map<string, number>();
		for (const a of of<Appointment>('appointment')) {
			if (a.status === 'cancelled' || a.status === 'unconfirmed') continue;
			holding.set(a.slotId, (holding.get(a.slotId) ?? 0) + 1);
		}
		const slots = of<Slot>('slot');
		for (const s of slots) {
			expect(s.booked).toBe(holding.get(s.id) ?? 0);
			expect(s.booked).toBeLessThanOrEqual(s.capacity);
		}
		// Working days book most of their few places; 不打烊 days offer many and fill few.
		const fill = (working: boolean) => {
			const some = slots.filter((s) => dayKind(s.date).working === working);
			return some.reduce((n, s) => n + s.booked, 0) / some.reduce((n, s) => n + s.capacity, 0);
		};
		expect(fill(true)).toBeGreaterThan(0.4);
		expect(fill(true)).toBeLessThan(0.9);
		expect(fill(false)).toBeGreaterThan(0.05);
		expect(fill(false)).toBeLessThan(0.3);
		const future = of<Appointment>('appointment').filter((a) => a.date >= today);
		expect(future.every((a) => a.status === 'booked' || a.status === 'cancelled')).toBe(true);
	});

	it('breaks R1 or R4 on a few planned days only', () => {
		const plans = of<DayPlan>('dayPlan');
		const emptyDesk = plans.filter((p) => p.windows.some((w) => w.staffIds.length === 0));
		const perCategory = (p: DayPlan, prefix: string) =>
			p.windows.filter((w) => w.windowId.startsWith(`win-${prefix}`)).length;
		const thinCategory = plans.filter((p) => 'ABCDE'.split('').some((c) => perCategory(p, c) < 2));
		expect(emptyDesk.length).toBeGreaterThanOrEqual(1);
		expect(thinCategory.length).toBeGreaterThanOrEqual(1);
		expect(emptyDesk.length + thinCategory.length).toBeLessThanOrEqual(5);
		for (const p of plans) expect(p.operationsDutyIds).toHaveLength(1);
	});

	it('passes the domain rule check except on the days that break R1 or R4 on purpose', () => {
		const context = {
			windows: of<ServiceWindow>('window'),
			departments: of<Department>('department'),
			staff: of<Staff>('staff')
		};
		const rules = of<RuleSet>('ruleSet')[0];
		const broken = of<DayPlan>('dayPlan').flatMap((plan) =>
			checkDayPlan(plan, rules, context).map((v) => v.rule)
		);
		expect(broken.filter((r) => r !== 'R1' && r !== 'R4')).toEqual([]);
		expect(broken.length).toBeGreaterThanOrEqual(2);
		expect(broken.length).toBeLessThanOrEqual(5);
	});

	it('records check-ins only for past planned days, mostly on time', () => {
		const attendance = of<{ date: string; status: string }>('attendance');
		expect(attendance.every((a) => a.date < today)).toBe(true);
		const onTime = attendance.filter((a) => a.status === 'on-time').length / attendance.length;
		expect(onTime).toBeGreaterThan(0.85);
		expect(attendance.some((a) => a.status === 'late')).toBe(true);
	});

	it('gives each check-in the id a correction on a tablet writes, so the correction replaces it', () => {
		const attendance = of<{ id: string; centreId: string; date: string; staffId: string }>(
			'attendance'
		);
		expect(attendance.length).toBeGreaterThan(0);
		for (const a of attendance) expect(a.id).toBe(attendanceId(a.centreId, a.date, a.staffId));
	});

	it('makes weekends quieter than weekdays, and holidays quieter still', () => {
		const byDate = new Map<string, number>();
		for (const v of of<VolumeEntry>('volume')) {
			if (v.channel !== 'window') continue;
			byDate.set(v.date, (byDate.get(v.date) ?? 0) + v.counters.accepted);
		}
		const mean = (reason: string) => {
			const days = [...byDate].filter(([d]) => dayKind(d).reason === reason);
			return days.reduce((n, [, x]) => n + x, 0) / days.length;
		};
		expect(mean('weekend')).toBeLessThan(mean('weekday') * 0.45);
		expect(mean('weekend')).toBeGreaterThan(mean('weekday') * 0.25);
		expect(mean('holiday')).toBeLessThan(mean('weekend'));
	});

	it('keeps counters plausible and daily platform totals at hour 0', () => {
		for (const v of of<VolumeEntry>('volume')) {
			const c = v.counters;
			expect(c.completed).toBeLessThanOrEqual(c.accepted);
			expect(c.oneVisit).toBeLessThanOrEqual(c.completed);
			const reasons = Object.values(v.refusalReasons).reduce((a, b) => a + b, 0);
			expect(reasons).toBe(c.refused);
			expect(v.channel === 'window' ? v.hour >= 9 && v.hour <= 17 : v.hour === 0).toBe(true);
		}
	});
});
