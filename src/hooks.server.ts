import type { Handle, HandleServerError } from '@sveltejs/kit';
import { cachedSessionUser, sessionCookie } from '$lib/server/auth/session';
import { app } from '$lib/server/db';
import { isTransient } from '$lib/server/db/errors';
import { crossOrigin, withSecurityHeaders } from '$lib/server/guard';
import { forbidden, HttpError } from '$lib/server/http';
import { handleServerError } from '$lib/server/ops/errors';
import { logger } from '$lib/server/ops/logger';
import { requestLog } from '$lib/server/ops/request-log';

const unavailable = () =>
	new HttpError(
		503,
		{ error: '服务暂时不可用，请稍后重试', detail: 'database unavailable' },
		{ 'Retry-After': '5' }
	);

const guarded: Handle = async ({ event, resolve }) => {
	if (crossOrigin(event.request, event.url)) {
		return withSecurityHeaders(forbidden('cross-origin request refused').toResponse(), event.url);
	}
	event.locals.app = app;
	event.locals.user = null;
	event.locals.centre = null;
	// The user comes from the session cookie only; the database is opened by the first request
	// that carries one (or by an endpoint that needs it), never at import. The session is
	// remembered for a few seconds (session.ts), so a tablet's pushes and pulls do not each read it.
	const token = event.cookies.get(sessionCookie(event.url).name);
	if (token) {
		try {
			const { db } = await app();
			const me = await cachedSessionUser(db, token);
			event.locals.user = me?.user ?? null;
			event.locals.centre = me?.centre ?? null;
		} catch (e) {
			if (!isTransient(e)) throw e;
			return withSecurityHeaders(unavailable().toResponse(), event.url);
		}
	}
	return withSecurityHeaders(await resolve(event), event.url);
};

// The request log is outermost so that it also times and logs the answers of the guard.
export const handle: Handle = requestLog(logger, guarded);

export const handleError: HandleServerError = ({ error, event, status }) =>
	handleServerError(logger(), { error, event, status });
