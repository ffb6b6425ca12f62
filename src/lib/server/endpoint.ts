/** What every API endpoint does the same way: who is asking, and a database fault as 503. */
import type { SessionUser } from '$lib/schemas';
import type { Role } from '$lib/schemas';
import { isTransient } from './db/errors';
import { lacksDepartment } from './auth/session';
import { forbidden, HttpError, noDepartment, unauthorized } from './http';

export function requireUser<U extends SessionUser>(user: U | null, roles?: readonly Role[]): U {
	if (!user) throw unauthorized();
	// A session opened before the department was taken away is refused as well.
	if (lacksDepartment(user)) throw noDepartment();
	if (roles && !roles.includes(user.role)) throw forbidden(`needs one of: ${roles.join(', ')}`);
	return user;
}

/** A transient database fault: the client retries with backoff and nothing was half-applied. */
export async function retryable<T>(run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (e) {
		if (isTransient(e)) {
			throw new HttpError(
				503,
				{ error: '服务暂时不可用，请稍后重试', detail: 'database unavailable, retry later' },
				{ 'Retry-After': '5' }
			);
		}
		throw e;
	}
}
