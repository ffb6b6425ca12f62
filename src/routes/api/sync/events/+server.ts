import { answer } from '$lib/server/http';
import { requireUser, retryable } from '$lib/server/endpoint';
import { pokeStream } from '$lib/server/sync/events';
import { centreVersion } from '$lib/server/sync/pull';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ request, locals }) =>
	answer(async () => {
		const user = requireUser(locals.user);
		const { db, hub } = await retryable(() => locals.app());
		const version = await retryable(() => centreVersion(db, user.centreId));
		const stream = pokeStream(hub, user.centreId, version, { signal: request.signal });
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
