import { json } from '@sveltejs/kit';
import { pushRequest } from '$lib/schemas';
import { config } from '$lib/server/config';
import { answer, readJson } from '$lib/server/http';
import { requireUser, retryable } from '$lib/server/endpoint';
import { push } from '$lib/server/sync/push';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, locals }) =>
	answer(async () => {
		const user = requireUser(locals.user);
		const body = await readJson(request, pushRequest, config().maxBodyBytes);
		const { db } = await retryable(() => locals.app());
		// A 200 does not mean everything was applied: each result says how its mutation ended.
		return json(await retryable(() => push(db, user, body)));
	});
