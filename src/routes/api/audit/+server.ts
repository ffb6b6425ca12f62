import { json } from '@sveltejs/kit';
import { auditQuery } from '$lib/schemas';
import { listAudit } from '$lib/server/audit';
import { answer, parse } from '$lib/server/http';
import { requireUser, retryable } from '$lib/server/endpoint';
import type { RequestHandler } from './$types';

/** The audit log of the caller's own centre, for managers and admins. */
export const GET: RequestHandler = ({ url, locals }) =>
	answer(async () => {
		const user = requireUser(locals.user, ['admin', 'manager']);
		const request = parse(auditQuery, Object.fromEntries(url.searchParams));
		const { db } = await retryable(() => locals.app());
		return json(await retryable(() => listAudit(db, user.centreId, request)));
	});
