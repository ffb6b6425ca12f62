/**
 * 加班 and 调休补休 (docs/domain.md, "Overtime and time off in lieu"). Overtime is not entered by
 * hand: it is worked out from what the hall already records, so the figure a manager approves is
 * the one the duty lead's check-ins and the extended-service log support.
 *
 * - Duty on a non-working day (the hall calendar decides, 调休 make-up days are working days and
 *   count nothing; a closed hall counts nothing): a person planned for the day and checked in
 *   (on time or late, never absent, never without a check-in) counts the minutes of the sessions
 *   they were planned for: a window's planned sessions for its staff, the day's whole 不打烊
 *   sessions for the roles that run the day (政务服务科 on duty, 值班负责人, 预约专人,
 *   不动产登记审核). Overlapping sessions count once; the minutes late come off.
 * - Extended service (延时服务) on any open day: each spell, logged or held in the day plan, counts
 *   its minutes for the staff planned at its window that day (every window's staff for a spell of
 *   the whole hall), unless they were recorded absent.
 * - On call (R8) is not duty in the hall and counts nothing until a plan puts the person in it.
 */
import type {
	Attendance,
	DayPlan,
	ExtendedService,
	ExtendedServicePeriod,
	OvertimeApproval,
	Session,
	TimeOff
} from '$lib/schemas';
import {
	clockMinutes,
	datesBetween,
	serviceHours,
	type DayOverride,
	type DayReason,
	type HoursSettings
} from './calendar';

/** A working day's length for time off: half a day off is half of it. */
export const HOURS_PER_DAY = 8;

export interface DayRecords {
	date: string;
	plan?: DayPlan;
	attendance: readonly Attendance[];
	extended: readonly ExtendedService[];
}

interface LineBase {
	date: string;
	staffId: string;
	minutes: number;
	/** Why the day is non-working (weekend, holiday, override), or a working day's reason. */
	reason: DayReason;
	holiday?: string;
}

export type AccrualLine =
	| (LineBase & { kind: 'duty'; sessions: Session[]; minutesLate: number })
	| (LineBase & {
			kind: 'extended';
			period: ExtendedServicePeriod;
			windowId?: string;
			start: string;
			end: string;
	  });

/** The month's days, `YYYY-MM-01` to its last. */
export function monthDates(month: string): string[] {
	const [y, m] = month.split('-').map(Number);
	const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return datesBetween(`${month}-01`, `${month}-${String(last).padStart(2, '0')}`);
}

const length = (s: Session) => clockMinutes(s.end) - clockMinutes(s.start);

/** Sessions merged where they overlap, so a person at two windows of a session counts it once. */
function merged(sessions: readonly Session[]): Session[] {
	const sorted = [...sessions].sort((a, b) => a.start.localeCompare(b.start));
	const out: Session[] = [];
	for (const s of sorted) {
		const last = out.at(-1);
		if (last && s.start <= last.end) {
			if (s.end > last.end) last.end = s.end;
		} else out.push({ ...s });
	}
	return out;
}

const checkedIn = (a: Attendance | undefined) => a !== undefined && a.status !== 'absent';

/** Everyone the plan puts in the hall for the whole day rather than at a window. */
function wholeDayStaff(plan: DayPlan): string[] {
	return [
		...plan.operationsDutyIds,
		...(plan.dutyLeadId ? [plan.dutyLeadId] : []),
		...plan.appointmentContacts.map((c) => c.staffId),
		...plan.realEstateReview.map((r) => r.staffId)
	];
}

