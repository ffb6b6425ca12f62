import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { answer, parse } from '$lib/server/http';
import { requireUser, retryable } from '$lib/server/endpoint';
import { deviceKey } from '$lib/server/sync/device-key';
import type { RequestHandler } from './$types';

const query = z.object({ deviceId: z.uuid() });

/** The server's share of this device's sealing key, to its own user only (docs/security.md). */
export const GET: RequestHandler = ({ url, locals }) =>
	answer(async () => {
		const user = requireUser(locals.user);
		const { db } = await retryable(() => locals.app());
		const { deviceId } = parse(query, Object.fromEntries(url.searchParams));
		const key = await retryable(() => deviceKey(db, user, deviceId));
		return json({ key }, { headers: { 'cache-control': 'no-store' } });
	});
