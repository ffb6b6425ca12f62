/** The centre's organisation as the settings screens list it. */
import { repo, type HallDatabase } from '$lib/local';
import type { Row } from '$lib/local/repository';
import { Live } from './live.svelte';

export interface OrganisationData {
	departments: Row<'department'>[];
	staff: Row<'staff'>[];
	windows: Row<'window'>[];
}

async function load(db: HallDatabase, centreId: string): Promise<OrganisationData> {
	const [departments, staff, windows] = await Promise.all([
		repo.all(db, 'department', centreId),
		repo.all(db, 'staff', centreId),
		repo.all(db, 'window', centreId)
	]);
	return {
		departments: departments.rows.sort((a, b) => a.sortOrder - b.sortOrder),
		staff: staff.rows.sort((a, b) => a.id.localeCompare(b.id)),
		windows: windows.rows.sort((a, b) => a.code.localeCompare(b.code))
	};
}

export class OrganisationState {
	readonly data: Live<OrganisationData>;
	constructor(db: HallDatabase, centreId: string) {
		this.data = new Live(() => load(db, centreId), { departments: [], staff: [], windows: [] });
	}
}
