import { json } from '@sveltejs/kit';
import { revokeSession, SESSION_COOKIE } from '$lib/server/auth/session';
import { answer } from '$lib/server/http';
import { retryable } from '$lib/server/endpoint';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ cookies, url, locals }) =>
	answer(async () => {
		const token = cookies.get(SESSION_COOKIE);
		if (token) {
			const { db } = await retryable(() => locals.app());
			await retryable(() => revokeSession(db, token));
		}
		cookies.delete(SESSION_COOKIE, { path: '/', secure: url.protocol === 'https:' });
		return json({ ok: true });
	});
