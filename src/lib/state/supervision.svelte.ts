/**
 * 督导检查 as the supervision screen reads it: the rounds of the last year, the organisation to
 * name who a finding concerns, and, for the round that is open, the proposals of its duty day.
 */
import { repo, type HallDatabase } from '$lib/local';
import type { Row } from '$lib/local/repository';
import type { FindingSubject } from '$lib/schemas';
import { addDays } from '$lib/domain/calendar';
import { proposeFindings, summariseMonth, type ProposedFinding } from '$lib/domain/supervision';
import { DayState } from './day.svelte';
import { Live } from './live.svelte';

export interface SupervisionData {
	inspections: Row<'inspection'>[];
	staff: Row<'staff'>[];
	windows: Row<'window'>[];
	departments: Row<'department'>[];
}

const empty: SupervisionData = { inspections: [], staff: [], windows: [], departments: [] };

async function load(db: HallDatabase, centreId: string, today: string): Promise<SupervisionData> {
	const [inspections, staff, windows, departments] = await Promise.all([
		repo.all(db, 'inspection', centreId),
		repo.all(db, 'staff', centreId),
		repo.all(db, 'window', centreId),
		repo.all(db, 'department', centreId)
	]);
	const from = addDays(today, -400);
	return {
		inspections: inspections.rows
			.filter((i) => i.date >= from)
			.sort((a, b) => b.date.localeCompare(a.date) || b.startedAt.localeCompare(a.startedAt)),
		staff: staff.rows.filter((s) => s.active).sort((a, b) => a.name.localeCompare(b.name, 'zh')),
		windows: windows.rows.filter((w) => !w.retired).sort((a, b) => a.code.localeCompare(b.code)),
		departments: departments.rows.sort((a, b) => a.sortOrder - b.sortOrder)
	};
}

export class SupervisionState {
	readonly data: Live<SupervisionData>;

	constructor(db: HallDatabase, centreId: string, today: string) {
		this.data = new Live(() => load(db, centreId, today), empty);
	}

	get hallDepartmentId(): string {
		const d = this.data.current.departments;
		return (d.find((x) => x.operations) ?? d[0])?.id ?? '';
	}

	/** 政务服务科 staff first: they are the ones who inspect. */
	get inspectors(): Row<'staff'>[] {
		const ops = this.hallDepartmentId;
		const all = this.data.current.staff;
		return [
			...all.filter((s) => s.departmentId === ops),
			...all.filter((s) => s.departmentId !== ops)
		];
	}

	round(id: string): Row<'inspection'> | undefined {
		return this.data.current.inspections.find((i) => i.id === id);
	}

	subjectName(subject: FindingSubject): string {
		const d = this.data.current;
		switch (subject.type) {
			case 'staff':
				return d.staff.find((s) => s.id === subject.id)?.name ?? subject.id;
			case 'window': {
				const w = d.windows.find((x) => x.id === subject.id);
				return w ? `${w.code}${w.category ? ` ${w.category}` : ''}` : subject.id;
			}
			case 'department':
				return d.departments.find((x) => x.id === subject.id)?.name ?? subject.id;
		}
	}

	departmentName(id: string): string {
		return this.data.current.departments.find((d) => d.id === id)?.name ?? id;
	}

	summary(month: string) {
		const d = this.data.current;
		return summariseMonth(d.inspections, month, {
			departments: d.departments,
			staff: d.staff,
			windows: d.windows,
			hallDepartmentId: this.hallDepartmentId
		});
	}
}

/** The duty day of one round, for the findings its records suggest. */
export class RoundDay {
	readonly day: DayState;

	constructor(
		db: HallDatabase,
		centreId: string,
		date: string,
		now: () => string,
		private readonly supervision: SupervisionState,
		private readonly roundId: string
	) {
		this.day = new DayState(db, centreId, date, now);
	}

	get proposals(): ProposedFinding[] {
		const round = this.supervision.round(this.roundId);
		if (!round) return [];
		return proposeFindings(this.day.violations, round, this.supervision.hallDepartmentId);
	}

	get loaded(): boolean {
		return this.day.data.loaded;
	}
}
