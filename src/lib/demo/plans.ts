/**
 * Day plans of the non-working days around `today`, and the check-ins of the days already past.
 * Plans follow R1–R8 with the default numbers, except a few days that break R1 (one window in
 * a category) or R4 (a desk left without its person), so the rule check has something to show.
 */
import type { Attendance, DayPlan, PlannedWindow, ServiceWindow, Staff } from '$lib/schemas';
import { attendanceId, dayPlanId, defaultCentreSettings } from '$lib/schemas';
import { addDays, datesBetween, dayKind } from '$lib/domain/calendar';
import {
	comprehensiveCategories,
	desks,
	publicServiceCategory,
	windowCode,
	windowId,
	type CategorySpec
} from './catalogue';
import { centreId, type Organisation } from './organisation';
import type { Random } from './random';
import { hallInstant } from '$lib/domain/hall-clock';
import { clock, later } from './time';

export interface DemoPlans {
	plans: DayPlan[];
	attendance: Attendance[];
	/** Staff ids the plan puts in the hall on a date. */
	onDuty: Map<string, string[]>;
}

type Breach = 'R1' | 'R4';

const sessions = defaultCentreSettings.nonWorkingSessions;

/** Non-working days from eight weeks back to four weeks ahead (dayKind from the domain calendar). */
export function planDates(today: string): string[] {
	return datesBetween(addDays(today, -56), addDays(today, 27)).filter((d) => !dayKind(d).working);
}

export function createPlans(
	random: Random,
	org: Organisation,
	hallWindows: ServiceWindow[],
	today: string
): DemoPlans {
	const dates = planDates(today);
	const past = dates.filter((d) => d < today);
	const future = dates.filter((d) => d >= today);
	const breaches = new Map<string, Breach>();
	const pastPicks = random.shuffle(past).slice(0, 3);
	if (pastPicks[0]) breaches.set(pastPicks[0], 'R1');
	if (pastPicks[1]) breaches.set(pastPicks[1], 'R1');
	if (pastPicks[2]) breaches.set(pastPicks[2], 'R4');
	if (future.length > 2) breaches.set(random.pick(future.slice(1)), 'R4');

	const plans: DayPlan[] = [];
	const attendance: Attendance[] = [];
	const onDuty = new Map<string, string[]>();
	for (const date of dates) {
		const { plan, people } = planDay(random, org, hallWindows, date, today, breaches.get(date));
		plans.push(plan);
		onDuty.set(date, people);
		if (date < today) attendance.push(...checkIns(random, plan, people));
	}
	return { plans, attendance, onDuty };
}

function planDay(
	random: Random,
	org: Organisation,
	hallWindows: ServiceWindow[],
	date: string,
	today: string,
	breach: Breach | undefined
): { plan: DayPlan; people: string[] } {
	const kind = dayKind(date);
	const isPast = date < today;
	const used = new Set<string>();
	const take = (pool: Staff[]): string[] => {
		const free = random.shuffle(pool.filter((s) => !used.has(s.id)));
		if (!free.length) return [];
		used.add(free[0].id);
		return [free[0].id];
	};
	const notHeads = (departmentIds: string[]) =>
		departmentIds.flatMap((d) => org.members(d).slice(1));

	const appointmentDepartments = org.departments.filter((d) => d.takesAppointments);
	// R6: each appointment-taking department's contact is in the hall from 08:45.
	const appointmentContacts = appointmentDepartments.map((d) => {
		used.add(d.appointmentContactId!);
		return { departmentId: d.id, staffId: d.appointmentContactId!, from: '08:45' };
	});

	const ops = org.members('dept-ops');
	const leads = [ops[0], ops[1], ...org.members('dept-office').slice(1, 4)];
	const dutyLeadId = random.pick(leads).id;
	used.add(dutyLeadId);
	// R5: one of 政务服务科's own people, not the duty lead.
	const operationsDutyIds = take(ops.slice(1, 5));

	const windows: PlannedWindow[] = [];
	const r1Category = breach === 'R1' ? random.pick(comprehensiveCategories).category : undefined;
	for (const spec of comprehensiveCategories) {
		const busy = spec.category === '不动产登记' || spec.category === '行政审批';
		const extra = kind.reason !== 'holiday' && random.chance(busy ? 0.35 : 0.15);
		const count =
			spec.category === r1Category ? 1 : Math.min(spec.windowDepartments.length, 2 + +extra);
		const pool = spec.category === '公积金' ? ops.slice(5) : notHeads(spec.staffFrom);
		for (const code of openCodes(random, spec, count)) {
			windows.push({ windowId: windowId(code), staffIds: take(pool), sessions, open: true });
		}
	}
	// R3: at least one person per public-service window.
	for (const code of openCodes(random, publicServiceCategory, 2)) {
		windows.push({
			windowId: windowId(code),
			staffIds: take(ops.slice(5)),
			sessions,
			open: true
		});
	}
	// R4: one person each at the consultation desk, the fee window and the certificate window.
	const r4Desk = breach === 'R4' ? random.pick(desks).code : undefined;
	for (const desk of desks) {
		const staffIds = desk.code === r4Desk ? [] : take(ops.slice(2));
		windows.push({
			windowId: windowId(desk.code),
			staffIds,
			sessions,
			open: true
		});
	}

	// R7: the heads of 不动产登记中心, 房产管理处 and 税务局 each arrange a reviewer.
	const realEstateReview = ['dept-estate', 'dept-housing', 'dept-tax'].map((d) => {
		const reviewers = org.members(d).filter((s) => s.realEstateReview);
		const free = reviewers.filter((s) => !used.has(s.id));
		const staffId = free.length ? random.pick(free).id : random.pick(reviewers).id;
		used.add(staffId);
		return { staffId, arrangedBy: org.head(d).id };
	});

	const people = [...used];
	// R8: business staff not in the hall stay reachable.
	const onCallIds = org.staff
		.filter((s) => s.active && s.onCall && !used.has(s.id))
		.map((s) => s.id);

	const plan: DayPlan = {
		id: dayPlanId(centreId, date),
		centreId,
		v: 1,
		date,
		windows,
		operationsDutyIds,
		dutyLeadId,
		appointmentContacts,
		onCallIds,
		realEstateReview,
		arrangements: arrangements(org, hallWindows, windows, date, today),
		extendedSessions: isPast ? extendedSessions(random, hallWindows, windows) : [],
		notes: kind.holiday ? `${kind.holiday}假期，按不打烊安排开放` : ''
	};
	return { plan, people };
}

