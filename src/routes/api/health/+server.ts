import { json } from '@sveltejs/kit';
import { checkHealth } from '$lib/server/ops/health';
import type { RequestHandler } from './$types';

/**
 * 200 when the database is open, migrated (and, in demo mode, seeded) and answers a query now;
 * 503 with the reason otherwise, so a proxy or a monitor takes the instance out of service.
 */
export const GET: RequestHandler = async ({ locals }) => {
	const health = await checkHealth(locals.app);
	return json(health.body, {
		status: health.status,
		headers: health.status === 503 ? { 'Retry-After': '5' } : {}
	});
};
