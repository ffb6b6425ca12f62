/**
 * The monthly 不打烊 / 延时 report the district collects from each hall: one line for the centre
 * and one per department, worked out from what the devices already hold — the hall calendar, day
 * plans and check-ins, daily volume roll-ups, 办件, appointments, extended service and supervision.
 * Pure: every input is passed in, and every figure comes from the functions that already own it
 * (volume.ts, review-figures.ts, cases.ts, appointment-figures.ts, supervision.ts), so the report
 * never disagrees with the screen each figure comes from.
 */
import type {
	Appointment,
	Attendance,
	Case,
	DayPlan,
	Department,
	ExtendedService,
	Inspection,
	ReportFigures,
	ReportLine,
	ServiceWindow,
	Staff,
	VolumeCounters
} from '$lib/schemas';
import { appointmentFigures } from './appointment-figures';
import { datesBetween, dayKind, type DayOverride } from './calendar';
import { caseStatus } from './cases';
import { appointmentWeeks, dayCounters, noFilter, type RollupDay } from './review-figures';
import { periodOf } from './review-periods';
import { summariseMonth } from './supervision';
import {
	addCounters,
	extendedServiceMinutes,
	extendedSpells,
	oneVisitRate,
	windowArrivals,
	zeroCounters
} from './volume';

export interface ReportInput {
	/** YYYY-MM */
	month: string;
	/** The hall's date now: open cases are judged as of the month's end or today, if earlier. */
	today: string;
	calendar: readonly DayOverride[];
	days: readonly Pick<RollupDay, 'date' | 'cells' | 'windows'>[];
	plans: readonly Pick<DayPlan, 'date' | 'windows' | 'extendedSessions'>[];
	attendance: readonly Pick<Attendance, 'date' | 'staffId' | 'status'>[];
	extended: readonly Pick<ExtendedService, 'date' | 'windowId' | 'start' | 'end' | 'served'>[];
	appointments: readonly Appointment[];
	cases: readonly Case[];
	inspections: readonly Pick<Inspection, 'date' | 'findings' | 'commendations'>[];
	departments: readonly Pick<Department, 'id' | 'name' | 'sortOrder' | 'operations'>[];
	staff: readonly Pick<Staff, 'id' | 'departmentId'>[];
	windows: readonly Pick<ServiceWindow, 'id' | 'departmentId'>[];
}

/** The first and last date of a month. */
export const monthRange = (month: string) => periodOf('month', `${month}-01`);

/** Which records a line counts: the whole centre, or what belongs to one department. */
interface Scope {
	window: (windowId: string | undefined) => boolean;
	staff: (staffId: string) => boolean;
	department: (departmentId: string) => boolean;
}

const everything: Scope = { window: () => true, staff: () => true, department: () => true };

const checkedIn = (status: Attendance['status']) => status === 'on-time' || status === 'late';