function openCodes(random: Random, spec: CategorySpec, count: number): string[] {
	const all = spec.windowDepartments.map((_, i) => windowCode(spec.prefix, i + 1));
	// Lower numbers first most of the time, as a hall fills its windows from the entrance.
	const picked = random.chance(0.7) ? all.slice(0, count) : random.shuffle(all).slice(0, count);
	return picked.sort();
}

/** 备案: each stationed department files its own windows and people a week ahead. */
function arrangements(
	org: Organisation,
	hallWindows: ServiceWindow[],
	windows: PlannedWindow[],
	date: string,
	today: string
): DayPlan['arrangements'] {
	if (date > addDays(today, 7)) return [];
	const name = (id: string) => org.staff.find((s) => s.id === id)?.name ?? id;
	return org.departments
		.filter((d) => d.kind === 'stationed')
		.map((d) => {
			const own = windows.flatMap((planned) => {
				const w = hallWindows.find((h) => h.id === planned.windowId);
				if (w?.departmentId !== d.id) return [];
				return [`${w.code}窗口${planned.staffIds.map(name).join('、') || '待定'}`];
			});
			return {
				departmentId: d.id,
				text: `${d.name}非工作日安排：${own.join('，') || '不单设窗口，业务由综合窗口受理'}；预约专人按时到岗。`,
				filedAt: hallInstant(addDays(date, -3), '16:30')
			};
		});
}

/** 延时服务: a window that kept serving past the end of a session until the queue was empty. */
function extendedSessions(
	random: Random,
	hallWindows: ServiceWindow[],
	windows: PlannedWindow[]
): DayPlan['extendedSessions'] {
	const comprehensive = new Set(
		hallWindows.filter((w) => w.kind === 'comprehensive').map((w) => w.id)
	);
	const staffed = windows.filter((w) => w.staffIds.length && comprehensive.has(w.windowId));
	const out: DayPlan['extendedSessions'] = [];
	for (const end of [690, 1020]) {
		if (!random.chance(0.4)) continue;
		out.push({
			windowId: random.pick(staffed).windowId,
			start: clock(end),
			end: clock(end + random.int(8, 35)),
			served: random.int(1, 4)
		});
	}
	return out;
}

const absenceNotes = ['临时发烧请假，未提前报备', '家中有急事，电话告知', '未到岗，联系不上'];

/**
 * Mostly on time, a few late, a rare absence; the duty lead records each check-in. Appointment
 * contacts are due at their `from` time (R6), everyone else at the opening of the first session.
 */
function checkIns(random: Random, plan: DayPlan, people: string[]): Attendance[] {
	const { date, dutyLeadId } = plan;
	const opening = sessions[0].start;
	return people.map((staffId) => {
		const base = {
			centreId,
			v: 1 as const,
			id: attendanceId(centreId, date, staffId),
			date,
			staffId
		};
		const by = dutyLeadId ? { recordedBy: dutyLeadId } : {};
		const due = plan.appointmentContacts.find((c) => c.staffId === staffId)?.from ?? opening;
		const r = staffId === dutyLeadId ? 1 : random.next();
		if (r < 0.003) {
			return {
				...base,
				...by,
				status: 'absent' as const,
				recordedAt: later(date, opening, 30),
				note: random.pick(absenceNotes)
			};
		}
		if (r < 0.028) {
			const minutesLate = random.chance(0.7) ? random.int(2, 12) : random.int(13, 45);
			return {
				...base,
				...by,
				status: 'late' as const,
				minutesLate,
				recordedAt: later(date, due, minutesLate)
			};
		}
		return {
			...base,
			...by,
			status: 'on-time' as const,
			recordedAt: later(date, due, -random.int(1, 20))
		};
	});
}
