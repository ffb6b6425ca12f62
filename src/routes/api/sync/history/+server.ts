import { historyQuery } from '$lib/schemas';
import { compressedJson } from '$lib/server/compress';
import { answer, parse } from '$lib/server/http';
import { requireUser, retryable } from '$lib/server/endpoint';
import { checkClient } from '$lib/server/sync/handshake';
import { historyPage } from '$lib/server/sync/first-sync';
import { refuseWiped } from '$lib/server/sync/devices';
import type { RequestHandler } from './$types';

/** A page of a first sync's history (docs/sync-protocol.md, "First sync"). */
export const GET: RequestHandler = ({ request, url, locals }) =>
	answer(async () => {
		const user = requireUser(locals.user);
		const { db, minProtocol } = await retryable(() => locals.app());
		checkClient(request, url, minProtocol);
		const query = parse(historyQuery, Object.fromEntries(url.searchParams));
		if (query.device) await retryable(() => refuseWiped(db, user.centreId, query.device!));
		return compressedJson(request, await retryable(() => historyPage(db, user, query)));
	});
