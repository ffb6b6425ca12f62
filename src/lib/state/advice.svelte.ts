/**
 * What the window advice of one day needs, read live: a year of daily roll-ups before the day
 * (the forecast history), the centre's targets and sessions, the rules, the service items and the
 * windows, and the day's plan when the caller does not pass its own draft.
 */
import { repo, rollup, type HallDatabase } from '$lib/local';
import type { Row } from '$lib/local/repository';
import { addDays, hallCalendar, type DayOverride } from '$lib/domain/calendar';
import { indexHistory, type HistoryIndex } from '$lib/domain/forecast';
import { defaultCentreSettings, type CentreSettings } from '$lib/schemas';
import { arrivalHistory, type DayRollup } from '$lib/domain/volume';
import { Live } from './live.svelte';

/** A year back covers the same holiday last year; a forecast never looks further. */
const HISTORY_DAYS = 370;

export interface AdviceData {
	loaded: boolean;
	history: HistoryIndex;
	actual: DayRollup | undefined;
	settings: CentreSettings;
	ruleSet: Row<'ruleSet'> | undefined;
	serviceItems: Row<'serviceItem'>[];
	windows: Row<'window'>[];
	plan: Row<'dayPlan'> | undefined;
	overrides: DayOverride[];
}

const empty = (): AdviceData => ({
	loaded: false,
	history: indexHistory([]),
	actual: undefined,
	settings: defaultCentreSettings,
	ruleSet: undefined,
	serviceItems: [],
	windows: [],
	plan: undefined,
	overrides: []
});

async function load(db: HallDatabase, centreId: string, date: string): Promise<AdviceData> {
	const [days, centres, ruleSets, items, windows, plans] = await Promise.all([
		rollup.between(db, centreId, addDays(date, -HISTORY_DAYS), date),
		repo.all(db, 'centre', centreId),
		repo.all(db, 'ruleSet', centreId),
		repo.all(db, 'serviceItem', centreId),
		repo.all(db, 'window', centreId),
		repo.onDate(db, 'dayPlan', centreId, date)
	]);
	const settings = centres.rows[0]?.settings ?? defaultCentreSettings;
	const overrides = hallCalendar(settings);
	const before = days.filter((d) => d.date < date);
	return {
		loaded: true,
		history: indexHistory(arrivalHistory(before), overrides),
		actual: days.find((d) => d.date === date),
		settings,
		ruleSet: ruleSets.rows[0],
		serviceItems: items.rows,
		windows: windows.rows,
		plan: plans.rows[0],
		overrides
	};
}

export class AdviceState {
	readonly data: Live<AdviceData>;
	constructor(db: HallDatabase, centreId: string, date: string) {
		this.data = new Live(() => load(db, centreId, date), empty());
	}
}
