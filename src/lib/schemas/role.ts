import { z } from 'zod';

/**
 * admin: users, centres, rules · manager: everything in the centre · duty: the day plan,
 * check-ins, volume and appointment outcomes on the day · clerk: the appointment ledger of their
 * department · viewer: read only · district: the district office (区政务服务管理办公室), which reads the
 * month's figures of every centre of its district side by side and nothing personal.
 */
export const roles = ['admin', 'manager', 'duty', 'clerk', 'viewer', 'district'] as const;
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;

export const sessionUser = z.object({
	id: z.string(),
	username: z.string(),
	name: z.string(),
	role,
	centreId: z.string(),
	/** For a clerk: the department whose ledger they keep. */
	departmentId: z.string().optional()
});
export type SessionUser = z.infer<typeof sessionUser>;
