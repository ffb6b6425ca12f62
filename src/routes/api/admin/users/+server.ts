import { json } from '@sveltejs/kit';
import { newAccount } from '$lib/schemas';
import { createAccount, listAccounts } from '$lib/server/auth/people';
import { admins, valueOf } from '$lib/server/auth/people-http';
import { requireUser, retryable } from '$lib/server/endpoint';
import { answer, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The accounts of the admin's centre, with their devices. */
export const GET: RequestHandler = ({ locals }) =>
	answer(async () => {
		const user = requireUser(locals.user, admins);
		const { db } = await retryable(() => locals.app());
		return json({ users: await retryable(() => listAccounts(db, user.centreId)) });
	});

/** A new account of the admin's centre. */
export const POST: RequestHandler = ({ request, locals }) =>
	answer(async () => {
		const user = requireUser(locals.user, admins);
		const body = await readJson(request, newAccount, 8 * 1024);
		const { db } = await retryable(() => locals.app());
		const id = valueOf(await retryable(() => createAccount(db, user, body)));
		return json({ id }, { status: 201 });
	});
