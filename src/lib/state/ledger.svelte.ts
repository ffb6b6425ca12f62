/** One day's appointment ledger with the slots and service items it refers to. */
import { repo, type HallDatabase } from '$lib/local';
import type { Row } from '$lib/local/repository';
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
		appointments: appointments.rows.sort((a, b) => a.start.localeCompare(b.start)),
		slots: slots.rows,
		items: Object.fromEntries(items.rows.map((i) => [i.id, i])),
		departments: departments.rows
			.filter((d) => d.takesAppointments)
			.sort((a, b) => a.sortOrder - b.sortOrder)
	};
}

export class LedgerState {
	readonly data: Live<LedgerData>;
	constructor(db: HallDatabase, centreId: string, date: string) {
		this.data = new Live(() => load(db, centreId, date), {
			appointments: [],
			slots: [],
			items: {},
			departments: []
		});
	}
}
