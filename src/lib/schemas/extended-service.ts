import { z } from 'zod';
import { clockTime, id, instant, isoDate, recordBase } from './common';
import { defineEntity } from './entity';

/** 午间延时 at the noon break, 下班延时 at closing. */
export const extendedServicePeriods = ['noon', 'evening'] as const;
export const extendedServicePeriod = z.enum(extendedServicePeriods);
export type ExtendedServicePeriod = z.infer<typeof extendedServicePeriod>;

/**
 * One spell of extended service (延时服务) on any day the hall is open, kept apart from the day
 * plan so a working day needs no plan to have it logged: when it ran, how many were served, who
 * was served last, and the duty lead's word that no one was left waiting.
 */
export const extendedServiceSchema = z
	.object({
		...recordBase,
		v: z.literal(1),
		date: isoDate,
		period: extendedServicePeriod,
		windowId: id.optional(),
		start: clockTime,
		end: clockTime,
		served: z.number().int().min(0).max(1000),
		/** The last person served: their queue ticket or name, as the window knows them. */
		lastServed: z.string().trim().min(1).max(40),
		/** Confirmed by the duty lead: the spell ended with nobody waiting. */
		noneWaiting: z.literal(true),
		recordedAt: instant,
		recordedBy: id.optional()
	})
	.refine((e) => e.start < e.end, { message: 'end after start', path: ['end'] });
export type ExtendedService = z.infer<typeof extendedServiceSchema>;
export const extendedService = defineEntity('extendedService', 1, extendedServiceSchema);
