import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallDatabase } from '$lib/local';
import { dayKind } from '$lib/domain/calendar';
import { checkAdvice } from './advice-check';
import { centreId, demoData, demoDatabase, TODAY } from './testing/demo';

let db: HallDatabase;
let dispose: () => Promise<void>;
beforeAll(async () => {
	({ db, dispose } = await demoDatabase());
}, 120_000);
afterAll(() => dispose());

// The demo's four weeks before its today (a Monday): planned 不打烊 days with their counts.
const FROM = '2026-05-11';
const TO = '2026-06-07';

describe('checkAdvice', () => {
	it('replays the planned 不打烊 days of a range from what the device holds, the same every time', async () => {
		const result = await checkAdvice(db, centreId(), FROM, TO);
		const planned = new Set(
			demoData()
				.records.filter((r) => r.entity === 'dayPlan')
				.map((r) => (r.data as { date: string }).date)
				.filter((d) => d >= FROM && d <= TO && !dayKind(d).working)
		);
		expect(TO < TODAY).toBe(true);
		expect(planned.size).toBeGreaterThan(4);
		const g = result.nonWorking;
		expect(g.withPlan.days).toBe(planned.size);
		// Both scenarios replay the same people; working days are left out.
		expect(g.withPlan.advised.people).toBe(g.withPlan.planned.people);
		expect(g.withPlan.planned.people).toBeGreaterThan(100);
		expect(result.working.days).toBe(0);
		for (const s of [g.withPlan.planned, g.withPlan.advised]) {
			expect(s.windowHours).toBeGreaterThan(0);
			expect(s.overTargetShare).toBeGreaterThanOrEqual(0);
			expect(s.overTargetShare).toBeLessThanOrEqual(1);
		}
		expect(await checkAdvice(db, centreId(), FROM, TO)).toEqual(result);
	});
});
