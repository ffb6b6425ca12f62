import { json } from '@sveltejs/kit';
import { districtQuery } from '$lib/schemas';
import { hallDate } from '$lib/domain/hall-clock';
import { districtFigures } from '$lib/server/district';
import { answer, parse } from '$lib/server/http';
import { requireUser, retryable } from '$lib/server/endpoint';
import type { RequestHandler } from './$types';

/** The month of every centre of the caller's district, aggregates only, for the district office. */
export const GET: RequestHandler = ({ url, locals }) =>
	answer(async () => {
		const user = requireUser(locals.user, ['district']);
		const { month } = parse(districtQuery, Object.fromEntries(url.searchParams));
		const { db } = await retryable(() => locals.app());
		const now = new Date();
		return json(
			await retryable(() =>
				districtFigures(db, user.centreId, month, { today: hallDate(now), now })
			)
		);
	});
