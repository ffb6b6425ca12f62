import { pullQuery } from '$lib/schemas';
import { compressedJson } from '$lib/server/compress';
import { answer, parse } from '$lib/server/http';
import { requireUser, retryable } from '$lib/server/endpoint';
import { checkClient } from '$lib/server/sync/handshake';
import { pull } from '$lib/server/sync/pull';
import { notePull, refuseWiped } from '$lib/server/sync/devices';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ request, url, locals }) =>
	answer(async () => {
		const user = requireUser(locals.user);
		const { db, pulls, minProtocol } = await retryable(() => locals.app());
		checkClient(request, url, minProtocol);
		const query = parse(pullQuery, Object.fromEntries(url.searchParams));
		const deviceId = query.deviceId ?? query.device;
		if (deviceId) await retryable(() => refuseWiped(db, user.centreId, deviceId));
		const page = await retryable(() => pull(db, user, query, { memory: pulls }));
		if (deviceId) await retryable(() => notePull(db, user, deviceId));
		return compressedJson(request, page);
	});
