/**
 * 加班 and 调休补休 on the device: a month of day plans, check-ins and extended-service spells
 * worked into each person's accrual (src/lib/domain/overtime.ts), beside the approvals and the
 * time off taken, for the overtime screen and its print view.
 */
import { repo, type HallDatabase } from '$lib/local';
import type { Row } from '$lib/local/repository';
import { hallCalendar } from '$lib/domain/calendar';
import {
	accrual,
	balance,
	monthDates,
	monthFigure,
	type AccrualLine,
	type Balance,
	type DayRecords,
	type MonthFigure
} from '$lib/domain/overtime';
import { Live } from './live.svelte';

export interface OvertimeData {
	staff: Row<'staff'>[];
	departments: Row<'department'>[];
	windows: Row<'window'>[];
	approvals: Row<'overtimeApproval'>[];
	timeOff: Row<'timeOff'>[];
	lines: AccrualLine[];
}

const empty: OvertimeData = {
	staff: [],
	departments: [],
	windows: [],
	approvals: [],
	timeOff: [],
	lines: []
};

/** The month's records day by day, pending changes included, as the server will read them. */
async function monthDays(db: HallDatabase, centreId: string, month: string, today: string) {
	const dates = monthDates(month).filter((d) => d <= today);
	return Promise.all(
		dates.map(async (date): Promise<DayRecords> => {
			const [plans, attendance, extended] = await Promise.all([
				repo.onDate(db, 'dayPlan', centreId, date),
				repo.onDate(db, 'attendance', centreId, date),
				repo.onDate(db, 'extendedService', centreId, date)
			]);
			return {
				date,
				plan: plans.rows[0],
				attendance: attendance.rows,
				extended: extended.rows
			};
		})
	);
}

async function load(
	db: HallDatabase,
	centreId: string,
	month: string,
	today: string
): Promise<OvertimeData> {
	const [staff, departments, windows, centres, approvals, timeOff, days] = await Promise.all([
		repo.all(db, 'staff', centreId),
		repo.all(db, 'department', centreId),
		repo.all(db, 'window', centreId),
		repo.all(db, 'centre', centreId),
		repo.all(db, 'overtimeApproval', centreId),
		repo.all(db, 'timeOff', centreId),
		monthDays(db, centreId, month, today)
	]);
	const settings = centres.rows[0]?.settings;
	return {
		staff: staff.rows.sort((a, b) => a.name.localeCompare(b.name, 'zh')),
		departments: departments.rows.sort((a, b) => a.sortOrder - b.sortOrder),
		windows: windows.rows,
		approvals: approvals.rows,
		timeOff: timeOff.rows,
		lines: accrual(days, settings, hallCalendar(settings))
	};
}

export interface PersonMonth {
	staff: Row<'staff'>;
	department: string;
	figure: MonthFigure;
	/** At the end of the month. */
	balance: Balance;
}

export class OvertimeState {
	readonly data: Live<OvertimeData>;
	readonly month: string;

	constructor(db: HallDatabase, centreId: string, month: string, today: string) {
		this.month = month;
		this.data = new Live(() => load(db, centreId, month, today), empty);
	}

	staffName(id: string) {
		return this.data.current.staff.find((s) => s.id === id)?.name ?? id;
	}

	windowCode(id: string) {
		return this.data.current.windows.find((w) => w.id === id)?.code ?? id;
	}

	/** Active staff, for the time-off form's "requested by". */
	get activeStaff() {
		return this.data.current.staff.filter((s) => s.active);
	}

	person(staffId: string): PersonMonth | undefined {
		const { staff, departments, approvals, timeOff, lines } = this.data.current;
		const s = staff.find((x) => x.id === staffId);
		if (!s) return undefined;
		return {
			staff: s,
			department: departments.find((d) => d.id === s.departmentId)?.name ?? '',
			figure: monthFigure(staffId, this.month, lines, approvals, timeOff),
			balance: balance(staffId, approvals, timeOff, this.month)
		};
	}

	/** Everyone with overtime, an approval or time off in the month, or hours still to take. */
	get people(): PersonMonth[] {
		return this.data.current.staff
			.map((s) => this.person(s.id))
			.filter((p): p is PersonMonth => !!p)
			.filter(
				(p) => p.figure.status !== 'none' || p.figure.timeOff.length > 0 || p.balance.balance !== 0
			);
	}
}