/** One day's accrual for everyone, duty first, then each spell of extended service. */
export function dayAccrual(
	day: DayRecords,
	hours: HoursSettings = {},
	calendar: readonly DayOverride[] = []
): AccrualLine[] {
	const open = serviceHours(day.date, hours, calendar);
	if (open.kind.closed) return [];
	const base = {
		date: day.date,
		reason: open.kind.reason,
		...(open.kind.holiday && { holiday: open.kind.holiday })
	};
	const attendance = new Map(day.attendance.map((a) => [a.staffId, a]));
	const lines: AccrualLine[] = [];
	const plan = day.plan;

	if (plan && !open.working) {
		const planned = new Map<string, Session[]>();
		const add = (staffId: string, sessions: readonly Session[]) =>
			planned.set(staffId, [...(planned.get(staffId) ?? []), ...sessions]);
		for (const w of plan.windows) for (const s of w.staffIds) add(s, w.sessions);
		for (const s of wholeDayStaff(plan)) add(s, open.sessions);
		for (const [staffId, sessions] of planned) {
			const a = attendance.get(staffId);
			if (!checkedIn(a)) continue;
			const counted = merged(sessions);
			const total = counted.reduce((sum, s) => sum + length(s), 0);
			const late = Math.min(a?.status === 'late' ? (a.minutesLate ?? 0) : 0, total);
			lines.push({
				...base,
				kind: 'duty',
				staffId,
				sessions: counted,
				minutesLate: late,
				minutes: total - late
			});
		}
	}

	// Spells a day plan still holds from before the extended-service log (duty.extendedService)
	// count as the report counts them; they carry no period, so the hour tells noon from evening.
	const fromPlan = (plan?.extendedSessions ?? [])
		.filter((s) => clockMinutes(s.end) - clockMinutes(s.start) > 0)
		.map((s) => ({
			...s,
			period: (s.start < '13:00' ? 'noon' : 'evening') as ExtendedServicePeriod
		}));
	for (const spell of [...day.extended, ...fromPlan]) {
		const at = plan?.windows.filter((w) => !spell.windowId || w.windowId === spell.windowId) ?? [];
		const staff = new Set(at.flatMap((w) => w.staffIds));
		for (const staffId of staff) {
			if (attendance.get(staffId)?.status === 'absent') continue;
			lines.push({
				...base,
				kind: 'extended',
				staffId,
				period: spell.period,
				...(spell.windowId && { windowId: spell.windowId }),
				start: spell.start,
				end: spell.end,
				minutes: clockMinutes(spell.end) - clockMinutes(spell.start)
			});
		}
	}
	return lines;
}

/** Every line of the days given, in date order. */
export function accrual(
	days: readonly DayRecords[],
	hours: HoursSettings = {},
	calendar: readonly DayOverride[] = []
): AccrualLine[] {
	return [...days]
		.sort((a, b) => a.date.localeCompare(b.date))
		.flatMap((d) => dayAccrual(d, hours, calendar));
}

export const accruedMinutes = (lines: readonly AccrualLine[], staffId: string): number =>
	lines.filter((l) => l.staffId === staffId).reduce((sum, l) => sum + l.minutes, 0);

/**
 * none: nothing accrued and nothing approved; pending: not approved yet; approved: the figure
 * stands; changed: the month changed since it was approved (a late check-in, a corrected spell),
 * and the difference waits for approval again.
 */
export type MonthStatus = 'none' | 'pending' | 'approved' | 'changed';

export interface MonthFigure {
	staffId: string;
	month: string;
	accrued: number;
	approval?: OvertimeApproval;
	/** Accrued now less the approved figure; zero until the month is approved. */
	difference: number;
	status: MonthStatus;
	/** Minutes of time off taken in the month. */
	taken: number;
	lines: AccrualLine[];
	timeOff: TimeOff[];
}

export function monthFigure(
	staffId: string,
	month: string,
	lines: readonly AccrualLine[],
	approvals: readonly OvertimeApproval[],
	timeOff: readonly TimeOff[]
): MonthFigure {
	const own = lines.filter((l) => l.staffId === staffId && l.date.startsWith(month));
	const accrued = own.reduce((sum, l) => sum + l.minutes, 0);
	const approval = approvals.find((a) => a.staffId === staffId && a.month === month);
	const off = timeOff
		.filter((t) => t.staffId === staffId && t.date.startsWith(month))
		.sort((a, b) => a.date.localeCompare(b.date));
	const status: MonthStatus = approval
		? approval.minutes === accrued
			? 'approved'
			: 'changed'
		: accrued > 0
			? 'pending'
			: 'none';
	return {
		staffId,
		month,
		accrued,
		...(approval && { approval }),
		difference: approval ? accrued - approval.minutes : 0,
		status,
		taken: off.reduce((sum, t) => sum + t.hours * 60, 0),
		lines: own,
		timeOff: off
	};
}

export interface Balance {
	/** Approved overtime, in minutes, of every month up to the one asked (all when none). */
	approved: number;
	taken: number;
	balance: number;
}

/**
 * Approved accrual minus time off taken. Only approved figures count: a month not yet approved,
 * or the difference of one changed since, is not time anyone may take off yet.
 */
export function balance(
	staffId: string,
	approvals: readonly OvertimeApproval[],
	timeOff: readonly TimeOff[],
	untilMonth?: string
): Balance {
	const upTo = (month: string) => untilMonth === undefined || month <= untilMonth;
	const approved = approvals
		.filter((a) => a.staffId === staffId && upTo(a.month))
		.reduce((sum, a) => sum + a.minutes, 0);
	const taken = timeOff
		.filter((t) => t.staffId === staffId && upTo(t.date.slice(0, 7)))
		.reduce((sum, t) => sum + t.hours * 60, 0);
	return { approved, taken, balance: approved - taken };
}
