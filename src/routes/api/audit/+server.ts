import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { listAudit } from '$lib/server/audit';
import { answer, parse } from '$lib/server/http';
import { requireUser, retryable } from '$lib/server/endpoint';
import type { RequestHandler } from './$types';

const query = z.object({
	limit: z.coerce.number().int().min(1).max(200).default(50),
	before: z.coerce.number().int().positive().optional()
});

/** The audit log of the caller's own centre, for managers and admins. */
export const GET: RequestHandler = ({ url, locals }) =>
	answer(async () => {
		const user = requireUser(locals.user, ['admin', 'manager']);
		const request = parse(query, Object.fromEntries(url.searchParams));
		const { db } = await retryable(() => locals.app());
		return json(await retryable(() => listAudit(db, user.centreId, request)));
	});
