import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { changeOwnPassword, newPassword } from '$lib/server/auth/password-change';
import { sessionCookie } from '$lib/server/auth/session';
import { config } from '$lib/server/config';
import { requireUser, retryable } from '$lib/server/endpoint';
import { answer, HttpError, readJson, unauthorized } from '$lib/server/http';
import type { RequestHandler } from './$types';

const change = z
	.object({ currentPassword: z.string().min(1).max(256), newPassword })
	.refine((b) => b.newPassword !== b.currentPassword, {
		message: 'the new password must differ from the current one',
		path: ['newPassword']
	});

/** A user changes their own password; their other sessions end, this one stays. */
export const POST: RequestHandler = ({ request, cookies, url, locals, getClientAddress }) =>
	answer(async () => {
		const user = requireUser(locals.user);
		const token = cookies.get(sessionCookie(url).name);
		if (!token) throw unauthorized();
		const body = await readJson(request, change, 16 * 1024);
		const { db } = await retryable(() => locals.app());
		const outcome = await retryable(() =>
			changeOwnPassword(
				db,
				{ userId: user.id, username: user.username, address: getClientAddress(), token },
				{ current: body.currentPassword, next: body.newPassword },
				{ limits: config().login }
			)
		);
		if (!outcome.ok) {
			if (outcome.reason === 'rate-limited') {
				throw new HttpError(
					429,
					{ error: '失败次数过多，请稍后再试', detail: 'too many failed attempts' },
					{ 'Retry-After': String(outcome.retryAfterSeconds) }
				);
			}
			throw new HttpError(403, { error: '当前密码不正确', detail: 'wrong current password' });
		}
		return json({ ok: true, endedSessions: outcome.endedSessions });
	});
