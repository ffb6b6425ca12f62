/** Login against the server; the session lives in an httpOnly cookie the page never sees. */
import { z } from 'zod';
import { meResponse, type CentreSummary, type SessionUser } from '$lib/schemas';

export type { CentreSummary };

export type SignInResult =
	| { ok: true; user: SessionUser; centre: CentreSummary }
	| {
			ok: false;
			reason: 'offline' | 'failed' | 'rate-limited' | 'no-department';
			retryMinutes: number;
	  };

export async function signIn(username: string, password: string): Promise<SignInResult> {
	let res: Response;
	try {
		res = await fetch('/api/auth/login', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username, password })
		});
	} catch {
		return { ok: false, reason: 'offline', retryMinutes: 0 };
	}
	if (res.status === 429) {
		const seconds = Number(res.headers.get('retry-after') ?? 900);
		return { ok: false, reason: 'rate-limited', retryMinutes: Math.ceil(seconds / 60) };
	}
	if (res.status === 403) {
		const body = z.object({ detail: z.string() }).safeParse(await res.json().catch(() => null));
		if (body.success && body.data.detail === 'no-department') {
			return { ok: false, reason: 'no-department', retryMinutes: 0 };
		}
	}
	if (!res.ok) return { ok: false, reason: 'failed', retryMinutes: 0 };
	const me = meResponse.safeParse(await (await fetch('/api/auth/me')).json());
	if (!me.success) return { ok: false, reason: 'failed', retryMinutes: 0 };
	return { ok: true, ...me.data };
}
