import { json } from '@sveltejs/kit';
import { accountChange } from '$lib/schemas';
import { changeAccount } from '$lib/server/auth/people';
import { admins, userParams, valueOf } from '$lib/server/auth/people-http';
import { requireUser, retryable } from '$lib/server/endpoint';
import { answer, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Role, department, deactivation or reactivation of one account. */
export const PATCH: RequestHandler = ({ request, locals, params }) =>
	answer(async () => {
		const user = requireUser(locals.user, admins);
		const { id } = userParams(params);
		const body = await readJson(request, accountChange, 4 * 1024);
		const { db } = await retryable(() => locals.app());
		const value = valueOf(await retryable(() => changeAccount(db, user, id, body)));
		return json({ ok: true, ...value });
	});
