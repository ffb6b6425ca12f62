import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { revokeSession, sessionCookie } from '$lib/server/auth/session';
import { answer } from '$lib/server/http';
import { retryable } from '$lib/server/endpoint';
import { forgetDeviceKey } from '$lib/server/sync/device-key';
import type { RequestHandler } from './$types';

/** The device signing out, when it says: its share of the sealing key goes with the session. */
const body = z.object({ deviceId: z.uuid() });

export const POST: RequestHandler = ({ cookies, url, locals, request }) =>
	answer(async () => {
		const cookie = sessionCookie(url);
		const token = cookies.get(cookie.name);
		const device = body.safeParse(await request.json().catch(() => null));
		if (token) {
			const { db } = await retryable(() => locals.app());
			if (locals.user && device.success) {
				const user = locals.user;
				await retryable(() => forgetDeviceKey(db, user, device.data.deviceId));
			}
			// Also closes this session's event streams, on every app server (SESSIONS_CHANNEL).
			await retryable(() => revokeSession(db, token));
		}
		cookies.delete(cookie.name, { path: '/', secure: cookie.secure });
		return json({ ok: true });
	});
