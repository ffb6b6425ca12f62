/**
 * 限时办结 on the device: the centre's cases (a clerk holds their own department's only, as the
 * server sends them), the items and departments that name them, and the hall's calendar that
 * their deadlines run on.
 */
import { repo, type HallDatabase } from '$lib/local';
import type { Row } from '$lib/local/repository';
import { hallCalendar, type DayOverride } from '$lib/domain/calendar';
import { caseRates, casesToWatch, totalRates, type CaseRates } from '$lib/domain/cases';
import { Live } from './live.svelte';

export interface CasesData {
	cases: Row<'case'>[];
	items: Row<'serviceItem'>[];
	departments: Row<'department'>[];
	calendar: DayOverride[];
}

async function load(db: HallDatabase, centreId: string): Promise<CasesData> {
	const [cases, items, departments, centres] = await Promise.all([
		repo.all(db, 'case', centreId),
		repo.all(db, 'serviceItem', centreId),
		repo.all(db, 'department', centreId),
		repo.all(db, 'centre', centreId)
	]);
	return {
		cases: cases.rows,
		items: items.rows.sort((a, b) => a.name.localeCompare(b.name, 'zh')),
		departments: departments.rows.sort((a, b) => a.sortOrder - b.sortOrder),
		calendar: hallCalendar(centres.rows[0]?.settings)
	};
}

export type RatesBy = 'department' | 'item';

export class CasesState {
	readonly data: Live<CasesData>;

	constructor(db: HallDatabase, centreId: string) {
		this.data = new Live(() => load(db, centreId), {
			cases: [],
			items: [],
			departments: [],
			calendar: []
		});
	}

	itemName(id: string) {
		return this.data.current.items.find((i) => i.id === id)?.name ?? id;
	}

	departmentName(id: string) {
		return this.data.current.departments.find((d) => d.id === id)?.name ?? id;
	}

	/** Items a user may record cases for: live ones, of their own department for a clerk. */
	itemsFor(departmentId?: string) {
		return this.data.current.items.filter(
			(i) => !i.retired && (!departmentId || i.departmentId === departmentId)
		);
	}

	watch(today: string) {
		const { cases, calendar } = this.data.current;
		return casesToWatch(cases, today, calendar);
	}

	/** The rates table, by department or by item, with the centre's line. */
	rates(by: RatesBy, today: string): { rows: (CaseRates & { name: string })[]; total: CaseRates } {
		const { cases, calendar } = this.data.current;
		const keyOf =
			by === 'department'
				? (c: Row<'case'>) => c.departmentId
				: (c: Row<'case'>) => c.serviceItemId;
		const name =
			by === 'department' ? (k: string) => this.departmentName(k) : (k: string) => this.itemName(k);
		const rows = caseRates(cases, keyOf, today, calendar).map((r) => ({ ...r, name: name(r.key) }));
		return {
			rows: rows.sort((a, b) => a.name.localeCompare(b.name, 'zh')),
			total: totalRates(rows)
		};
	}

	/** The numbers of an import already held: the second import of a file skips them. */
	held(numbers: readonly string[]) {
		const have = this.data.current.cases.map((c) => c.number);
		return numbers.filter((n) => have.includes(n));
	}
}
