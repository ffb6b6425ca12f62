/**
 * 延时服务 on any day the hall is open: a spell at the noon break or after closing, logged with or
 * without a day plan, with the last person served and the duty lead's word that no one was left
 * waiting. One row per day, period and window: a second entry corrects the first.
 */
import { z } from 'zod';
import { clockTime, extendedServicePeriod, id, isoDate } from '$lib/schemas';
import { dayKind, hallCalendar } from '$lib/domain/calendar';
import { hallDate } from '$lib/domain/hall-clock';
import { defineMutator, reject } from '../mutator';

export const extendedServiceId = (
	centreId: string,
	date: string,
	period: string,
	windowId: string | undefined
) => `${centreId}:${date}:${period}:${windowId ?? 'hall'}`;

export const extendedServiceLog = defineMutator({
	name: 'extendedService.log',
	args: z
		.object({
			date: isoDate,
			period: extendedServicePeriod,
			windowId: id.optional(),
			start: clockTime,
			end: clockTime,
			served: z.number().int().min(0).max(1000),
			lastServed: z.string().trim().min(1).max(40),
			noneWaiting: z.literal(true)
		})
		.refine((a) => a.start < a.end, { message: 'end after start', path: ['end'] }),
	roles: ['admin', 'manager', 'duty'],
	stores: ['centre', 'window', 'extendedService'],
	async apply(tx, args, ctx) {
		// Extended service is logged once it has run, never ahead of the day.
		if (args.date > hallDate(ctx.now)) {
			return reject('INVALID', 'error_extended_future', { date: args.date });
		}
		const centre = await tx.get('centre', ctx.centreId);
		if (dayKind(args.date, hallCalendar(centre?.settings)).closed) {
			return reject('INVALID', 'error_extended_hall_closed', { date: args.date });
		}
		if (args.windowId) {
			const w = await tx.get('window', args.windowId);
			if (!w || w.retired) return reject('NOT_FOUND', 'error_window_missing');
		}
		await tx.put('extendedService', {
			...args,
			id: extendedServiceId(ctx.centreId, args.date, args.period, args.windowId),
			centreId: ctx.centreId,
			v: 1,
			recordedAt: ctx.now,
			recordedBy: ctx.userId
		});
	}
});
