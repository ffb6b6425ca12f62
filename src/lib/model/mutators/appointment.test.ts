import { beforeEach, describe, expect, it } from 'vitest';
import { defaultCentreSettings, type Appointment, type Role, type Slot } from '$lib/schemas';
import { mutators } from '../registry';
import { applyDeclared, type Outcome } from '../mutator';
import { MemoryTx, testContext } from '../memory-tx';

const centreId = 'c1';
const NOW = '2026-11-28T09:05:00+08:00';
/** The moment the next mutation is made; each test starts at NOW. */
let now = NOW;
const ctx = (role: Role, departmentId?: string) =>
	testContext(role, now, { userId: `u-${role}`, departmentId });

/** Runs a mutation the way push.ts does: role check, Zod parse, apply. */
async function run(name: string, args: unknown, role: Role = 'clerk', departmentId = 'estate') {
	const m = mutators[name];
	if (!m.roles.includes(role)) return { rejected: 'FORBIDDEN' };
	const parsed = m.args.safeParse(args);
	if (!parsed.success) return { rejected: 'INVALID', issues: parsed.error.issues };
	const outcome: Outcome = await applyDeclared(m, tx, parsed.data, ctx(role, departmentId));
	return outcome
		? {
				rejected: outcome.reject.code,
				key: outcome.reject.messageKey,
				detail: outcome.reject.detail,
				keep: outcome.reject.keep
			}
		: {};
}

let tx: MemoryTx;
const slot = async (id: string) => (await tx.get('slot', id)) as Slot;
const appt = async (id: string) => (await tx.get('appointment', id)) as Appointment;
const person = (phone = '13800001234', name = '王小明') => ({ kind: 'person', name, phone });
const book = (id: string, slotId: string, extra: Record<string, unknown> = {}) =>
	run('appointment.book', { id, slotId, applicant: person(), channel: 'phone', ...extra });

const baseSlot = (id: string, start: string, capacity: number, departmentId = 'estate'): Slot => ({
	id,
	centreId,
	v: 1,
	departmentId,
	serviceItemId: departmentId === 'estate' ? 'transfer' : 'tax-item',
	date: '2026-11-28',
	start,
	end: start.replace(':00', ':30'),
	capacity,
	booked: 0,
	blocked: false
});

beforeEach(async () => {
	now = NOW;
	tx = new MemoryTx();
	await tx.put('centre', {
		id: centreId,
		centreId,
		v: 1,
		name: '示例区政务服务中心',
		slug: 'demo',
		address: '',
		timeZone: 'Asia/Shanghai',
		settings: defaultCentreSettings
	});
	await tx.put('serviceItem', {
		id: 'transfer',
		centreId,
		v: 1,
		name: '二手房转移登记',
		departmentId: 'estate',
		category: '不动产登记',
		channels: ['window'],
		deadlineDays: 1,
		availableNonWorking: true,
		bookable: true,
		handleMinutes: 30,
		retired: false,
		updatedAt: NOW
	});
	await tx.put('slot', baseSlot('s9', '09:00', 1));
	await tx.put('slot', baseSlot('s10', '10:00', 2));
	await tx.put('slot', baseSlot('t9', '09:00', 3, 'tax'));
});

