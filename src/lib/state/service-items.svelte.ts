/** 事项清单 as the task-force office maintains it: every item, grouped by department. */
import { repo, type HallDatabase } from '$lib/local';
import type { Row } from '$lib/local/repository';
import { Live } from './live.svelte';

export interface ServiceItemsData {
	items: Row<'serviceItem'>[];
	departments: Row<'department'>[];
}

async function load(db: HallDatabase, centreId: string): Promise<ServiceItemsData> {
	const [items, departments] = await Promise.all([
		repo.all(db, 'serviceItem', centreId),
		repo.all(db, 'department', centreId)
	]);
	return {
		items: items.rows.sort((a, b) => a.name.localeCompare(b.name, 'zh')),
		departments: departments.rows.sort((a, b) => a.sortOrder - b.sortOrder)
	};
}

export class ServiceItemsState {
	readonly data: Live<ServiceItemsData>;

	constructor(db: HallDatabase, centreId: string) {
		this.data = new Live(() => load(db, centreId), { items: [], departments: [] });
	}

	/** Departments in their order, each with its items; retired items only when asked for. */
	grouped(showRetired: boolean) {
		const { items, departments } = this.data.current;
		return departments
			.map((department) => ({
				department,
				items: items.filter((i) => i.departmentId === department.id && (showRetired || !i.retired))
			}))
			.filter((g) => g.items.length > 0);
	}

	get counts() {
		const live = this.data.current.items.filter((i) => !i.retired);
		return { count: live.length, nonWorking: live.filter((i) => i.availableNonWorking).length };
	}
}
