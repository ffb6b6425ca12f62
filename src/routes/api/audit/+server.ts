import { json } from '@sveltejs/kit';
import { auditQuery } from '$lib/schemas';
import { maskDeep } from '$lib/domain/disclosure';
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
		const page = await retryable(() => listAudit(db, user.centreId, request));
		// The log keeps rows as written; read back, its numbers are masked like everywhere else,
		// or reading the log would be a way round the audited reveal (docs/roles.md).
		const entries = page.entries.map((e) => ({
			...e,
			args: maskDeep(e.args),
			changes: maskDeep(e.changes)
		}));
		return json({ ...page, entries });
	});
