import { describe, expect, it } from 'vitest';
import { dayPlanSchema } from '$lib/schemas';
import { applyDeclared, type Mutator } from '../mutator';
import { dayPlanSave, dutyNote, extendedServiceRecord, windowAssign, windowSetOpen } from './duty';
import { memoryTx, testContext } from '../memory-tx';
import type { MutationTx } from '../records';

const ctx = testContext('duty', '2026-11-28T09:00:00+08:00');
const plan = {
	id: 'c1:2026-11-28',
	centreId: 'c1',
	v: 1,
	date: '2026-11-28',
	windows: [
		{ windowId: 'w1', staffIds: ['s1'], sessions: [{ start: '09:00', end: '11:30' }], open: true },
		{ windowId: 'w2', staffIds: ['s2'], sessions: [{ start: '09:00', end: '11:30' }], open: true }
	],
	operationsDutyIds: [],
	appointmentContacts: [],
	onCallIds: [],
	realEstateReview: [],
	arrangements: [],
	extendedSessions: [],
	notes: ''
};
const setup = () => memoryTx([{ entity: 'dayPlan', data: plan }]);
const apply = async (m: Mutator, tx: MutationTx, args: unknown) =>
	applyDeclared(m, tx, m.args.parse(args), ctx);

describe('duty-day mutations', () => {
	it('changes one window and leaves the other as another tablet left it', async () => {
		const { tx } = setup();
		await apply(windowSetOpen, tx, { date: '2026-11-28', windowId: 'w1', open: false });
		await apply(windowAssign, tx, { date: '2026-11-28', windowId: 'w2', staffIds: ['s3'] });
		const after = await tx.get('dayPlan', 'c1:2026-11-28');
		expect(after?.windows).toMatchObject([
			{ windowId: 'w1', open: false, staffIds: ['s1'] },
			{ windowId: 'w2', open: true, staffIds: ['s3'] }
		]);
	});

	it('opens an unplanned third window for the rest of the day', async () => {
		const { tx } = setup();
		await apply(windowSetOpen, tx, { date: '2026-11-28', windowId: 'w3', open: true });
		const after = await tx.get('dayPlan', 'c1:2026-11-28');
		expect(after?.windows.map((w) => w.windowId)).toEqual(['w1', 'w2', 'w3']);
	});

	it('logs when each window was opened or closed, so R1 can judge each session', async () => {
		const { tx } = setup();
		const at = '2026-11-28T16:30:00+08:00';
		await apply(windowSetOpen, tx, { date: '2026-11-28', windowId: 'w1', open: false, at });
		// A mutation queued by an older build carries no `at`: the server's clock stands in.
		await apply(windowSetOpen, tx, { date: '2026-11-28', windowId: 'w3', open: true });
		const after = await tx.get('dayPlan', 'c1:2026-11-28');
		expect(after?.windows).toMatchObject([
			{ windowId: 'w1', open: false, log: [{ at, open: false }] },
			{ windowId: 'w2', open: true },
			{ windowId: 'w3', open: true, unplanned: true, log: [{ at: ctx.now, open: true }] }
		]);
		expect(after?.windows[1].log).toBeUndefined();
	});

	it('appends extended service and notes instead of replacing them', async () => {
		const { tx } = setup();
		const session = { date: '2026-11-28', windowId: 'w1', start: '17:00', end: '17:40', served: 6 };
		await apply(extendedServiceRecord, tx, session);
		await apply(extendedServiceRecord, tx, { ...session, windowId: 'w2', served: 2 });
		await apply(dutyNote, tx, { date: '2026-11-28', text: '打印机卡纸', at: '10:05' });
		await apply(dutyNote, tx, { date: '2026-11-28', text: '已修复', at: '10:20' });
		const after = await tx.get('dayPlan', 'c1:2026-11-28');
		expect(after?.extendedSessions.map((s) => s.served)).toEqual([6, 2]);
		expect(after?.notes).toBe('10:05 打印机卡纸\n10:20 已修复');
	});

	it('refuses a day without a plan, a window not planned and a session that ends first', async () => {
		const { tx } = setup();
		expect(
			await apply(windowAssign, tx, { date: '2026-11-29', windowId: 'w1', staffIds: [] })
		).toMatchObject({ reject: { code: 'NOT_FOUND', messageKey: 'error_plan_missing' } });
		expect(
			await apply(windowAssign, tx, { date: '2026-11-28', windowId: 'w9', staffIds: [] })
		).toMatchObject({ reject: { messageKey: 'error_window_not_planned' } });
		expect(
			extendedServiceRecord.args.safeParse({
				date: '2026-11-28',
				start: '17:30',
				end: '17:00',
				served: 1
			}).success
		).toBe(false);
	});
});

describe('roster edits based on an older plan', () => {
	const { id: _id, centreId: _c, ...base } = plan;

	it('applies the later edit and notes a field both sides changed, with both values', async () => {
		const { tx } = setup();
		// Someone else changed the notes since this tablet loaded the plan.
		await tx.put('dayPlan', dayPlanSchema.parse({ ...plan, notes: '他人备注' }));
		const mine = { ...base, notes: '我的备注', onCallIds: ['s9'], basedOn: base };
		const outcome = await apply(dayPlanSave, tx, mine);
		expect(outcome).toMatchObject({
			reject: {
				code: 'CONFLICT',
				keep: true,
				detail: { conflicts: [{ field: 'notes', theirs: '他人备注', mine: '我的备注' }] }
			}
		});
		const after = await tx.get('dayPlan', 'c1:2026-11-28');
		expect(after).toMatchObject({ notes: '我的备注', onCallIds: ['s9'] });
	});

	it('says nothing when only this edit changed a field', async () => {
		const { tx } = setup();
		const outcome = await apply(dayPlanSave, tx, { ...base, notes: '只有我改', basedOn: base });
		expect(outcome).toBeUndefined();
	});
});
