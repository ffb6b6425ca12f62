import { z } from 'zod';
import { id, instant, isoDate, recordBase, session } from './common';
import { defineEntity } from './entity';

export const plannedWindow = z.object({
	windowId: id,
	staffIds: z.array(id),
	sessions: z.array(session).min(1),
	/** Set during the day when the duty lead opens or closes the window. */
	open: z.boolean(),
	/**
	 * When the duty lead opened or closed it, in order, so R1 can judge each session rather than
	 * the last state. Plans saved before the log existed have none; their `open` holds all day.
	 */
	log: z
		.array(z.object({ at: instant, open: z.boolean() }))
		.max(200)
		.optional(),
	/** Opened on the day although the plan did not have it (R3 flags a public service window). */
	unplanned: z.boolean().optional()
});
export type PlannedWindow = z.infer<typeof plannedWindow>;

/** 备案: a stationed department's own arrangement, filed with 政务服务科. */
export const filedArrangement = z.object({
	departmentId: id,
	text: z.string().min(1).max(500),
	filedAt: z.string()
});

/** The plan of one day in the hall: which windows open, who staffs them, who is on duty. */
export const dayPlanSchema = z.object({
	...recordBase,
	v: z.literal(1),
	date: isoDate,
	windows: z.array(plannedWindow),
	/** 政务服务科 staff on duty that day (R5). */
	operationsDutyIds: z.array(id),
	/** 值班负责人. */
	dutyLeadId: id.optional(),
	/** departmentId → staffId of its appointment contact on duty (R6). */
	appointmentContacts: z.array(z.object({ departmentId: id, staffId: id, from: z.string() })),
	/** Staff on call (R8). */
	onCallIds: z.array(id),
	/** Real-estate review staff and who arranged them (R7). */
	realEstateReview: z.array(z.object({ staffId: id, arrangedBy: id })),
	arrangements: z.array(filedArrangement),
	extendedSessions: z.array(
		z.object({
			windowId: id.optional(),
			start: z.string(),
			end: z.string(),
			served: z.number().int().min(0)
		})
	),
	notes: z.string().max(2000)
});
export type DayPlan = z.infer<typeof dayPlanSchema>;
export const dayPlan = defineEntity('dayPlan', 1, dayPlanSchema);

/** Day plans are keyed by centre and date, so two tablets planning the same day meet on one row. */
export const dayPlanId = (centreId: string, date: string) => `${centreId}:${date}`;
