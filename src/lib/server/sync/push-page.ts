/**
 * A push that answers with the changes since the device's cursor (docs/sync-protocol.md, "Push"),
 * so that a tap costs one request: the page is exactly what a pull from `since` would answer
 * after the push, read by the same function with the same filtering and paging.
 */
import type { PushRequest, PushResponse, SessionUser } from '$lib/schemas';
import type { App } from '../db';
import { isTransient } from '../db/errors';
import { retryable } from '../endpoint';
import { pull } from './pull';
import { push } from './push';

export async function pushWithPage(
	app: Pick<App, 'db' | 'pulls'>,
	user: SessionUser,
	body: PushRequest
): Promise<PushResponse> {
	const answer = await retryable(() => push(app.db, user, body));
	// Whatever this push committed, the tip this server remembers is behind it now; the NOTIFY
	// that says so may still be on its way.
	if (answer.results.length > 0) app.pulls.forget(user.centreId);
	if (body.since === undefined) return answer;
	try {
		const page = await pull(
			app.db,
			user,
			{ cursor: body.since, deviceId: body.deviceId, scope: body.scope },
			{ memory: app.pulls, fresh: true }
		);
		return { ...answer, pull: page };
	} catch (e) {
		// The push has committed and its answer must not be lost to a failed read: the device
		// finds no page and pulls.
		if (isTransient(e)) return answer;
		throw e;
	}
}
