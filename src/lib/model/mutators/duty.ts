import { z } from 'zod';
import {
	attendanceId,
	attendanceStatus,
	clockTime,
	dayPlanId,
	dayPlanSchema,
	id,
	instant,
	isoDate,
	type DayPlan
} from '$lib/schemas';
import { defineMutator, reject } from '../mutator';

/** Fields of a plan a roster edit may change; each is compared on its own for conflicts. */
const planFields = [
	'windows',
	'operationsDutyIds',
	'dutyLeadId',
	'appointmentContacts',
	'onCallIds',
	'realEstateReview',
	'arrangements',
	'notes'
] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Saves a whole day plan. The edit carries the plan it started from (`basedOn`); a field that
 * someone else changed meanwhile and this edit changed too is a conflict: the later edit is
 * applied, as the design says, and a CONFLICT note with both values is kept for everyone to see.
 */
export const dayPlanSave = defineMutator({
	name: 'dayPlan.save',
	args: dayPlanSchema
		.omit({ centreId: true, id: true })
		.extend({ basedOn: dayPlanSchema.omit({ centreId: true, id: true }).nullable().optional() }),
	roles: ['admin', 'manager', 'duty'],
	stores: ['dayPlan'],
	async apply(tx, { basedOn, ...args }, ctx) {
		const id = dayPlanId(ctx.centreId, args.date);
		const current = await tx.get('dayPlan', id);
		await tx.put('dayPlan', { ...args, id, centreId: ctx.centreId });
		if (!current || basedOn === undefined) return;
		const conflicts = planFields
			.filter((f) => !same(current[f], basedOn?.[f]) && !same(args[f], basedOn?.[f]))
			.filter((f) => !same(current[f], args[f]))
			.map((f) => ({ field: f, theirs: current[f] ?? null, mine: args[f] ?? null }));
		if (conflicts.length === 0) return;
		return {
			reject: {
				code: 'CONFLICT',
				messageKey: 'error_plan_conflict',
				params: { date: args.date, fields: conflicts.map((c) => c.field).join(', ') },
				detail: { conflicts },
				keep: true
			}
		};
	}
});

export const attendanceRecord = defineMutator({
	name: 'attendance.record',
	args: z.object({
		date: isoDate,
		staffId: id,
		status: attendanceStatus,
		minutesLate: z.number().int().min(1).max(600).optional(),
		note: z.string().max(200).optional()
	}),
	roles: ['admin', 'manager', 'duty'],
	stores: ['staff', 'attendance'],
	async apply(tx, args, ctx) {
		const person = await tx.get('staff', args.staffId);
		if (!person) return reject('NOT_FOUND', 'error_staff_missing');
		if (args.status === 'late' && !args.minutesLate) {
			return reject('INVALID', 'error_late_minutes');
		}
		// One check-in per person and day: a later tap corrects the earlier one.
		await tx.put('attendance', {
			id: attendanceId(ctx.centreId, args.date, args.staffId),
			centreId: ctx.centreId,
			v: 1,
			date: args.date,
			staffId: args.staffId,
			status: args.status,
			minutesLate: args.status === 'late' ? args.minutesLate : undefined,
			note: args.note,
			recordedAt: ctx.now,
			recordedBy: ctx.userId
		});
	}
});

const dutyRoles = ['admin', 'manager', 'duty'] as const;

/**
 * Duty-day changes touch one field of the day's plan and are re-applied on the server to the plan
 * as it is then, so two tablets changing different windows never overwrite each other.
 */
async function withPlan(
	tx: Parameters<typeof dayPlanSave.apply>[0],
	centreId: string,
	date: string,
	change: (plan: DayPlan) => DayPlan | { reject: ReturnType<typeof reject>['reject'] }
) {
	const plan = await tx.get('dayPlan', dayPlanId(centreId, date));
	if (!plan) return reject('NOT_FOUND', 'error_plan_missing', { date });
	const next = change(plan);
	if ('reject' in next) return next;
	await tx.put('dayPlan', next);
}

export const windowSetOpen = defineMutator({
	name: 'window.setOpen',
	// `at` is when the duty lead tapped; mutations queued before it existed fall back to ctx.now.
	args: z.object({ date: isoDate, windowId: id, open: z.boolean(), at: instant.optional() }),
	roles: dutyRoles,
	stores: ['dayPlan'],
	apply: (tx, args, ctx) =>
		withPlan(tx, ctx.centreId, args.date, (plan) => {
			const event = { at: args.at ?? ctx.now, open: args.open };
			const planned = plan.windows.some((w) => w.windowId === args.windowId);
			// Opening a window that was not planned adds it for the day's remaining sessions.
			const windows = planned
				? plan.windows.map((w) =>
						w.windowId === args.windowId
							? { ...w, open: args.open, log: [...(w.log ?? []), event].slice(-200) }
							: w
					)
				: args.open
					? [
							...plan.windows,
							{
								windowId: args.windowId,
								staffIds: [],
								sessions: plan.windows[0]?.sessions ?? [{ start: '09:00', end: '17:00' }],
								open: true,
								log: [event],
								unplanned: true
							}
						]
					: plan.windows;
			return { ...plan, windows };
		})
});

export const windowAssign = defineMutator({
	name: 'window.assign',
	args: z.object({ date: isoDate, windowId: id, staffIds: z.array(id).max(5) }),
	roles: dutyRoles,
	stores: ['dayPlan'],
	apply: (tx, args, ctx) =>
		withPlan(tx, ctx.centreId, args.date, (plan) => {
			if (!plan.windows.some((w) => w.windowId === args.windowId)) {
				return reject('NOT_FOUND', 'error_window_not_planned');
			}
			return {
				...plan,
				windows: plan.windows.map((w) =>
					w.windowId === args.windowId ? { ...w, staffIds: args.staffIds } : w
				)
			};
		})
});

export const extendedServiceRecord = defineMutator({
	name: 'duty.extendedService',
	args: z
		.object({
			date: isoDate,
			windowId: id.optional(),
			start: clockTime,
			end: clockTime,
			served: z.number().int().min(0).max(1000)
		})
		.refine((a) => a.start < a.end, { message: 'end after start', path: ['end'] }),
	roles: dutyRoles,
	stores: ['dayPlan'],
	apply: (tx, args, ctx) =>
		withPlan(tx, ctx.centreId, args.date, (plan) => ({
			...plan,
			extendedSessions: [
				...plan.extendedSessions,
				{ windowId: args.windowId, start: args.start, end: args.end, served: args.served }
			]
		}))
});

export const dutyNote = defineMutator({
	name: 'duty.note',
	args: z.object({ date: isoDate, text: z.string().trim().min(1).max(500), at: clockTime }),
	roles: dutyRoles,
	stores: ['dayPlan'],
	apply: (tx, args, ctx) =>
		withPlan(tx, ctx.centreId, args.date, (plan) => ({
			...plan,
			// Notes are appended, never replaced, so two tablets' notes both survive.
			notes: [plan.notes, `${args.at} ${args.text}`].filter(Boolean).join('\n').slice(-2000)
		}))
});
