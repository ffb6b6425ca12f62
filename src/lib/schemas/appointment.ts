import { z } from 'zod';
import { clockTime, id, instant, isoDate, recordBase } from './common';
import { defineEntity } from './entity';

export const slotSchema = z.object({
	...recordBase,
	v: z.literal(1),
	departmentId: id,
	serviceItemId: id,
	date: isoDate,
	start: clockTime,
	end: clockTime,
	capacity: z.number().int().min(0).max(500),
	booked: z.number().int().min(0),
	blocked: z.boolean()
});
export type Slot = z.infer<typeof slotSchema>;
export const slot = defineEntity('slot', 1, slotSchema);

export const appointmentStatuses = [
	'booked',
	'unconfirmed',
	'arrived',
	'serving',
	'done',
	'refused',
	'no-show',
	'cancelled'
] as const;
export const appointmentStatus = z.enum(appointmentStatuses);
export type AppointmentStatus = z.infer<typeof appointmentStatus>;

/** The booking turned into a visit at a window: the person came, whatever the outcome. */
export const cameStatuses: ReadonlySet<string> = new Set<AppointmentStatus>([
	'arrived',
	'serving',
	'done',
	'refused'
]);

export const bookingChannel = z.enum(['phone', 'online', 'walk-in']);

export const applicant = z.object({
	kind: z.enum(['person', 'company']),
	name: z.string().min(1).max(80),
	phone: z.string().max(20),
	idNumber: z.string().max(18).optional(),
	creditCode: z.string().max(18).optional()
});
export type Applicant = z.infer<typeof applicant>;

export const appointmentSchema = z.object({
	...recordBase,
	v: z.literal(1),
	slotId: id,
	departmentId: id,
	serviceItemId: id,
	date: isoDate,
	start: clockTime,
	/** null once personal data has been erased after the retention period. */
	applicant: applicant.nullable(),
	channel: bookingChannel,
	status: appointmentStatus,
	notes: z.string().max(500),
	/** 一次告知: everything missing, told at once. */
	missingItems: z.array(z.string().max(120)),
	cancelReason: z.string().max(200).optional(),
	history: z.array(
		z.object({ at: instant, status: appointmentStatus, slotId: id.optional(), by: id.optional() })
	),
	createdAt: instant
});
export type Appointment = z.infer<typeof appointmentSchema>;
export const appointment = defineEntity('appointment', 1, appointmentSchema);
