/** The centre's organisation as the settings screens list it. */
import { repo, type HallDatabase } from '$lib/local';
import type { Row } from '$lib/local/repository';
import { Live } from './live.svelte';

export interface OrganisationData {
	departments: Row<'department'>[];
	staff: Row<'staff'>[];
	windows: Row<'window'>[];
	taskForce: Row<'taskForceMember'>[];
}

async function load(db: HallDatabase, centreId: string): Promise<OrganisationData> {
	const [departments, staff, windows, taskForce] = await Promise.all([
		repo.all(db, 'department', centreId),
		repo.all(db, 'staff', centreId),
		repo.all(db, 'window', centreId),
		repo.all(db, 'taskForceMember', centreId)
	]);
	return {
		departments: departments.rows.sort((a, b) => a.sortOrder - b.sortOrder),
		staff: staff.rows.sort((a, b) => a.id.localeCompare(b.id)),
		windows: windows.rows.sort((a, b) => a.code.localeCompare(b.code)),
		taskForce: taskForce.rows
	};
}

export class OrganisationState {
	readonly data: Live<OrganisationData>;

	constructor(db: HallDatabase, centreId: string) {
		this.data = new Live(() => load(db, centreId), {
			departments: [],
			staff: [],
			windows: [],
			taskForce: []
		});
	}

	person(id: string | undefined): Row<'staff'> | undefined {
		return this.data.current.staff.find((s) => s.id === id);
	}

	departmentName(id: string | undefined): string {
		return this.data.current.departments.find((d) => d.id === id)?.name ?? '';
	}
}
