import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { outbox, type HallDatabase } from '$lib/local';
import { DayState } from './day.svelte';
import { actorFor, centreId, demoData, demoDatabase, NOW } from './testing/demo';
import { track } from './testing/runes.svelte';

/** A Saturday the demo planned with a desk left empty (R4), with its check-ins. */
const SATURDAY = '2026-06-06';

let db: HallDatabase;
let dispose: () => Promise<void>;
beforeAll(async () => {
	({ db, dispose } = await demoDatabase());
}, 120_000);
afterAll(() => dispose());

const demoOn = (entity: string, date: string) =>
	demoData().records.filter(
		(r) => r.entity === entity && (r.data as { date?: string }).date === date
	);

describe('DayState', () => {
	it('loads the plan, check-ins, bookings and volume of its own date only', async () => {
		const day = new DayState(db, centreId(), SATURDAY, () => `${SATURDAY}T10:00:00+08:00`);
		const view = track(() => ({ loaded: day.data.loaded, data: day.data.current }));
		expect(view.value.loaded).toBe(false);
		await vi.waitFor(() => expect(view.value.loaded).toBe(true));
		const d = view.value.data;
		expect(d.plan?.date).toBe(SATURDAY);
		expect(d.attendance).toHaveLength(demoOn('attendance', SATURDAY).length);
		expect(d.appointments).toHaveLength(demoOn('appointment', SATURDAY).length);
		expect(d.volume).toHaveLength(demoOn('volume', SATURDAY).length);
		expect(d.invalid).toBe(0);
		// Windows in code order, departments in their set order, for the screen's lists.
		const codes = d.windows.map((w) => w.code);
		expect(codes).toEqual([...codes].sort((a, b) => a.localeCompare(b)));
		const order = d.departments.map((x) => x.sortOrder);
		expect(order).toEqual([...order].sort((a, b) => a - b));
		expect(day.kind.working).toBe(false);
		view.stop();
	});

	it('flags the rule the plan breaks, and names staff by name', async () => {
		const day = new DayState(db, centreId(), SATURDAY, () => `${SATURDAY}T10:00:00+08:00`);
		const view = track(() => ({
			loaded: day.data.loaded,
			rules: day.violations.map((v) => v.rule)
		}));
		await vi.waitFor(() => expect(view.value.loaded).toBe(true));
		expect(view.value.rules).toContain('R4');
		const someone = day.data.current.staff[0];
		expect(day.staffName(someone.id)).toBe(someone.name);
		expect(day.staffName('staff-unknown')).toBe('staff-unknown');
		view.stop();
	});

	it('has nothing to check on a day without a plan', async () => {
		const day = new DayState(db, centreId(), '2026-06-10', () => NOW);
		const view = track(() => ({
			loaded: day.data.loaded,
			plan: day.data.current.plan,
			v: day.violations
		}));
		await vi.waitFor(() => expect(view.value.loaded).toBe(true));
		expect(view.value.plan).toBeUndefined();
		expect(view.value.v).toEqual([]);
		view.stop();
	});

	it('shows a check-in taken on this tablet at once, still pending', async () => {
		// A planned day with no check-ins yet (the demo's ids differ from the mutator's).
		const date = '2026-06-13';
		const day = new DayState(db, centreId(), date, () => `${date}T10:00:00+08:00`);
		const view = track(() => ({
			loaded: day.data.loaded,
			attendance: day.data.current.attendance
		}));
		await vi.waitFor(() => expect(view.value.loaded).toBe(true));
		expect(view.value.attendance).toEqual([]);
		const staffId = day.data.current.plan!.windows.find((w) => w.staffIds.length)!.staffIds[0];
		await outbox.mutate(
			db,
			actorFor('duty'),
			'attendance.record',
			{ date, staffId, status: 'late', minutesLate: 25 },
			`${date}T09:25:00+08:00`
		);
		await vi.waitFor(() =>
			expect(view.value.attendance).toMatchObject([
				{
					staffId,
					status: 'late',
					minutesLate: 25,
					pending: true
				}
			])
		);
		view.stop();
	});
});