function reportLine(input: ReportInput, scope: Scope, from: string, to: string): ReportLine {
	const inMonth = (date: string) => date >= from && date <= to;
	const whole = scope === everything;
	const plans = input.plans.filter((p) => inMonth(p.date));
	const attendance = input.attendance.filter((a) => inMonth(a.date) && checkedIn(a.status));
	const days = input.days.filter((d) => inMonth(d.date));

	// Volume: the centre reads the category × channel cells (platform counts included); a
	// department only what was counted at its own windows, the one place a count names who.
	const all = zeroCounters();
	const atWindows = zeroCounters();
	const windowsOn = new Map<string, VolumeCounters>();
	for (const day of days) {
		const counted = zeroCounters();
		for (const [windowId, c] of Object.entries(day.windows)) {
			if (scope.window(windowId)) addCounters(counted, c);
		}
		if (whole) {
			const window = dayCounters(day, { ...noFilter, channels: ['window'] });
			windowsOn.set(day.date, window);
			addCounters(all, dayCounters(day, noFilter));
			addCounters(atWindows, window);
		} else {
			windowsOn.set(day.date, counted);
			addCounters(all, counted);
			addCounters(atWindows, counted);
		}
	}

	// 不打烊 days: non-working by the hall calendar, not closed, and opened — windows planned,
	// people counted at a window, or staff checked in.
	let daysOpen = 0;
	let windowDays = 0;
	let staffDays = 0;
	for (const date of datesBetween(from, to)) {
		const kind = dayKind(date, input.calendar);
		if (kind.working || kind.closed) continue;
		const planned = plans
			.filter((p) => p.date === date)
			.flatMap((p) => p.windows)
			.filter((w) => scope.window(w.windowId));
		const staffed = attendance.filter((a) => a.date === date && scope.staff(a.staffId));
		const counted = windowArrivals(windowsOn.get(date) ?? zeroCounters());
		if (!planned.length && !staffed.length && !counted) continue;
		daysOpen++;
		windowDays += planned.length;
		staffDays += new Set(staffed.map((a) => a.staffId)).size;
	}

	// 办件: accepted and completed in the month; past deadline are those completed late in it
	// and those still open past their promised day at its end.
	const asOf = [to, input.today].sort()[0];
	let casesAccepted = 0;
	let casesCompleted = 0;
	let casesPastDeadline = 0;
	for (const c of input.cases) {
		if (!scope.department(c.departmentId)) continue;
		if (inMonth(c.acceptedOn)) casesAccepted++;
		if (c.completedOn && inMonth(c.completedOn)) {
			casesCompleted++;
			if (caseStatus(c, asOf, input.calendar) === 'late') casesPastDeadline++;
		} else if (c.acceptedOn <= to && (!c.completedOn || c.completedOn > to)) {
			const open = { ...c, completedOn: undefined };
			if (caseStatus(open, asOf, input.calendar) === 'overdue') casesPastDeadline++;
		}
	}

	const appointments = input.appointments.filter(
		(a) => inMonth(a.date) && scope.department(a.departmentId)
	);
	const weeks = appointmentWeeks(appointments);

	const spells = extendedSpells(
		plans,
		input.extended.filter((e) => inMonth(e.date))
	).map((d) => ({
		...d,
		// A spell logged for the whole hall (no window) is the centre's alone.
		extendedSessions: d.extendedSessions.filter((s) =>
			whole ? true : s.windowId !== undefined && scope.window(s.windowId)
		)
	}));
	const extended = extendedServiceMinutes(spells);

	return {
		daysOpen,
		windowDays,
		staffDays,
		received: windowArrivals(atWindows),
		consulted: all.consulted,
		casesAccepted,
		casesCompleted,
		casesPastDeadline,
		appointments: weeks.reduce((n, w) => n + w.booked, 0),
		noShows: weeks.reduce((n, w) => n + w.noShow, 0),
		noShowRate: appointmentFigures(appointments, []).noShowRate,
		extendedSessions: spells.reduce((n, d) => n + d.extendedSessions.length, 0),
		extendedMinutes: Math.round(extended.minutes),
		extendedServed: extended.served,
		completed: all.completed,
		oneVisit: all.oneVisit,
		oneVisitRate: oneVisitRate(all),
		findings: 0,
		corrected: 0
	};
}

/** The month's figures, the centre's line first, then every department in its own order. */
export function monthlyFigures(input: ReportInput): ReportFigures {
	const { from, to } = monthRange(input.month);
	const staffDept = new Map(input.staff.map((s) => [s.id, s.departmentId]));
	const windowDept = new Map(input.windows.map((w) => [w.id, w.departmentId]));
	const hall = input.departments.find((d) => d.operations) ?? input.departments[0];
	const supervision = summariseMonth(input.inspections, input.month, {
		departments: [...input.departments],
		staff: [...input.staff],
		windows: [...input.windows],
		hallDepartmentId: hall?.id ?? ''
	});
	const findingsOf = (departmentId: string) =>
		supervision.departments.find((d) => d.departmentId === departmentId);

	const centre = reportLine(input, everything, from, to);
	centre.findings = supervision.departments.reduce((n, d) => n + d.findings, 0);
	centre.corrected = supervision.departments.reduce((n, d) => n + d.corrected, 0);

	const departments = [...input.departments]
		.sort((a, b) => a.sortOrder - b.sortOrder || a.id.localeCompare(b.id))
		.map((d) => {
			const line = reportLine(
				input,
				{
					window: (id) => id !== undefined && windowDept.get(id) === d.id,
					staff: (id) => staffDept.get(id) === d.id,
					department: (id) => id === d.id
				},
				from,
				to
			);
			return {
				departmentId: d.id,
				name: d.name,
				...line,
				findings: findingsOf(d.id)?.findings ?? 0,
				corrected: findingsOf(d.id)?.corrected ?? 0
			};
		});
	return { month: input.month, centre, departments };
}
