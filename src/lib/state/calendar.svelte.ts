/** The centre's calendar as the settings screen shows it: the years around today, and single days. */
import { repo, type HallDatabase } from '$lib/local';
import { yearCoverage, type YearCoverage } from '$lib/domain/calendar';
import type { CentreSettings, HolidayNotice } from '$lib/schemas';
import { Live } from './live.svelte';

export interface CalendarYear {
	year: number;
	coverage: YearCoverage;
	notice: HolidayNotice | undefined;
}

export class CalendarState {
	readonly data: Live<{ settings?: CentreSettings }>;

	constructor(db: HallDatabase, centreId: string) {
		this.data = new Live<{ settings?: CentreSettings }>(
			async () => ({ settings: (await repo.all(db, 'centre', centreId)).rows[0]?.settings }),
			{}
		);
	}

	get notices(): HolidayNotice[] {
		return this.data.current.settings?.holidayNotices ?? [];
	}

	get dayOverrides(): CentreSettings['dayOverrides'] {
		return this.data.current.settings?.dayOverrides ?? [];
	}

	/** This year and next, and every other year a notice was entered for. */
	years(today: string): CalendarYear[] {
		const now = Number(today.slice(0, 4));
		const entered = this.notices.map((n) => n.year).filter((y) => y !== now && y !== now + 1);
		return [now, now + 1, ...entered]
			.sort((a, b) => a - b)
			.map((year) => ({
				year,
				coverage: yearCoverage(year, this.notices),
				notice: this.notices.find((n) => n.year === year)
			}));
	}
}
