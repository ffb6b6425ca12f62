import { liveSession, sessionCookie } from '$lib/server/auth/session';
import { answer, unauthorized } from '$lib/server/http';
import { requireUser, retryable } from '$lib/server/endpoint';
import { pokeStream, sessionSignal } from '$lib/server/sync/events';
import { checkClient } from '$lib/server/sync/handshake';
import { centreVersion } from '$lib/server/sync/pull';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ request, cookies, url, locals }) =>
	answer(async () => {
		const user = requireUser(locals.user);
		const token = cookies.get(sessionCookie(url).name);
		const { db, hub, minProtocol } = await retryable(() => locals.app());
		checkClient(request, url, minProtocol);
		const session = token ? await retryable(() => liveSession(db, token)) : null;
		if (!session || session.userId !== user.id) throw unauthorized();
		const version = await retryable(() => centreVersion(db, user.centreId));
		// The stream closes with the session: at logout, revocation or expiry.
		const signal = await retryable(() => sessionSignal(hub, session, request.signal));
		const stream = pokeStream(hub, user.centreId, version, { signal });
		return new Response(stream, {
			headers: {
				'Content-Type': 'text/event-stream; charset=utf-8',
				'Cache-Control': 'no-store, no-transform',
				Connection: 'keep-alive',
				// Tells a buffering reverse proxy (nginx) to pass each poke through at once.
				'X-Accel-Buffering': 'no'
			}
		});
	});