describe('appointment.book', () => {
	it('books a place, checks the applicant and keeps a clerk to their own department', async () => {
		expect(await book('a1', 's9')).toEqual({});
		expect(await appt('a1')).toMatchObject({
			status: 'booked',
			date: '2026-11-28',
			start: '09:00'
		});
		expect((await slot('s9')).booked).toBe(1);
		expect(await book('a2', 't9', { applicant: person('13900001111') })).toMatchObject({
			rejected: 'FORBIDDEN'
		});
		const bad = await book('a3', 's10', {
			applicant: { ...person('12345'), idNumber: '110105194912310021' }
		});
		expect(bad.rejected).toBe('INVALID');
		expect(bad.issues?.map((i) => i.message).sort()).toEqual([
			'booking_error_id_number',
			'booking_error_phone'
		]);
	});

	it('keeps the booking that loses the last place as unconfirmed with the free alternatives', async () => {
		await book('a1', 's9');
		const lost = await book('a2', 's9', { applicant: person('13900002222', '李四') });
		expect(lost).toMatchObject({ rejected: 'SLOT_FULL', keep: true });
		expect(lost.detail).toEqual({
			appointmentId: 'a2',
			alternatives: [{ slotId: 's10', date: '2026-11-28', start: '10:00', free: 2 }]
		});
		expect(await appt('a2')).toMatchObject({ status: 'unconfirmed', applicant: { name: '李四' } });
		expect((await slot('s9')).booked).toBe(1);
	});

	it('offers no alternative that has already begun when the refusal is made', async () => {
		await tx.put('slot', baseSlot('s11', '11:00', 2));
		await book('a1', 's9');
		now = '2026-11-28T10:20:00+08:00';
		const lost = await book('a2', 's9', { applicant: person('13900002222', '李四') });
		expect(lost.detail).toEqual({
			appointmentId: 'a2',
			alternatives: [{ slotId: 's11', date: '2026-11-28', start: '11:00', free: 2 }]
		});
	});

	it('books the same phone twice for one item and day: duplicates are a warning', async () => {
		await book('a1', 's9');
		expect(await book('a2', 's10')).toEqual({});
		expect(await book('a2', 's10')).toEqual({}); // a replay applies nothing twice
		expect((await slot('s10')).booked).toBe(1);
	});
});

describe('appointment.reschedule', () => {
	it('moves a booking, frees its old place and keeps the history', async () => {
		await book('a1', 's9');
		expect(await run('appointment.reschedule', { id: 'a1', slotId: 's10' })).toEqual({});
		expect((await slot('s9')).booked).toBe(0);
		expect((await slot('s10')).booked).toBe(1);
		const a = await appt('a1');
		expect(a).toMatchObject({ slotId: 's10', start: '10:00', status: 'booked' });
		expect(a.history.map((h) => h.slotId)).toEqual(['s9', 's10']);
	});

	it('settles an unconfirmed booking by moving it, and refuses a full or foreign slot', async () => {
		await book('a1', 's9');
		await book('a2', 's9', { applicant: person('13900002222') });
		expect(await run('appointment.reschedule', { id: 'a2', slotId: 's9' })).toMatchObject({
			rejected: 'SLOT_FULL'
		});
		expect(
			await run('appointment.reschedule', { id: 'a2', slotId: 't9' }, 'manager')
		).toMatchObject({ rejected: 'INVALID', key: 'error_reschedule_other_item' });
		expect(await run('appointment.reschedule', { id: 'a2', slotId: 's10' })).toEqual({});
		expect(await appt('a2')).toMatchObject({ status: 'booked', slotId: 's10' });
		// The unconfirmed booking never held a place in s9.
		expect((await slot('s9')).booked).toBe(1);
		expect((await slot('s10')).booked).toBe(1);
	});

	it('does not move an appointment that is over or under way', async () => {
		await book('a1', 's9');
		await run('appointment.setStatus', { id: 'a1', status: 'arrived' });
		expect(await run('appointment.reschedule', { id: 'a1', slotId: 's10' })).toMatchObject({
			rejected: 'CONFLICT'
		});
	});
});

