import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { outbox, type HallDatabase } from '$lib/local';
import { LedgerState, WaitingState } from './ledger.svelte';
import { addDays } from '$lib/domain/calendar';
import { actorFor, centreId, demoDatabase, NOW, TODAY } from './testing/demo';
import { track } from './testing/runes.svelte';

let db: HallDatabase;
let dispose: () => Promise<void>;
beforeAll(async () => {
	({ db, dispose } = await demoDatabase());
}, 120_000);
afterAll(() => dispose());

/** Midnight before the demo day: none of its slots has begun yet. */
const DAWN = Date.parse(`${TODAY}T00:00:00+08:00`);

async function loaded(ledger: LedgerState) {
	const view = track(() => ({ loaded: ledger.data.loaded, data: ledger.data.current }));
	await vi.waitFor(() => expect(view.value.loaded).toBe(true));
	return view;
}

describe('LedgerState', () => {
	it('lists the day in time order and filters by department and by search', async () => {
		const ledger = new LedgerState(db, centreId(), TODAY);
		const view = await loaded(ledger);
		const all = view.value.data.appointments;
		expect(all.length).toBeGreaterThan(0);
		expect(all.every((a) => a.date === TODAY)).toBe(true);
		const starts = all.map((a) => a.start);
		expect(starts).toEqual([...starts].sort());
		// Only departments that take appointments have a tab.
		expect(view.value.data.departments.every((d) => d.takesAppointments)).toBe(true);

		const dept = all[0].departmentId;
		expect(ledger.shown(dept, '').every((a) => a.departmentId === dept)).toBe(true);
		expect(ledger.shown('', '')).toHaveLength(all.length);
		const someone = all.find((a) => a.applicant)!;
		const found = ledger.shown('', someone.applicant!.phone);
		expect(found.map((a) => a.id)).toContain(someone.id);
		expect(found.every((a) => a.applicant?.phone === someone.applicant!.phone)).toBe(true);
		expect(ledger.shown('', '没有这个人的名字')).toEqual([]);
		view.stop();
	});

	it('adds up every department’s board and offers only slots with a free place', async () => {
		const ledger = new LedgerState(db, centreId(), TODAY);
		const view = await loaded(ledger);
		const hall = ledger.hall(null);
		expect(hall.map((h) => h.departmentId)).toEqual(view.value.data.departments.map((d) => d.id));
		expect(hall.reduce((n, h) => n + h.appointments, 0)).toBe(
			view.value.data.appointments.filter((a) =>
				view.value.data.departments.some((d) => d.id === a.departmentId)
			).length
		);
		const item = view.value.data.slots[0].serviceItemId;
		const free = ledger.freeSlots(item, DAWN);
		expect(free.every((s) => s.serviceItemId === item && s.booked < s.capacity && !s.blocked)).toBe(
			true
		);
		expect(ledger.freeSlots(item, DAWN, free[0]?.id).map((s) => s.id)).not.toContain(free[0]?.id);
		view.stop();
	});

	it('offers for a new booking or a move only slots that have not begun on the hall clock', async () => {
		const ledger = new LedgerState(db, centreId(), TODAY);
		const view = await loaded(ledger);
		const slots = view.value.data.slots;
		const now = Date.parse(NOW); // 10:00 in the hall
		// The demo day has slots before, at and after ten o'clock, so the cut shows.
		expect(slots.some((s) => s.start < '10:00')).toBe(true);
		expect(slots.some((s) => s.start === '10:00')).toBe(true);
		const offered = ledger.bookableSlots('', now);
		expect(offered.length).toBeGreaterThan(0);
		expect(offered.every((s) => s.start > '10:00')).toBe(true);
		expect(offered).toEqual(slots.filter((s) => s.start > '10:00'));
		expect(ledger.bookableSlots('', DAWN)).toEqual(slots);

		const item = slots.find((s) => s.start < '10:00' && s.booked < s.capacity && !s.blocked)!;
		expect(ledger.freeSlots(item.serviceItemId, DAWN).map((s) => s.id)).toContain(item.id);
		const moves = ledger.freeSlots(item.serviceItemId, now);
		expect(moves.map((s) => s.id)).not.toContain(item.id);
		expect(moves.every((s) => s.start > '10:00')).toBe(true);
		view.stop();

		// Tomorrow nothing has begun at ten today.
		const tomorrow = new LedgerState(db, centreId(), addDays(TODAY, 1));
		const next = await loaded(tomorrow);
		expect(tomorrow.bookableSlots('', now)).toEqual(next.value.data.slots);
		next.stop();
	});

	it('warns of a second booking by the same phone for the same item that day', async () => {
		const ledger = new LedgerState(db, centreId(), TODAY);
		const view = await loaded(ledger);
		const first = view.value.data.appointments.find(
			(a) =>
				a.applicant && a.status === 'booked' && ledger.freeSlots(a.serviceItemId, DAWN).length > 0
		)!;
		expect(ledger.duplicateOf(first)).toBeUndefined();
		const slot = ledger.freeSlots(first.serviceItemId, DAWN)[0];
		await outbox.mutate(
			db,
			actorFor('manager'),
			'appointment.book',
			{
				id: 'appt-duplicate',
				slotId: slot.id,
				applicant: first.applicant,
				channel: 'phone',
				notes: ''
			},
			NOW
		);
		await vi.waitFor(() =>
			expect(view.value.data.appointments.map((a) => a.id)).toContain('appt-duplicate')
		);
		const again = view.value.data.appointments.find((a) => a.id === 'appt-duplicate')!;
		expect(again.pending).toBe(true);
		expect(ledger.duplicateOf(again)?.id).toBe(first.id);
		// The new booking took a place: the slot shows one more booked.
		const after = view.value.data.slots.find((s) => s.id === slot.id)!;
		expect(after.booked).toBe(slot.booked + 1);
		view.stop();
	});

	it('keeps a revealed value in memory for this screen only', async () => {
		const ledger = new LedgerState(db, centreId(), TODAY);
		expect(ledger.revealed('appt-1', 'phone')).toBeUndefined();
		ledger.reveal('appt-1', 'phone', '13800001234');
		expect(ledger.revealed('appt-1', 'phone')).toBe('13800001234');
		expect(ledger.revealed('appt-1', 'idNumber')).toBeUndefined();
		expect(new LedgerState(db, centreId(), TODAY).revealed('appt-1', 'phone')).toBeUndefined();
	});
});

