import { json } from '@sveltejs/kit';
import { revokeSession, sessionCookie } from '$lib/server/auth/session';
import { answer } from '$lib/server/http';
import { retryable } from '$lib/server/endpoint';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ cookies, url, locals }) =>
	answer(async () => {
		const cookie = sessionCookie(url);
		const token = cookies.get(cookie.name);
		if (token) {
			const { db } = await retryable(() => locals.app());
			// Also closes this session's event streams, on every app server (SESSIONS_CHANNEL).
			await retryable(() => revokeSession(db, token));
		}
		cookies.delete(cookie.name, { path: '/', secure: cookie.secure });
		return json({ ok: true });
	});
