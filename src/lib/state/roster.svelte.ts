/** Plans of a run of days with the rule check of each, for the week and month views. */
import { repo, type HallDatabase } from '$lib/local';
import type { Row } from '$lib/local/repository';
import { datesBetween, dayKind, hallCalendar, type DayKind } from '$lib/domain/calendar';
import { appointmentsByDepartment, checkDayPlan, type Violation } from '$lib/domain/rules';
import { Live } from './live.svelte';

export interface RosterDay {
	date: string;
	kind: DayKind;
	plan: Row<'dayPlan'> | undefined;
	violations: Violation[];
}

async function load(db: HallDatabase, centreId: string, from: string, to: string) {
	const [plans, windows, staff, departments, ruleSets, centres] = await Promise.all([
		repo.between(db, 'dayPlan', centreId, from, to),
		repo.all(db, 'window', centreId),
		repo.all(db, 'staff', centreId),
		repo.all(db, 'department', centreId),
		repo.all(db, 'ruleSet', centreId),
		repo.all(db, 'centre', centreId)
	]);
	const calendar = hallCalendar(centres.rows[0]?.settings);
	// Pending plans live in the overlay; look each planned day up through it.
	const pendingPlans = await Promise.all(
		datesBetween(from, to).map((d) => repo.onDate(db, 'dayPlan', centreId, d))
	);
	// Appointments as the board reads them, pending bookings included, for R6's verdict.
	const appointments = await Promise.all(
		datesBetween(from, to).map((d) => repo.onDate(db, 'appointment', centreId, d))
	);
	const booked = Object.fromEntries(
		datesBetween(from, to).map((d, i) => [d, appointments[i].rows])
	);
	const byDate: Record<string, Row<'dayPlan'>> = {};
	for (const row of plans.rows) byDate[row.date] = row;
	for (const p of pendingPlans) for (const row of p.rows) byDate[row.date] = row;
	const ruleSet = ruleSets.rows[0];
	return datesBetween(from, to).map((date): RosterDay => {
		const plan = byDate[date];
		const kind = dayKind(date, calendar);
		const violations =
			plan && ruleSet
				? checkDayPlan(plan, ruleSet, {
						windows: windows.rows,
						departments: departments.rows,
						staff: staff.rows,
						day: kind,
						// The board's verdict on R6: a contact is due where the day has appointments.
						appointmentsByDepartment: appointmentsByDepartment(booked[date] ?? [])
					})
				: [];
		return { date, kind, plan, violations };
	});
}

export class RosterState {
	readonly days: Live<RosterDay[]>;
	constructor(db: HallDatabase, centreId: string, from: string, to: string) {
		this.days = new Live(() => load(db, centreId, from, to), []);
	}
}
