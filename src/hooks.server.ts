import type { Handle } from '@sveltejs/kit';
import { sessionCookie, sessionUser } from '$lib/server/auth/session';
import { app } from '$lib/server/db';
import { isTransient } from '$lib/server/db/errors';
import { crossOrigin, withSecurityHeaders } from '$lib/server/guard';
import { forbidden, HttpError } from '$lib/server/http';

const unavailable = () =>
	new HttpError(
		503,
		{ error: '服务暂时不可用，请稍后重试', detail: 'database unavailable' },
		{ 'Retry-After': '5' }
	);

export const handle: Handle = async ({ event, resolve }) => {
	if (crossOrigin(event.request, event.url)) {
		return withSecurityHeaders(forbidden('cross-origin request refused').toResponse(), event.url);
	}
	event.locals.app = app;
	event.locals.user = null;
	event.locals.centre = null;
	// The user comes from the session cookie only; the database is opened by the first request
	// that carries one (or by an endpoint that needs it), never at import.
	const token = event.cookies.get(sessionCookie(event.url).name);
	if (token) {
		try {
			const { db } = await app();
			const me = await sessionUser(db, token);
			event.locals.user = me?.user ?? null;
			event.locals.centre = me?.centre ?? null;
		} catch (e) {
			if (!isTransient(e)) throw e;
			return withSecurityHeaders(unavailable().toResponse(), event.url);
		}
	}
	return withSecurityHeaders(await resolve(event), event.url);
};
