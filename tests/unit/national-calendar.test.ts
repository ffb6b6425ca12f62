/**
 * The shipped national calendar (src/lib/domain/national-calendar.ts) is generated from
 * chinese-days; this fails when the package changed and the file was not regenerated
 * (`npm run calendar:data`), and checks that the runs expand to the package's own tables.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expandRuns } from '$lib/domain/calendar';
import { holidayRuns, makeUpRuns } from '$lib/domain/national-calendar';
import {
	nationalCalendarPath,
	packageCalendar,
	renderNationalCalendar
} from '../../scripts/national-calendar';

describe('the national calendar', () => {
	it('matches chinese-days (run `npm run calendar:data` after updating it)', async () => {
		const rendered = await renderNationalCalendar();
		const current = readFileSync(nationalCalendarPath, 'utf8');
		expect(rendered === current, 'national-calendar.ts is out of date').toBe(true);
	});

	it("expands to the package's holidays and make-up working days, date by date", () => {
		const { holidays, workdays } = packageCalendar();
		expect(expandRuns(holidayRuns)).toEqual(holidays);
		expect(expandRuns(makeUpRuns)).toEqual(workdays);
		expect(expandRuns(holidayRuns)['2026-02-17']).toBe('Spring Festival,春节,4');
		expect(expandRuns(makeUpRuns)['2026-02-14']).toBe('Spring Festival,春节,4');
	});
});
