import { json } from '@sveltejs/kit';
import { revealRequest } from '$lib/schemas';
import { answer, readJson } from '$lib/server/http';
import { requireUser, retryable } from '$lib/server/endpoint';
import { reveal, revealRefused } from '$lib/server/reveal';
import { checkClient } from '$lib/server/sync/handshake';
import type { RequestHandler } from './$types';

/** One masked field in full, for a role that may see it; logged (docs/roles.md). */
export const POST: RequestHandler = ({ request, url, locals }) =>
	answer(async () => {
		const user = requireUser(locals.user);
		const { db, minProtocol } = await retryable(() => locals.app());
		checkClient(request, url, minProtocol);
		const body = await readJson(request, revealRequest, 1024);
		const outcome = await retryable(() => reveal(db, user, body));
		if (!outcome.ok) throw revealRefused(outcome.status);
		return json({ value: outcome.value });
	});
