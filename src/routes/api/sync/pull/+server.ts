import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { id } from '$lib/schemas';
import { answer, parse } from '$lib/server/http';
import { requireUser, retryable } from '$lib/server/endpoint';
import { pull } from '$lib/server/sync/pull';
import type { RequestHandler } from './$types';

const query = z.object({
	cursor: z.coerce.number().int().min(0).default(0),
	deviceId: id.optional(),
	scope: z.string().max(200).optional()
});

export const GET: RequestHandler = ({ url, locals }) =>
	answer(async () => {
		const user = requireUser(locals.user);
		const request = parse(query, Object.fromEntries(url.searchParams));
		const { db } = await retryable(() => locals.app());
		return json(await retryable(() => pull(db, user, request)));
	});
