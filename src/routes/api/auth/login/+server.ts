import { json } from '@sveltejs/kit';
import { loginRequest } from '$lib/schemas';
import { login } from '$lib/server/auth/login';
import { sessionCookie } from '$lib/server/auth/session';
import { config } from '$lib/server/config';
import { answer, HttpError, noDepartment, readJson } from '$lib/server/http';
import { retryable } from '$lib/server/endpoint';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, cookies, url, locals, getClientAddress }) =>
	answer(async () => {
		const c = config();
		const body = await readJson(request, loginRequest, 16 * 1024);
		const { db } = await retryable(() => locals.app());
		const outcome = await retryable(() =>
			login(
				db,
				{ ...body, address: getClientAddress() },
				{ limits: c.login, sessionHours: c.sessionHours }
			)
		);
		if (!outcome.ok) {
			if (outcome.reason === 'rate-limited') {
				throw new HttpError(
					429,
					{ error: '登录失败次数过多，请稍后再试', detail: 'too many failed logins' },
					{ 'Retry-After': String(outcome.retryAfterSeconds) }
				);
			}
			if (outcome.reason === 'no-department') throw noDepartment();
			throw new HttpError(401, { error: '用户名或密码不正确', detail: 'invalid credentials' });
		}
		const cookie = sessionCookie(url);
		cookies.set(cookie.name, outcome.token, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: cookie.secure,
			expires: outcome.expiresAt
		});
		return json(outcome.me);
	});