describe('WaitingState', () => {
	it('lists a booking that found its slot full, with free places of the same item to move it to', async () => {
		const ledger = new LedgerState(db, centreId(), TODAY);
		const view = await loaded(ledger);
		// Another slot of the same item must still have room, to be offered instead.
		const slot = view.value.data.slots.find(
			(s) =>
				s.booked < s.capacity && !s.blocked && ledger.freeSlots(s.serviceItemId, DAWN, s.id).length
		)!;
		const book = (id: string, n: number) =>
			outbox.mutate(
				db,
				actorFor('manager'),
				'appointment.book',
				{
					id,
					slotId: slot.id,
					applicant: {
						kind: 'person',
						name: '王等候',
						phone: `1390000${String(n).padStart(4, '0')}`
					},
					channel: 'walk-in',
					notes: ''
				},
				NOW
			);
		for (let n = slot.booked; n < slot.capacity; n++) await book(`appt-fill-${n}`, n);
		// The last place is gone on this tablet; the booking is still queued, as unconfirmed.
		await book('appt-late', slot.capacity + 1);
		view.stop();
		const waiting = new WaitingState(db, centreId(), TODAY);
		const list = track(() => waiting.data.current);
		// It reads a week of slots for each waiting booking: slower than a day's ledger.
		await vi.waitFor(() => expect(list.value.map((w) => w.appointment.id)).toContain('appt-late'), {
			timeout: 10_000
		});
		const entry = list.value.find((w) => w.appointment.id === 'appt-late')!;
		expect(entry.appointment.status).toBe('unconfirmed');
		expect(entry.itemName).not.toBe('');
		expect(entry.departmentName).not.toBe('');
		expect(entry.alternatives.length).toBeGreaterThan(0);
		expect(entry.alternatives.every((a) => a.free > 0 && a.date >= TODAY)).toBe(true);
		list.stop();
	});
});
