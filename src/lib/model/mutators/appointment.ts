/**
 * The appointment ledger's mutations (预约台账, R6): booking, moving, the status flow, revealing
 * personal data (logged), and the slots managers generate, block and resize. No appointment is
 * ever deleted: it ends cancelled, refused, done or no-show, and its history says how.
 *
 * Duplicates (same phone, same item, same day) are a visible warning, not a rejection: a second
 * booking is sometimes right (a family member, a second property), and the person at the desk can
 * tell, the server cannot. The form warns and asks before saving, and the ledger marks both rows,
 * also when two tablets booked the same person offline.
 */
import { z } from 'zod';
import { appointmentStatus, bookingChannel, id, isoDate } from '$lib/schemas';
import { addDays, daysBetween } from '$lib/domain/calendar';
import {
	applicantInput,
	freePlaces,
	generateSlots,
	hasStarted,
	undoTarget
} from '$lib/domain/booking';
import type { EntityRecord, MutationTx } from '../records';
import { defineMutator, reject, type MutationContext } from '../mutator';

const clerks = ['admin', 'manager', 'clerk'] as const;
const managers = ['admin', 'manager'] as const;
const isManager = (ctx: MutationContext) => ctx.role === 'manager' || ctx.role === 'admin';

/** A clerk keeps the ledger of their own department only. */
const otherDepartment = (ctx: MutationContext, departmentId: string) =>
	ctx.role === 'clerk' && !!ctx.departmentId && departmentId !== ctx.departmentId;

export interface Alternative {
	slotId: string;
	date: string;
	start: string;
	free: number;
}

/** Free places for the same item: that day first, then the next week, at most five. */
/** Free places of the same item in the coming week that have not begun when the refusal is made. */
async function freeAlternatives(tx: MutationTx<'slot'>, slot: EntityRecord<'slot'>, now: number) {
	const found: Alternative[] = [];
	for (let d = 0; d <= 7 && found.length < 5; d++) {
		const date = addDays(slot.date, d);
		const slots = await tx.list('slot', { date, serviceItemId: slot.serviceItemId });
		for (const s of slots.sort((a, b) => a.start.localeCompare(b.start))) {
			if (s.id !== slot.id && freePlaces(s) > 0 && !hasStarted(s, now) && found.length < 5) {
				found.push({ slotId: s.id, date: s.date, start: s.start, free: freePlaces(s) });
			}
		}
	}
	return found;
}

const slotFull = async (
	tx: MutationTx<'slot'>,
	slot: EntityRecord<'slot'>,
	appointmentId: string,
	ctx: MutationContext
) => ({
	reject: {
		code: 'SLOT_FULL' as const,
		messageKey: 'error_slot_full' as const,
		params: { start: slot.start, date: slot.date },
		detail: { appointmentId, alternatives: await freeAlternatives(tx, slot, Date.parse(ctx.now)) }
	}
});

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
		applicant: applicantInput,
		channel: bookingChannel,
		notes: z.string().trim().max(500).default('')
	}),
	roles: clerks,
	stores: ['appointment', 'slot'],
	async apply(tx, args, ctx) {
		if (await tx.get('appointment', args.id)) return; // replay of the same booking
		const slot = await tx.get('slot', args.slotId);
		if (!slot) return reject('NOT_FOUND', 'error_slot_missing');
		if (otherDepartment(ctx, slot.departmentId))
			return reject('FORBIDDEN', 'error_other_department');
		const full = freePlaces(slot) === 0;
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
			const { reject: r } = await slotFull(tx, slot, args.id, ctx);
			return { reject: { ...r, keep: true } };
		}
		await tx.put('slot', { ...slot, booked: slot.booked + 1 });
	}
});

/**
 * Moves a booking to another slot of the same item, keeping its history; also how a person
 * settles an unconfirmed booking (to another slot, or to its own once a place came free).
 * A full target is refused with the alternatives and the booking stays where it was.
 */
