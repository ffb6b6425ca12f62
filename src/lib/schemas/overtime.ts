/**
 * 加班 and 调休补休: the hours staff give the hall on non-working days and in extended service,
 * and the hours they take back. The accrual itself is worked out from the day plans, check-ins
 * and extended-service spells (src/lib/domain/overtime.ts); what is stored here is a manager's
 * approval of one person's month, which fixes its figure, and each time off taken.
 */
import { z } from 'zod';
import { id, instant, isoDate, isoMonth, recordBase } from './common';
import { defineEntity } from './entity';

/**
 * The approver's name as their signed-in session gave it, for the print view: accounts are not
 * synced to devices, so the id alone could not be read there. The id is the authority.
 */
export const approverName = z.string().trim().min(1).max(60);

/** Time off is taken in half hours, at most one long day at a time. */
export const timeOffHours = z
	.number()
	.min(0.5)
	.max(12)
	.refine((h) => Number.isInteger(h * 2), { message: 'hours must be whole or half hours' });

/** 加班审批: the month's accrued minutes of one person, as a manager approved them. */
export const overtimeApprovalSchema = z.object({
	...recordBase,
	v: z.literal(1),
	staffId: id,
	month: isoMonth,
	/** The accrual the manager saw and approved; later changes to the month show against it. */
	minutes: z
		.number()
		.int()
		.min(0)
		.max(31 * 24 * 60),
	approvedBy: id,
	approvedByName: approverName,
	approvedAt: instant
});
export type OvertimeApproval = z.infer<typeof overtimeApprovalSchema>;
export const overtimeApproval = defineEntity('overtimeApproval', 1, overtimeApprovalSchema);

/**
 * One approval per person and month: approving again replaces the figure. The centre is already
 * part of every record's key, so the id stays short enough for long staff ids.
 */
export const overtimeApprovalId = (month: string, staffId: string) => `${month}:${staffId}`;

/** 调休补休: hours off one person takes on one working day, against their approved overtime. */
export const timeOffSchema = z.object({
	...recordBase,
	v: z.literal(1),
	staffId: id,
	date: isoDate,
	hours: timeOffHours,
	reason: z.string().trim().min(1).max(200),
	/** The staff member who asked for it: the person, or their section head for them. */
	requestedBy: id,
	/** The manager who granted it; recording it is granting it. */
	approvedBy: id,
	approvedByName: approverName,
	recordedAt: instant
});
export type TimeOff = z.infer<typeof timeOffSchema>;
export const timeOff = defineEntity('timeOff', 1, timeOffSchema);

/** One entry per person and day: a second entry corrects the first. */
export const timeOffId = (date: string, staffId: string) => `${date}:${staffId}`;
