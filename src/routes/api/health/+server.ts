import { json } from '@sveltejs/kit';
import { app } from '$lib/server/db';

/** Answers once the database is open, migrated and (in demo mode) seeded. */
export async function GET() {
	await app();
	return json({ ok: true });
}
