import { json } from '@sveltejs/kit';
import { requireUser, retryable } from '$lib/server/endpoint';
import { answer } from '$lib/server/http';
import { eraseExpiredAppointments } from '$lib/server/retention';
import type { RequestHandler } from './$types';

/**
 * Erases the personal data of the caller's centre's appointments older than its retention period
 * (managers and admins). Safe to repeat: erased records are not touched again. Answers the cutoff
 * and how many records were erased; devices receive the erasure in their next pull.
 */
export const POST: RequestHandler = ({ locals }) =>
	answer(async () => {
		const user = requireUser(locals.user, ['admin', 'manager']);
		const { db } = await retryable(() => locals.app());
		const report = await retryable(() =>
			eraseExpiredAppointments(db, user.centreId, { now: new Date(), userId: user.id })
		);
		return json(report);
	});
