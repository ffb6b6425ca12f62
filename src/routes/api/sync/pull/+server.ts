import { json } from '@sveltejs/kit';
import { pullQuery } from '$lib/schemas';
import { answer, parse } from '$lib/server/http';
import { requireUser, retryable } from '$lib/server/endpoint';
import { pull } from '$lib/server/sync/pull';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, locals }) =>
	answer(async () => {
		const user = requireUser(locals.user);
		const request = parse(pullQuery, Object.fromEntries(url.searchParams));
		const { db } = await retryable(() => locals.app());
		return json(await retryable(() => pull(db, user, request)));
	});