export const appointmentReschedule = defineMutator({
	name: 'appointment.reschedule',
	args: z.object({ id, slotId: id }),
	roles: clerks,
	stores: ['appointment', 'slot'],
	async apply(tx, args, ctx) {
		const appt = await tx.get('appointment', args.id);
		if (!appt) return reject('NOT_FOUND', 'error_appointment_missing');
		if (otherDepartment(ctx, appt.departmentId))
			return reject('FORBIDDEN', 'error_other_department');
		if (appt.status !== 'booked' && appt.status !== 'unconfirmed') {
			return reject('CONFLICT', 'error_reschedule_status', { status: appt.status });
		}
		if (appt.status === 'booked' && appt.slotId === args.slotId) return;
		const target = await tx.get('slot', args.slotId);
		if (!target) return reject('NOT_FOUND', 'error_slot_missing');
		if (target.serviceItemId !== appt.serviceItemId) {
			return reject('INVALID', 'error_reschedule_other_item');
		}
		if (freePlaces(target) === 0) return slotFull(tx, target, appt.id, ctx);
		if (appt.status === 'booked') {
			const old = await tx.get('slot', appt.slotId);
			if (old) await tx.put('slot', { ...old, booked: Math.max(0, old.booked - 1) });
		}
		const fresh = (await tx.get('slot', target.id)) ?? target;
		await tx.put('slot', { ...fresh, booked: fresh.booked + 1 });
		await tx.put('appointment', {
			...appt,
			slotId: target.id,
			date: target.date,
			start: target.start,
			status: 'booked',
			history: [
				...appt.history,
				{ at: ctx.now, status: 'booked', slotId: target.id, by: ctx.userId }
			]
		});
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

/**
 * Moves an appointment along booked → arrived → serving → done / refused; nothing is deleted.
 * A refusal carries every missing item at once (一次告知), a cancellation its reason, and
 * unconfirmed → booked is a manager's override over capacity.
 */
export const appointmentSetStatus = defineMutator({
	name: 'appointment.setStatus',
	args: z.object({
		id,
		status: appointmentStatus,
		missingItems: z.array(z.string().trim().min(1).max(120)).max(30).optional(),
		cancelReason: z.string().trim().min(1).max(200).optional(),
		/** Takes back the last one-tap step, to the status it left (undoTarget). */
		undo: z.literal(true).optional()
	}),
	roles: ['admin', 'manager', 'duty', 'clerk'],
	stores: ['appointment', 'slot'],
	async apply(tx, args, ctx) {
		const appt = await tx.get('appointment', args.id);
		if (!appt) return reject('NOT_FOUND', 'error_appointment_missing');
		if (otherDepartment(ctx, appt.departmentId))
			return reject('FORBIDDEN', 'error_other_department');
		if (appt.status === args.status) return; // two tablets tapped the same step
		const now = Date.parse(ctx.now);
		if (args.undo) {
			// Too late, or another step came in between: what was done stays done.
			if (undoTarget(appt, now) !== args.status) {
				return reject('CONFLICT', 'error_undo_too_late');
			}
		} else if (!transitions[appt.status]?.includes(args.status)) {
			return reject('CONFLICT', 'error_status_transition', { from: appt.status, to: args.status });
		}
		// Nobody is missing before their time: one tap on tomorrow's row must not mark them.
		if (args.status === 'no-show' && !hasStarted(appt, now)) {
			return reject('CONFLICT', 'error_no_show_early', { start: appt.start });
		}
		if (args.status === 'refused' && !args.missingItems?.length) {
			return reject('INVALID', 'error_refusal_needs_items');
		}
		if (args.status === 'cancelled' && !args.cancelReason) {
			return reject('INVALID', 'error_cancel_needs_reason');
		}
		if (appt.status === 'unconfirmed' && args.status === 'booked' && !isManager(ctx)) {
			return reject('FORBIDDEN', 'error_override_needs_manager');
		}
		const slot = await tx.get('slot', appt.slotId);
		const heldPlace = appt.status !== 'unconfirmed';
		// A confirmed booking that is cancelled frees its place; an unconfirmed one never held it.
		if (slot && args.status === 'cancelled' && heldPlace) {
			await tx.put('slot', { ...slot, booked: Math.max(0, slot.booked - 1) });
		}
		if (slot && appt.status === 'unconfirmed' && args.status === 'booked') {
			// The manager's override: over capacity on purpose.
			await tx.put('slot', { ...slot, booked: slot.booked + 1 });
		}
		await tx.put('appointment', {
			...appt,
			status: args.status,
			missingItems: args.status === 'refused' ? [...new Set(args.missingItems)] : appt.missingItems,
			cancelReason: args.status === 'cancelled' ? args.cancelReason : appt.cancelReason,
			history: [...appt.history, { at: ctx.now, status: args.status, by: ctx.userId }]
		});
	}
});

/**
 * The reveal of app versions before POST /api/reveal, kept so that their queued entries still
 * settle (old mutation names stay supported). It changes nothing and reveals nothing: devices no
 * longer hold full values, so a reveal is a server request now (docs/roles.md).
 */
export const appointmentReveal = defineMutator({
	name: 'appointment.reveal',
	args: z.object({ id, field: z.enum(['phone', 'idNumber', 'creditCode']) }),
	roles: ['admin', 'manager', 'duty', 'clerk'],
	stores: ['appointment'],
	async apply(tx, args, ctx) {
		const appt = await tx.get('appointment', args.id);
		if (!appt?.applicant) return reject('NOT_FOUND', 'error_appointment_missing');
		if (otherDepartment(ctx, appt.departmentId))
			return reject('FORBIDDEN', 'error_other_department');
	}
});

/** The longest range generated at once: a quarter, so one push stays one short transaction. */
const MAX_GENERATE_DAYS = 92;

/**
 * Opens slots for one service item over a range of days, from the centre's service hours (see
 * domain/booking.ts for holidays and closed days). Slots that exist are left alone, bookings and
 * all, so generating twice or on two tablets adds nothing twice.
 */
export const slotGenerate = defineMutator({
	name: 'slot.generate',
	args: z
		.object({
			serviceItemId: id,
			from: isoDate,
			to: isoDate,
			lengthMinutes: z.number().int().min(5).max(240),
			capacity: z.number().int().min(1).max(500)
		})
		.refine((a) => a.from <= a.to, { message: 'from must not be after to', path: ['to'] }),
	roles: managers,
	stores: ['serviceItem', 'centre', 'slot'],
	async apply(tx, args, ctx) {
		if (daysBetween(args.from, args.to) >= MAX_GENERATE_DAYS) {
			return reject('INVALID', 'error_slot_range', { days: MAX_GENERATE_DAYS });
		}
		const item = await tx.get('serviceItem', args.serviceItemId);
		if (!item) return reject('NOT_FOUND', 'error_service_item_missing');
		if (!item.bookable || item.retired) return reject('INVALID', 'error_item_not_bookable');
		const centre = await tx.get('centre', ctx.centreId);
		if (!centre) return reject('NOT_FOUND', 'error_centre_missing');
		const slots = generateSlots(
			{
				centreId: ctx.centreId,
				departmentId: item.departmentId,
				serviceItemId: item.id,
				availableNonWorking: item.availableNonWorking,
				lengthMinutes: args.lengthMinutes,
				capacity: args.capacity
			},
			args.from,
			args.to,
			centre.settings
		);
		const existing = new Set<string>();
		for (const date of new Set(slots.map((s) => s.date))) {
			const rows = await tx.list('slot', { date, serviceItemId: item.id });
			for (const s of rows) existing.add(s.start);
			for (const s of slots) if (s.date === date && !existing.has(s.start)) await tx.put('slot', s);
			existing.clear();
		}
	}
});

export const slotBlock = defineMutator({
	name: 'slot.block',
	args: z.object({ id, blocked: z.boolean() }),
	roles: managers,
	stores: ['slot'],
	async apply(tx, args) {
		const slot = await tx.get('slot', args.id);
		if (!slot) return reject('NOT_FOUND', 'error_slot_missing');
		// Bookings already in a blocked slot keep their place; the ledger shows them for moving.
		await tx.put('slot', { ...slot, blocked: args.blocked });
	}
});

export const slotSetCapacity = defineMutator({
	name: 'slot.setCapacity',
	args: z.object({ id, capacity: z.number().int().min(0).max(500) }),
	roles: managers,
	stores: ['slot'],
	async apply(tx, args) {
		const slot = await tx.get('slot', args.id);
		if (!slot) return reject('NOT_FOUND', 'error_slot_missing');
		if (args.capacity < slot.booked) {
			return reject('CONFLICT', 'error_capacity_below_booked', { booked: slot.booked });
		}
		await tx.put('slot', { ...slot, capacity: args.capacity });
	}
});