describe('appointment.setStatus', () => {
	beforeEach(async () => {
		await book('a1', 's9');
	});

	it('runs booked → arrived → serving → done', async () => {
		for (const status of ['arrived', 'serving', 'done']) {
			expect(await run('appointment.setStatus', { id: 'a1', status })).toEqual({});
		}
		expect((await appt('a1')).history.map((h) => h.status)).toEqual([
			'booked',
			'arrived',
			'serving',
			'done'
		]);
		expect(await run('appointment.setStatus', { id: 'a1', status: 'done' })).toEqual({});
		expect(await run('appointment.setStatus', { id: 'a1', status: 'booked' })).toMatchObject({
			rejected: 'CONFLICT'
		});
	});

	it('marks a no-show only once the booking’s time has come, on the hall clock', async () => {
		await book('a10', 's10');
		now = '2026-11-28T09:59:00+08:00';
		expect(await run('appointment.setStatus', { id: 'a10', status: 'no-show' })).toMatchObject({
			rejected: 'CONFLICT',
			key: 'error_no_show_early'
		});
		expect((await appt('a10')).status).toBe('booked');
		// The same moment written in UTC is 09:59 on the hall clock: still too early.
		now = '2026-11-28T01:59:00Z';
		expect(await run('appointment.setStatus', { id: 'a10', status: 'no-show' })).toMatchObject({
			key: 'error_no_show_early'
		});
		now = '2026-11-28T10:00:00+08:00';
		expect(await run('appointment.setStatus', { id: 'a10', status: 'no-show' })).toEqual({});
		expect((await appt('a10')).status).toBe('no-show');
	});

	it('takes back a one-tap step right after, to the status it left, and only that', async () => {
		now = '2026-11-28T09:10:00+08:00';
		await run('appointment.setStatus', { id: 'a1', status: 'no-show' });
		now = '2026-11-28T09:12:00+08:00';
		expect(await run('appointment.setStatus', { id: 'a1', status: 'booked', undo: true })).toEqual(
			{}
		);
		expect((await appt('a1')).status).toBe('booked');
		expect((await slot('s9')).booked).toBe(1);
		expect((await appt('a1')).history.map((h) => h.status)).toEqual([
			'booked',
			'no-show',
			'booked'
		]);
		// An undo goes back one step, never two, and never to a status the step did not leave.
		await run('appointment.setStatus', { id: 'a1', status: 'arrived' });
		await run('appointment.setStatus', { id: 'a1', status: 'serving' });
		expect(
			await run('appointment.setStatus', { id: 'a1', status: 'booked', undo: true })
		).toMatchObject({ rejected: 'CONFLICT', key: 'error_undo_too_late' });
		expect(await run('appointment.setStatus', { id: 'a1', status: 'arrived', undo: true })).toEqual(
			{}
		);
		// Past the window, what was done stays done.
		await run('appointment.setStatus', { id: 'a1', status: 'serving' });
		now = '2026-11-28T09:18:00+08:00';
		expect(
			await run('appointment.setStatus', { id: 'a1', status: 'arrived', undo: true })
		).toMatchObject({ rejected: 'CONFLICT', key: 'error_undo_too_late' });
		expect((await appt('a1')).status).toBe('serving');
	});

	it('never undoes a cancellation: it went through a form and freed the place', async () => {
		await run('appointment.setStatus', { id: 'a1', status: 'cancelled', cancelReason: '本人取消' });
		expect(
			await run('appointment.setStatus', { id: 'a1', status: 'booked', undo: true })
		).toMatchObject({ rejected: 'CONFLICT' });
		expect((await appt('a1')).status).toBe('cancelled');
	});

	it('refuses with every missing item at once (一次告知), each once', async () => {
		await run('appointment.setStatus', { id: 'a1', status: 'arrived' });
		await run('appointment.setStatus', { id: 'a1', status: 'serving' });
		expect(await run('appointment.setStatus', { id: 'a1', status: 'refused' })).toMatchObject({
			key: 'error_refusal_needs_items'
		});
		await run('appointment.setStatus', {
			id: 'a1',
			status: 'refused',
			missingItems: ['婚姻状况证明', ' 完税凭证 ', '婚姻状况证明']
		});
		expect((await appt('a1')).missingItems).toEqual(['婚姻状况证明', '完税凭证']);
	});

	it('cancels only with a reason, and frees the place', async () => {
		expect(await run('appointment.setStatus', { id: 'a1', status: 'cancelled' })).toMatchObject({
			key: 'error_cancel_needs_reason'
		});
		await run('appointment.setStatus', { id: 'a1', status: 'cancelled', cancelReason: '改期' });
		expect(await appt('a1')).toMatchObject({ status: 'cancelled', cancelReason: '改期' });
		expect((await slot('s9')).booked).toBe(0);
	});

	it('lets only a manager confirm an unconfirmed booking over capacity', async () => {
		await book('a2', 's9', { applicant: person('13900002222') });
		expect(await run('appointment.setStatus', { id: 'a2', status: 'booked' })).toMatchObject({
			rejected: 'FORBIDDEN',
			key: 'error_override_needs_manager'
		});
		expect(await run('appointment.setStatus', { id: 'a2', status: 'booked' }, 'manager')).toEqual(
			{}
		);
		expect((await slot('s9')).booked).toBe(2);
		// Cancelling the unconfirmed one instead would not have freed a place it never held.
		await book('a3', 's9', { applicant: person('13900003333') });
		await run('appointment.setStatus', { id: 'a3', status: 'cancelled', cancelReason: '已改约' });
		expect((await slot('s9')).booked).toBe(2);
	});
});

