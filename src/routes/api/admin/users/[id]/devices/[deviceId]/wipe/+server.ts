import { json } from '@sveltejs/kit';
import { wipeDevice } from '$lib/server/auth/people';
import { admins, userParams, valueOf } from '$lib/server/auth/people-http';
import { requireUser, retryable } from '$lib/server/endpoint';
import { answer } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** A remote wipe: the device's next push or pull is refused and it deletes its local data. */
export const POST: RequestHandler = ({ locals, params }) =>
	answer(async () => {
		const user = requireUser(locals.user, admins);
		const { id, deviceId } = userParams(params);
		const { db } = await retryable(() => locals.app());
		valueOf(await retryable(() => wipeDevice(db, user, id, deviceId!)));
		return json({ ok: true });
	});
