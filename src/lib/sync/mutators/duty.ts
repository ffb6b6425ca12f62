import { z } from 'zod';
import { attendanceStatus, dayPlanId, dayPlanSchema, id, isoDate } from '$lib/schemas';
import { defineMutator, reject } from './types';

export const dayPlanSave = defineMutator({
	name: 'dayPlan.save',
	args: dayPlanSchema.omit({ centreId: true, id: true }),
	roles: ['admin', 'manager', 'duty'],
	async apply(tx, args, ctx) {
		await tx.put('dayPlan', {
			...args,
			id: dayPlanId(ctx.centreId, args.date),
			centreId: ctx.centreId
		});
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
	async apply(tx, args, ctx) {
		const person = await tx.get('staff', args.staffId);
		if (!person) return reject('NOT_FOUND', 'error_staff_missing');
		if (args.status === 'late' && !args.minutesLate) {
			return reject('INVALID', 'error_late_minutes');
		}
		// One check-in per person and day: a later tap corrects the earlier one.
		await tx.put('attendance', {
			id: `${ctx.centreId}:${args.date}:${args.staffId}`,
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
