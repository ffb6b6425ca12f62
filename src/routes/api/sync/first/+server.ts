import { firstSyncQuery } from '$lib/schemas';
import { compressedJson } from '$lib/server/compress';
import { answer, parse } from '$lib/server/http';
import { requireUser, retryable } from '$lib/server/endpoint';
import { checkClient } from '$lib/server/sync/handshake';
import { firstSync } from '$lib/server/sync/first-sync';
import { noteSync, refuseWiped } from '$lib/server/sync/devices';
import type { RequestHandler } from './$types';

/** A new device's priority set (docs/sync-protocol.md, "First sync"). */
export const GET: RequestHandler = ({ request, url, locals }) =>
	answer(async () => {
		const user = requireUser(locals.user);
		const { db, minProtocol } = await retryable(() => locals.app());
		const client = checkClient(request, url, minProtocol);
		const query = parse(firstSyncQuery, Object.fromEntries(url.searchParams));
		if (query.deviceId) await retryable(() => refuseWiped(db, user.centreId, query.deviceId!));
		// Protocol 3 takes the roll-ups lean (schemas/sync.ts, `wireRollup`).
		const lean = client.protocol >= 3;
		const page = await retryable(() => firstSync(db, user, query, { lean }));
		if (query.deviceId) await retryable(() => noteSync(db, user, query.deviceId!, 'pull'));
		return compressedJson(request, page);
	});
