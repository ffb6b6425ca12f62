import { z } from 'zod';
import { id, recordBase } from './common';
import { defineEntity } from './entity';

/** 科室 of the approval bureau, or a 派驻部门 stationed in the hall. */
export const departmentKind = z.enum(['section', 'stationed']);

export const departmentSchema = z.object({
	...recordBase,
	v: z.literal(1),
	name: z.string().min(1).max(60),
	kind: departmentKind,
	/** The section that runs hall operations (政务服务科) — R5 needs one of its staff every day. */
	operations: z.boolean(),
	takesAppointments: z.boolean(),
	/** 预约专人 (R6). */
	appointmentContactId: id.optional(),
	/** 负责人: the department's head, one of its staff. R7: the heads arrange real-estate review. */
	headStaffId: id.optional(),
	sortOrder: z.number().int()
});
export type Department = z.infer<typeof departmentSchema>;
export const department = defineEntity('department', 1, departmentSchema);
