/**
 * Daily roll-ups of a span of up to two years and the hall's calendar, for the review's decision
 * views: a period against the one before and the same one a year earlier, and the twelve months
 * week by week. Read apart from the range's data, so picking another quarter reads only roll-ups.
 */
import { repo, rollup, type HallDatabase } from '$lib/local';
import { hallCalendar, type DayOverride } from '$lib/domain/calendar';
import type { RollupDay } from '$lib/domain/review-figures';
import { Live } from './live.svelte';

export interface ReviewHistoryData {
	loaded: boolean;
	days: RollupDay[];
	overrides: DayOverride[];
}

export class ReviewHistory {
	readonly data: Live<ReviewHistoryData>;

	constructor(db: HallDatabase, centreId: string, from: string, to: string) {
		this.data = new Live<ReviewHistoryData>(
			async () => {
				const [days, centres] = await Promise.all([
					rollup.between(db, centreId, from, to),
					repo.all(db, 'centre', centreId)
				]);
				return { loaded: true, days, overrides: hallCalendar(centres.rows[0]?.settings) };
			},
			{ loaded: false, days: [], overrides: [] }
		);
	}
}
