/** The admin API's refusals, Chinese first like every API error. */
import { z } from 'zod';
import { id } from '$lib/schemas';
import { HttpError, parse } from '../http';
import type { PeopleOutcome, PeopleRefusal } from './people';

const refusals: Record<PeopleRefusal, [number, string, string]> = {
	'not-found': [404, '找不到该用户或设备', 'no such user or device in this centre'],
	'username-taken': [409, '该用户名已被使用', 'username taken'],
	'unknown-department': [400, '所选部门不存在', 'unknown department'],
	'needs-department': [400, '窗口工作人员必须指定所属部门', 'a clerk needs a department'],
	'own-account': [400, '不能更改自己的角色或停用自己的账号', 'cannot change own role or state']
};

/** The value of an outcome, or its refusal thrown as the answer. */
export function valueOf<T>(outcome: PeopleOutcome<T>): T {
	if (outcome.ok) return outcome.value;
	const [status, error, detail] = refusals[outcome.reason];
	throw new HttpError(status, { error, detail: { code: outcome.reason, message: detail } });
}

export const userParams = (params: Record<string, string>) =>
	parse(z.object({ id, deviceId: id.optional() }), params);

/** Only an admin manages people. */
export const admins = ['admin'] as const;
