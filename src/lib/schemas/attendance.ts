import { z } from 'zod';
import { id, instant, isoDate, recordBase } from './common';
import { defineEntity } from './entity';

export const attendanceStatus = z.enum(['on-time', 'late', 'absent']);

/** One staff member's check-in on one day, as the duty lead recorded it. */
export const attendanceSchema = z
	.object({
		...recordBase,
		v: z.literal(1),
		date: isoDate,
		staffId: id,
		status: attendanceStatus,
		minutesLate: z.number().int().min(0).max(600).optional(),
		recordedAt: instant,
		recordedBy: id.optional(),
		note: z.string().max(200).optional()
	})
	.refine((a) => a.status !== 'late' || (a.minutesLate ?? 0) > 0, {
		message: 'a late arrival needs the minutes late',
		path: ['minutesLate']
	});
export type Attendance = z.infer<typeof attendanceSchema>;
export const attendance = defineEntity('attendance', 1, attendanceSchema);

/** One check-in per person and day: a later tap on any tablet replaces the earlier one. */
export const attendanceId = (centreId: string, date: string, staffId: string) =>
	`${centreId}:${date}:${staffId}`;
