/**
 * Everything the hall needs to know about one day, read live from the local database: the plan,
 * the organisation, check-ins, appointments and volume, with the rule check run on top.
 */
import { repo, type HallDatabase } from '$lib/local';
import type { DayPlan } from '$lib/schemas';
import type { Row } from '$lib/local/repository';
import {
	dayKind,
	hallCalendar,
	serviceHours,
	type DayKind,
	type DayOverride,
	type ServiceHours
} from '$lib/domain/calendar';
import { appointmentsByDepartment, checkDayPlan, type Violation } from '$lib/domain/rules';
import { Live } from './live.svelte';

export interface DayData {
	plan: Row<'dayPlan'> | undefined;
	windows: Row<'window'>[];
	staff: Row<'staff'>[];
	departments: Row<'department'>[];
	attendance: Row<'attendance'>[];
	extended: Row<'extendedService'>[];
	appointments: Row<'appointment'>[];
	volume: Row<'volume'>[];
	ruleSet: Row<'ruleSet'> | undefined;
	centre: Row<'centre'> | undefined;
	invalid: number;
}

const empty: DayData = {
	plan: undefined,
	windows: [],
	staff: [],
	departments: [],
	attendance: [],
	extended: [],
	appointments: [],
	volume: [],
	ruleSet: undefined,
	centre: undefined,
	invalid: 0
};

async function load(db: HallDatabase, centreId: string, date: string): Promise<DayData> {
	const [
		plans,
		windows,
		staff,
		departments,
		attendance,
		appointments,
		volume,
		ruleSets,
		centres,
		extended
	] = await Promise.all([
		repo.onDate(db, 'dayPlan', centreId, date),
		repo.all(db, 'window', centreId),
		repo.all(db, 'staff', centreId),
		repo.all(db, 'department', centreId),
		repo.onDate(db, 'attendance', centreId, date),
		repo.onDate(db, 'appointment', centreId, date),
		repo.onDate(db, 'volume', centreId, date),
		repo.all(db, 'ruleSet', centreId),
		repo.all(db, 'centre', centreId),
		repo.onDate(db, 'extendedService', centreId, date)
	]);
	const parts = [
		plans,
		windows,
		staff,
		departments,
		attendance,
		appointments,
		volume,
		ruleSets,
		extended
	];
	return {
		plan: plans.rows[0],
		windows: windows.rows.filter((w) => !w.retired).sort((a, b) => a.code.localeCompare(b.code)),
		staff: staff.rows,
		departments: departments.rows.sort((a, b) => a.sortOrder - b.sortOrder),
		attendance: attendance.rows,
		extended: extended.rows,
		appointments: appointments.rows,
		volume: volume.rows,
		ruleSet: ruleSets.rows[0],
		centre: centres.rows[0],
		invalid: parts.reduce((n, p) => n + p.invalid, 0)
	};
}

export class DayState {
	readonly data: Live<DayData>;

	constructor(
		db: HallDatabase,
		centreId: string,
		readonly date: string,
		readonly now: () => string
	) {
		this.data = new Live(() => load(db, centreId, date), empty);
	}

	/** The centre's own calendar: its holiday notices and single-day overrides. */
	get calendar(): DayOverride[] {
		return hallCalendar(this.data.current.centre?.settings);
	}

	get kind(): DayKind {
		return dayKind(this.date, this.calendar);
	}

	/** The day's sessions by the centre's hours and calendar (none when the hall is closed). */
	get hours(): ServiceHours {
		return serviceHours(this.date, this.data.current.centre?.settings, this.calendar);
	}

	/**
	 * The rule check of a plan for this day: the saved plan, or a draft being edited. Check-ins
	 * count only when asked, since a draft is judged as a plan, not as a day under way.
	 */
	check(plan: DayPlan, withAttendance: boolean): Violation[] {
		const d = this.data.current;
		if (!d.ruleSet) return [];
		return checkDayPlan(plan, d.ruleSet, {
			windows: d.windows,
			departments: d.departments,
			staff: d.staff,
			day: this.kind,
			appointmentsByDepartment: appointmentsByDepartment(d.appointments),
			...(withAttendance ? { attendance: d.attendance, now: this.now() } : {})
		});
	}

	get violations(): Violation[] {
		const plan = this.data.current.plan;
		return plan ? this.check(plan, true) : [];
	}

	staffName(id: string): string {
		return this.data.current.staff.find((s) => s.id === id)?.name ?? id;
	}
}
