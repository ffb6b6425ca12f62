import { json } from '@sveltejs/kit';
import { passwordReset } from '$lib/schemas';
import { resetAccountPassword } from '$lib/server/auth/people';
import { admins, userParams, valueOf } from '$lib/server/auth/people-http';
import { requireUser, retryable } from '$lib/server/endpoint';
import { answer, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** A password reset: every session of the account ends; a temporary password is answered once. */
export const POST: RequestHandler = ({ request, locals, params, setHeaders }) =>
	answer(async () => {
		const user = requireUser(locals.user, admins);
		const { id } = userParams(params);
		const body = await readJson(request, passwordReset, 4 * 1024);
		const { db } = await retryable(() => locals.app());
		const value = valueOf(await retryable(() => resetAccountPassword(db, user, id, body.password)));
		setHeaders({ 'Cache-Control': 'no-store' });
		return json({ ok: true, ...value });
	});
