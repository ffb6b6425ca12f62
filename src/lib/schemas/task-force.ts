import { z } from 'zod';
import { id, recordBase } from './common';
import { defineEntity } from './entity';

/** 领导小组, 业务专班, 专班办公室. */
export const taskForceBody = z.enum(['leading-group', 'task-force', 'office']);
/** 组长, 副组长, 成员, 联络员; the office has 主任, 副主任, 成员. */
export const taskForceRole = z.enum([
	'leader',
	'deputy-leader',
	'member',
	'liaison',
	'director',
	'deputy-director'
]);

export const taskForceMemberSchema = z.object({
	...recordBase,
	v: z.literal(1),
	staffId: id,
	body: taskForceBody,
	role: taskForceRole
});
export type TaskForceMember = z.infer<typeof taskForceMemberSchema>;
export const taskForceMember = defineEntity('taskForceMember', 1, taskForceMemberSchema);
