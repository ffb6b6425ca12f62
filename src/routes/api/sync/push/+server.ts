import { pushRequest } from '$lib/schemas';
import { compressedJson } from '$lib/server/compress';
import { config } from '$lib/server/config';
import { answer, HttpError, readJson } from '$lib/server/http';
import { requireUser, retryable } from '$lib/server/endpoint';
import { checkClient } from '$lib/server/sync/handshake';
import { pushWithPage } from '$lib/server/sync/push-page';
import { refuseWiped } from '$lib/server/sync/devices';
import type { RequestHandler } from './$types';

/** Every role but viewer: a viewer's push is refused before its body is read (issue 14). */
const writers = ['admin', 'manager', 'duty', 'clerk'] as const;

const tooMany = (seconds: number) =>
	new HttpError(
		429,
		{
			error: `同步请求过于频繁，请 ${seconds} 秒后再试`,
			detail: `too many pushes, retry after ${seconds} s`
		},
		{ 'Retry-After': String(seconds) }
	);

export const POST: RequestHandler = ({ request, url, locals }) =>
	answer(async () => {
		const user = requireUser(locals.user, writers);
		const app = await retryable(() => locals.app());
		checkClient(request, url, app.minProtocol);
		const body = await readJson(request, pushRequest, config().maxBodyBytes);
		// Counted after the body parses: a malformed push costs a 400 and no token, and the limit
		// needs the device id from the body.
		const wait = app.pushLimiter.admit(user, body.deviceId, Date.now());
		if (wait > 0) throw tooMany(wait);
		await retryable(() => refuseWiped(app.db, user.centreId, body.deviceId));
		// The group's own write of the device's row notes the sync for the admin's list (push.ts).
		const page = await pushWithPage(app, user, body);
		// A 200 does not mean everything was applied: each result says how its mutation ended.
		return compressedJson(request, page);
	});
