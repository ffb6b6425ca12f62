import { json } from '@sveltejs/kit';
import { answer } from '$lib/server/http';
import { requireUser } from '$lib/server/endpoint';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) =>
	answer(async () => {
		const user = requireUser(locals.user);
		return json({ user, centre: locals.centre });
	});
