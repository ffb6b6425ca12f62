import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultCentreSettings } from '$lib/schemas';
import { repo, type HallDatabase } from '$lib/local';
import { AppState } from './app.svelte';
import { DayState } from './day.svelte';
import { emptyPlan, PlanDraft, planArgs } from './plan-draft.svelte';
import { RosterState } from './roster.svelte';
import { centreId, demoDatabase, NOW } from './testing/demo';
import { track } from './testing/runes.svelte';

const sessions = defaultCentreSettings.nonWorkingSessions;
/** A Saturday ahead with a plan in the demo, and one without (a working Monday). */
const PLANNED = '2026-06-13';
const UNPLANNED = '2026-06-15';

let db: HallDatabase;
let dispose: () => Promise<void>;
beforeAll(async () => {
	({ db, dispose } = await demoDatabase());
}, 120_000);
afterAll(() => dispose());

async function savedPlan(date: string) {
	return (await repo.onDate(db, 'dayPlan', centreId(), date)).rows[0];
}

describe('a new day plan', () => {
	it('starts clean, and every edit marks it unsaved', () => {
		const draft = new PlanDraft(emptyPlan(UNPLANNED), sessions, false);
		expect(draft.dirty).toBe(false);
		expect(draft.args().basedOn).toBeNull();
		draft.toggleWindow('win-A01');
		expect(draft.dirty).toBe(true);
		// An opened window gets the centre's sessions of a non-working day, and is open.
		expect(draft.planned('win-A01')).toEqual({
			windowId: 'win-A01',
			staffIds: [],
			sessions,
			open: true
		});
		draft.toggleWindow('win-A01');
		expect(draft.planned('win-A01')).toBeUndefined();
	});

	it('fills desks, duty lists, contacts and arrangements the way the screen edits them', () => {
		const draft = new PlanDraft(emptyPlan(UNPLANNED), sessions, false);
		draft.toggleWindow('win-A01');
		draft.setStaff('win-A01', 0, 'staff-010');
		draft.setStaff('win-A01', 1, 'staff-011');
		draft.setStaff('win-A01', 0, '');
		expect(draft.planned('win-A01')?.staffIds).toEqual(['staff-011']);
		// A desk of a window that is not open is ignored.
		draft.setStaff('win-Z99', 0, 'staff-012');
		expect(draft.planned('win-Z99')).toBeUndefined();

		draft.toggleIn('onCallIds', 'staff-020');
		draft.toggleIn('onCallIds', 'staff-021');
		draft.toggleIn('onCallIds', 'staff-020');
		expect(draft.plan.onCallIds).toEqual(['staff-021']);

		draft.setContact('dept-reg', 'staff-030', '09:00');
		draft.setContact('dept-reg', 'staff-031', '10:00');
		expect(draft.plan.appointmentContacts).toEqual([
			{ departmentId: 'dept-reg', staffId: 'staff-031', from: '10:00' }
		]);
		draft.setContact('dept-reg', '', '10:00');
		expect(draft.plan.appointmentContacts).toEqual([]);

		draft.setArrangement('dept-reg', '  安排两人值守  ', NOW);
		expect(draft.plan.arrangements).toEqual([
			{ departmentId: 'dept-reg', text: '安排两人值守', filedAt: NOW }
		]);
		draft.setArrangement('dept-reg', '   ', NOW);
		expect(draft.plan.arrangements).toEqual([]);

		draft.setReview('staff-040', 'staff-001');
		draft.set('notes', '午间不休');
		draft.set('dutyLeadId', 'staff-001');
		expect(draft.args()).toMatchObject({
			date: UNPLANNED,
			notes: '午间不休',
			dutyLeadId: 'staff-001',
			realEstateReview: [{ staffId: 'staff-040', arrangedBy: 'staff-001' }]
		});
	});
});

describe('a day plan already saved', () => {
	it('sends the plan it started from, untouched by later edits, for the conflict check', async () => {
		const saved = await savedPlan(PLANNED);
		expect(saved).toBeDefined();
		const draft = new PlanDraft(planArgs(saved), sessions, true);
		const before = structuredClone(draft.args().basedOn);
		draft.set('notes', '改过的备注');
		draft.toggleWindow(saved.windows[0].windowId);
		const args = draft.args();
		expect(args.basedOn).toEqual(before);
		expect(args.basedOn?.notes).toBe(saved.notes);
		expect(args.notes).toBe('改过的备注');
		expect(args.windows).toHaveLength(saved.windows.length - 1);
	});

	it('copies another day onto this date, reopening every window and leaving that day’s extensions behind', async () => {
		const source = await savedPlan(PLANNED);
		const draft = new PlanDraft(emptyPlan(UNPLANNED), sessions, false);
		const closed = {
			...planArgs(source),
			windows: source.windows.map((w) => ({ ...w, open: false })),
			extendedSessions: [
				{ windowId: source.windows[0].windowId, until: '18:00', reason: '群众排队' }
			]
		};
		draft.copyFrom(closed as never);
		expect(draft.dirty).toBe(true);
		expect(draft.plan.date).toBe(UNPLANNED);
		expect(draft.plan.windows.map((w) => w.windowId)).toEqual(
			source.windows.map((w) => w.windowId)
		);
		expect(draft.plan.windows.every((w) => w.open)).toBe(true);
		expect(draft.plan.extendedSessions).toEqual([]);
		expect(draft.plan.notes).toBe(source.notes);
	});
});

describe('saving a draft', () => {
	it('queues one dayPlan.save that the day, the roster and the rule check show at once, marked pending', async () => {
		const app = new AppState(db);
		await app.signedIn(
			{ id: 'user-manager', username: 'm', name: '经理', role: 'manager', centreId: centreId() },
			{ id: centreId(), name: '示范区政务服务中心', slug: 'demo' }
		);
		const day = new DayState(db, centreId(), UNPLANNED, () => NOW);
		const roster = new RosterState(db, centreId(), '2026-06-13', '2026-06-19');
		const view = track(() => ({
			loaded: day.data.loaded,
			plan: day.data.current.plan,
			week: roster.days.current.map((d) => [d.date, d.plan?.pending ?? null])
		}));
		await vi.waitFor(() => expect(view.value.loaded).toBe(true));
		expect(view.value.plan).toBeUndefined();
		const outboxBefore = await db.outbox.count();

		const source = await savedPlan(PLANNED);
		const draft = new PlanDraft(emptyPlan(UNPLANNED), sessions, false);
		draft.copyFrom(planArgs(source));
		// What the roster page does on 保存.
		expect(await app.mutate.dayPlan.save(draft.args())).toBe(true);

		const queued = await db.outbox.orderBy('mutationId').last();
		expect(await db.outbox.count()).toBe(outboxBefore + 1);
		expect(queued).toMatchObject({
			name: 'dayPlan.save',
			args: { date: UNPLANNED, basedOn: null }
		});
		await vi.waitFor(() => expect(view.value.plan?.pending).toBe(true));
		expect(view.value.plan?.windows).toHaveLength(source.windows.length);
		await vi.waitFor(() => expect(view.value.week).toContainEqual([UNPLANNED, true]));
		// The saved Saturday stays confirmed beside the pending Monday.
		expect(view.value.week).toContainEqual([PLANNED, false]);
		expect(view.value.week).toHaveLength(7);
		view.stop();
	});
});