describe('appointment.reveal', () => {
	it('changes nothing, is for staff of the department, never for a viewer', async () => {
		await book('a1', 's9');
		const before = structuredClone(tx.rows);
		expect(await run('appointment.reveal', { id: 'a1', field: 'phone' })).toEqual({});
		expect(tx.rows).toEqual(before);
		expect(await run('appointment.reveal', { id: 'a1', field: 'phone' }, 'clerk', 'tax')).toEqual(
			expect.objectContaining({ rejected: 'FORBIDDEN' })
		);
		expect(await run('appointment.reveal', { id: 'a1', field: 'phone' }, 'viewer')).toEqual({
			rejected: 'FORBIDDEN'
		});
	});
});

describe('slots', () => {
	it('generates a week across a holiday for managers, leaving existing slots alone', async () => {
		const args = {
			serviceItemId: 'transfer',
			from: '2026-11-28',
			to: '2026-11-29',
			lengthMinutes: 30,
			capacity: 2
		};
		expect(await run('slot.generate', args)).toEqual({ rejected: 'FORBIDDEN' });
		await book('a1', 's9');
		expect(await run('slot.generate', args, 'manager')).toEqual({});
		const saturday = await tx.list('slot', { date: '2026-11-28', serviceItemId: 'transfer' });
		// s9 and s10 existed at 09:00 and 10:00; the other nine non-working slots are new.
		expect(saturday).toHaveLength(11);
		expect((await slot('s9')).booked).toBe(1);
		expect(await tx.list('slot', { date: '2026-11-29', serviceItemId: 'transfer' })).toHaveLength(
			11
		);
		const holiday = await run(
			'slot.generate',
			{ ...args, from: '2026-10-01', to: '2026-10-03' },
			'manager'
		);
		expect(holiday).toEqual({});
		expect(await tx.list('slot', { date: '2026-10-02', serviceItemId: 'transfer' })).toEqual([]);
		expect(
			await run('slot.generate', { ...args, from: '2026-01-01', to: '2026-12-31' }, 'manager')
		).toMatchObject({ key: 'error_slot_range' });
	});

	it('blocks a slot and changes its capacity, never below what is booked', async () => {
		await book('a1', 's10');
		await book('a2', 's10', { applicant: person('13900002222') });
		expect(await run('slot.setCapacity', { id: 's10', capacity: 1 }, 'manager')).toMatchObject({
			rejected: 'CONFLICT',
			key: 'error_capacity_below_booked'
		});
		expect(await run('slot.setCapacity', { id: 's10', capacity: 4 }, 'manager')).toEqual({});
		expect(await run('slot.block', { id: 's10', blocked: true }, 'manager')).toEqual({});
		expect(await slot('s10')).toMatchObject({ capacity: 4, booked: 2, blocked: true });
		expect(await book('a3', 's10', { applicant: person('13900003333') })).toMatchObject({
			rejected: 'SLOT_FULL'
		});
	});
});
