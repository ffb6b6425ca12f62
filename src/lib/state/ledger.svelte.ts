/**
 * The appointment ledger (预约台账) of one day, read live from the local database: appointments,
 * slots, items and departments, with the day board, duplicates and search on top. Also the
 * bookings that wait for a person (unconfirmed, SLOT_FULL) for 待处理, on every tablet.
 */
import { repo, type HallDatabase } from '$lib/local';
import type { Row } from '$lib/local/repository';
import type { Appointment, Slot } from '$lib/schemas';
import {
	dayBoard,
	findDuplicate,
	freePlaces,
	hasStarted,
	matchesSearch,
	type DayBoard
} from '$lib/domain/booking';
import { addDays } from '$lib/domain/calendar';
import { Live } from './live.svelte';

export interface LedgerData {
	appointments: Row<'appointment'>[];
	slots: Row<'slot'>[];
	items: Record<string, Row<'serviceItem'>>;
	departments: Row<'department'>[];
}

async function load(db: HallDatabase, centreId: string, date: string): Promise<LedgerData> {
	const [appointments, slots, items, departments] = await Promise.all([
		repo.onDate(db, 'appointment', centreId, date),
		repo.onDate(db, 'slot', centreId, date),
		repo.all(db, 'serviceItem', centreId),
		repo.all(db, 'department', centreId)
	]);
	return {
		appointments: appointments.rows.sort(
			(a, b) => a.start.localeCompare(b.start) || a.createdAt.localeCompare(b.createdAt)
		),
		slots: slots.rows.sort((a, b) => a.start.localeCompare(b.start)),
		items: Object.fromEntries(items.rows.map((i) => [i.id, i])),
		departments: departments.rows
			.filter((d) => d.takesAppointments)
			.sort((a, b) => a.sortOrder - b.sortOrder)
	};
}

export interface DepartmentBoard {
	departmentId: string;
	name: string;
	appointments: number;
	board: DayBoard;
}

export class LedgerState {
	readonly data: Live<LedgerData>;
	/** Values the server revealed on this screen, by `id:field`; kept in memory, never stored. */
	#revealed = $state<Record<string, string>>({});

	constructor(db: HallDatabase, centreId: string, date: string) {
		this.data = new Live(() => load(db, centreId, date), {
			appointments: [],
			slots: [],
			items: {},
			departments: []
		});
	}

	/** Appointments of a department (all when empty) that match a search. */
	shown(departmentId: string, search: string): Row<'appointment'>[] {
		return this.data.current.appointments.filter(
			(a) => (!departmentId || a.departmentId === departmentId) && matchesSearch(a, search)
		);
	}

	slotsOf(departmentId: string): Row<'slot'>[] {
		return this.data.current.slots.filter((s) => !departmentId || s.departmentId === departmentId);
	}

	board(departmentId: string, nowMinutes: number | null): DayBoard {
		const appointments = this.data.current.appointments.filter(
			(a) => !departmentId || a.departmentId === departmentId
		);
		return dayBoard(appointments, this.slotsOf(departmentId), nowMinutes);
	}

	/** The whole hall, one row per department that takes appointments. */
	hall(nowMinutes: number | null): DepartmentBoard[] {
		return this.data.current.departments.map((d) => ({
			departmentId: d.id,
			name: d.name,
			appointments: this.data.current.appointments.filter((a) => a.departmentId === d.id).length,
			board: this.board(d.id, nowMinutes)
		}));
	}

	/** Another live booking with the same phone for the same item that day (a warning). */
	duplicateOf(a: Appointment): Appointment | undefined {
		if (!a.applicant || a.status === 'cancelled') return undefined;
		return findDuplicate(this.data.current.appointments, { ...a, phone: a.applicant.phone });
	}

	/** Slots of an item with a free place that have not begun at `now`, for moving a booking. */
	freeSlots(serviceItemId: string, now: number, except?: string): Slot[] {
		return this.data.current.slots.filter(
			(s) =>
				s.serviceItemId === serviceItemId &&
				s.id !== except &&
				freePlaces(s) > 0 &&
				!hasStarted(s, now)
		);
	}

	/** Slots of a department (all when empty) that have not begun at `now`, for a new booking. */
	bookableSlots(departmentId: string, now: number): Row<'slot'>[] {
		return this.slotsOf(departmentId).filter((s) => !hasStarted(s, now));
	}

	revealed(id: string, field: string): string | undefined {
		return this.#revealed[`${id}:${field}`];
	}

	reveal(id: string, field: string, value: string) {
		this.#revealed = { ...this.#revealed, [`${id}:${field}`]: value };
	}
}

export interface WaitingBooking {
	appointment: Row<'appointment'>;
	itemName: string;
	departmentName: string;
	/**
	 * Free places of the same item that day and the week after, this device's view, earliest
	 * first; the screen offers those not yet begun when it shows them (placesAhead).
	 */
	alternatives: { slotId: string; date: string; start: string; free: number }[];
}

/**
 * Unconfirmed bookings from a week back on: pulled from the server, so every tablet shows the
 * booking that lost the last place, not only the one that made it.
 */
async function loadWaiting(
	db: HallDatabase,
	centreId: string,
	today: string
): Promise<WaitingBooking[]> {
	const [appointments, items, departments] = await Promise.all([
		repo.all(db, 'appointment', centreId),
		repo.all(db, 'serviceItem', centreId),
		repo.all(db, 'department', centreId)
	]);
	const from = addDays(today, -7);
	const waiting = appointments.rows
		.filter((a) => a.status === 'unconfirmed' && a.date >= from)
		.sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start));
	const out: WaitingBooking[] = [];
	for (const appointment of waiting) {
		const slots: Slot[] = [];
		for (let d = 0; d <= 7; d++) {
			const date = addDays(appointment.date, d);
			const day = await repo.onDate(db, 'slot', centreId, date);
			slots.push(...day.rows.filter((s) => s.serviceItemId === appointment.serviceItemId));
		}
		out.push({
			appointment,
			itemName: items.rows.find((i) => i.id === appointment.serviceItemId)?.name ?? '',
			departmentName: departments.rows.find((d) => d.id === appointment.departmentId)?.name ?? '',
			alternatives: slots
				.filter((s) => freePlaces(s) > 0 && s.date >= today)
				.sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start))
				.map((s) => ({ slotId: s.id, date: s.date, start: s.start, free: freePlaces(s) }))
		});
	}
	return out;
}

export class WaitingState {
	readonly data: Live<WaitingBooking[]>;
	constructor(db: HallDatabase, centreId: string, today: string) {
		this.data = new Live(() => loadWaiting(db, centreId, today), []);
	}
}
