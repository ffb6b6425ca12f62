/** The centre's own record, live, for the settings form and the first-run checklist. */
import { repo, type HallDatabase } from '$lib/local';
import type { Row } from '$lib/local/repository';
import { Live } from './live.svelte';

export interface SetupData {
	loaded: boolean;
	centre: Row<'centre'> | undefined;
	/** How far the centre's setup has come: a count of each thing a new centre lacks. */
	counts: {
		departments: number;
		windows: number;
		staff: number;
		taskForce: number;
		services: number;
		rules: number;
	};
}

export class CentreState {
	readonly data: Live<SetupData>;

	constructor(db: HallDatabase, centreId: string) {
		this.data = new Live<SetupData>(
			async () => {
				const [centres, departments, windows, staff, taskForce, services, rules] =
					await Promise.all([
						repo.all(db, 'centre', centreId),
						repo.all(db, 'department', centreId),
						repo.all(db, 'window', centreId),
						repo.all(db, 'staff', centreId),
						repo.all(db, 'taskForceMember', centreId),
						repo.all(db, 'serviceItem', centreId),
						repo.all(db, 'ruleSet', centreId)
					]);
				return {
					loaded: true,
					centre: centres.rows[0],
					counts: {
						departments: departments.rows.length,
						windows: windows.rows.length,
						staff: staff.rows.length,
						taskForce: taskForce.rows.length,
						services: services.rows.length,
						rules: rules.rows.length
					}
				};
			},
			{
				loaded: false,
				centre: undefined,
				counts: { departments: 0, windows: 0, staff: 0, taskForce: 0, services: 0, rules: 0 }
			}
		);
	}
}
