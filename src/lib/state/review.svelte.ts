/** The review reads daily roll-ups, one row a day, never the hourly counts. */
import { repo, type HallDatabase } from '$lib/local';
import { datesBetween, dayKind } from '$lib/domain/calendar';
import type { DailyPoint } from '$lib/charts/daily';
import { Live } from './live.svelte';

async function load(db: HallDatabase, centreId: string, from: string, to: string) {
	const rows = await repo.dailyVolume(db, centreId, from, to);
	const byDate = new Map(rows.map((r) => [r.date, r.totals.accepted ?? 0]));
	return datesBetween(from, to).map((date): DailyPoint => ({
		date,
		value: byDate.get(date) ?? 0,
		working: dayKind(date).working
	}));
}

export class ReviewState {
	readonly points: Live<DailyPoint[]>;
	constructor(db: HallDatabase, centreId: string, from: string, to: string) {
		this.points = new Live(() => load(db, centreId, from, to), []);
	}

	get summary() {
		const points = this.points.current;
		const total = points.reduce((n, p) => n + p.value, 0);
		const off = points.filter((p) => !p.working);
		return {
			total,
			average: points.length ? total / points.length : 0,
			nonWorkingAverage: off.length ? off.reduce((n, p) => n + p.value, 0) / off.length : 0
		};
	}
}
