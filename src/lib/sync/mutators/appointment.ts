import { z } from 'zod';
import { applicant, appointmentStatus, bookingChannel, id } from '$lib/schemas';
import type { EntityRecord, MutationTx } from './types';
import { defineMutator, reject } from './types';

const clerks = ['admin', 'manager', 'clerk'] as const;

async function freeAlternatives(tx: MutationTx, slot: EntityRecord<'slot'>) {
	const sameDay = await tx.list('slot', { date: slot.date, serviceItemId: slot.serviceItemId });
	return sameDay
		.filter((s) => s.id !== slot.id && !s.blocked && s.booked < s.capacity)
		.sort((a, b) => a.start.localeCompare(b.start))
		.slice(0, 5)
		.map((s) => ({ slotId: s.id, start: s.start, free: s.capacity - s.booked }));
}

/**
 * Books a place. The server decides by order of arrival, never by device clocks: when the
 * slot is full by the time this booking arrives, the appointment is kept as `unconfirmed`
 * with SLOT_FULL and the free alternatives, for a person to move, cancel or override.
 */
export const appointmentBook = defineMutator({
	name: 'appointment.book',
	args: z.object({
		id,
		slotId: id,
		applicant,
		channel: bookingChannel,
		notes: z.string().max(500).default('')
	}),
	roles: clerks,
	async apply(tx, args, ctx) {
		if (await tx.get('appointment', args.id)) return; // replay of the same booking
		const slot = await tx.get('slot', args.slotId);
		if (!slot) return reject('NOT_FOUND', 'error_slot_missing');
		if (ctx.role === 'clerk' && ctx.departmentId && slot.departmentId !== ctx.departmentId) {
			return reject('FORBIDDEN', 'error_other_department');
		}
		const full = slot.blocked || slot.booked >= slot.capacity;
		const status = full ? 'unconfirmed' : 'booked';
		await tx.put('appointment', {
			id: args.id,
			centreId: ctx.centreId,
			v: 1,
			slotId: slot.id,
			departmentId: slot.departmentId,
			serviceItemId: slot.serviceItemId,
			date: slot.date,
			start: slot.start,
			applicant: args.applicant,
			channel: args.channel,
			status,
			notes: args.notes,
			missingItems: [],
			history: [{ at: ctx.now, status, slotId: slot.id, by: ctx.userId }],
			createdAt: ctx.now
		});
		if (full) {
			const alternatives = await freeAlternatives(tx, slot);
			return {
				reject: {
					code: 'SLOT_FULL',
					messageKey: 'error_slot_full',
					params: { start: slot.start, date: slot.date },
					detail: { appointmentId: args.id, alternatives },
					keep: true
				}
			};
		}
		await tx.put('slot', { ...slot, booked: slot.booked + 1 });
	}
});

const transitions: Record<string, readonly string[]> = {
	booked: ['arrived', 'no-show', 'cancelled'],
	unconfirmed: ['booked', 'cancelled'],
	arrived: ['serving', 'cancelled'],
	serving: ['done', 'refused'],
	done: [],
	refused: [],
	'no-show': [],
	cancelled: []
};

/** Moves an appointment along booked → arrived → serving → done / refused; nothing is deleted. */
export const appointmentSetStatus = defineMutator({
	name: 'appointment.setStatus',
	args: z.object({
		id,
		status: appointmentStatus,
		missingItems: z.array(z.string().min(1).max(120)).max(30).optional(),
		cancelReason: z.string().min(1).max(200).optional()
	}),
	roles: ['admin', 'manager', 'duty', 'clerk'],
	async apply(tx, args, ctx) {
		const appt = await tx.get('appointment', args.id);
		if (!appt) return reject('NOT_FOUND', 'error_appointment_missing');
		if (ctx.role === 'clerk' && ctx.departmentId && appt.departmentId !== ctx.departmentId) {
			return reject('FORBIDDEN', 'error_other_department');
		}
		if (!transitions[appt.status]?.includes(args.status)) {
			return reject('CONFLICT', 'error_status_transition', { from: appt.status, to: args.status });
		}
		if (args.status === 'refused' && !args.missingItems?.length) {
			return reject('INVALID', 'error_refusal_needs_items');
		}
		if (args.status === 'cancelled' && !args.cancelReason) {
			return reject('INVALID', 'error_cancel_needs_reason');
		}
		const slot = await tx.get('slot', appt.slotId);
		const heldPlace = !['unconfirmed', 'cancelled'].includes(appt.status);
		// A confirmed booking that is cancelled frees its place; an unconfirmed one never held it.
		if (slot && args.status === 'cancelled' && heldPlace) {
			await tx.put('slot', { ...slot, booked: Math.max(0, slot.booked - 1) });
		}
		if (slot && appt.status === 'unconfirmed' && args.status === 'booked') {
			// A manager's override: over capacity on purpose.
			if (ctx.role !== 'manager' && ctx.role !== 'admin') {
				return reject('FORBIDDEN', 'error_override_needs_manager');
			}
			await tx.put('slot', { ...slot, booked: slot.booked + 1 });
		}
		await tx.put('appointment', {
			...appt,
			status: args.status,
			missingItems: args.missingItems ?? appt.missingItems,
			cancelReason: args.cancelReason ?? appt.cancelReason,
			history: [...appt.history, { at: ctx.now, status: args.status, by: ctx.userId }]
		});
	}
});
