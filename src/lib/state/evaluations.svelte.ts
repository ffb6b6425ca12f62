/**
 * 好差评 on the device: the centre's ratings, and the staff, windows, items and departments they
 * name. The evaluations page, the review's commendations and the supervision page read it.
 */
import { repo, type HallDatabase } from '$lib/local';
import type { Row } from '$lib/local/repository';
import { addDays } from '$lib/domain/calendar';
import {
	awaitingFollowUp,
	evaluationFigures,
	mostPraised,
	totalFigures,
	type EvaluationFigures
} from '$lib/domain/evaluations';
import { Live } from './live.svelte';

export interface EvaluationsData {
	evaluations: Row<'evaluation'>[];
	staff: Row<'staff'>[];
	windows: Row<'window'>[];
	items: Row<'serviceItem'>[];
}

async function load(db: HallDatabase, centreId: string): Promise<EvaluationsData> {
	const [evaluations, staff, windows, items] = await Promise.all([
		repo.all(db, 'evaluation', centreId),
		repo.all(db, 'staff', centreId),
		repo.all(db, 'window', centreId),
		repo.all(db, 'serviceItem', centreId)
	]);
	return {
		evaluations: evaluations.rows,
		staff: staff.rows.sort((a, b) => a.name.localeCompare(b.name, 'zh')),
		windows: windows.rows.sort((a, b) => a.code.localeCompare(b.code)),
		items: items.rows.sort((a, b) => a.name.localeCompare(b.name, 'zh'))
	};
}

export type FiguresBy = 'staff' | 'window' | 'item';

export class EvaluationsState {
	readonly data: Live<EvaluationsData>;

	constructor(db: HallDatabase, centreId: string) {
		this.data = new Live(() => load(db, centreId), {
			evaluations: [],
			staff: [],
			windows: [],
			items: []
		});
	}

	staffName(id: string) {
		return this.data.current.staff.find((s) => s.id === id)?.name ?? id;
	}

	windowName(id: string) {
		return this.data.current.windows.find((w) => w.id === id)?.code ?? id;
	}

	itemName(id: string) {
		return this.data.current.items.find((i) => i.id === id)?.name ?? id;
	}

	/** Who a rating may name: active staff, open windows, live items. */
	get choices() {
		const d = this.data.current;
		return {
			staff: d.staff.filter((s) => s.active),
			windows: d.windows.filter((w) => !w.retired),
			items: d.items.filter((i) => !i.retired)
		};
	}

	/** Ratings from `days` days before `today` up to today. */
	since(today: string, days: number) {
		const from = addDays(today, -days);
		return this.data.current.evaluations.filter((e) => e.ratedOn > from && e.ratedOn <= today);
	}

	/** The figures table for the period, by staff, window or item, with the centre's line. */
	figures(
		by: FiguresBy,
		today: string,
		days: number
	): { rows: (EvaluationFigures & { name: string })[]; total: EvaluationFigures } {
		const ratings = this.since(today, days);
		const keyOf = {
			staff: (e: Row<'evaluation'>) => e.staffId,
			window: (e: Row<'evaluation'>) => e.windowId,
			item: (e: Row<'evaluation'>) => e.serviceItemId
		}[by];
		const name = {
			staff: (k: string) => this.staffName(k),
			window: (k: string) => this.windowName(k),
			item: (k: string) => this.itemName(k)
		}[by];
		const rows = evaluationFigures(ratings, keyOf).map((r) => ({ ...r, name: name(r.key) }));
		return {
			rows: rows.sort((a, b) => a.name.localeCompare(b.name, 'zh')),
			total: totalFigures(ratings)
		};
	}

	/** Bad ratings awaiting a follow-up, the oldest first, whatever their age. */
	get awaiting() {
		return awaitingFollowUp(this.data.current.evaluations);
	}

	/** 表扬: the staff most praised between two days, with their names. */
	praised(from: string, to: string, limit = 5) {
		return mostPraised(this.data.current.evaluations, from, to, limit).map((p) => ({
			...p,
			name: this.staffName(p.staffId)
		}));
	}

	/** The numbers of an import already held: the second import of a file skips them. */
	held(numbers: readonly string[]) {
		const have = this.data.current.evaluations.map((e) => e.number);
		return numbers.filter((n) => have.includes(n));
	}
}
