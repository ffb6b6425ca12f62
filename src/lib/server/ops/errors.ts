/**
 * What an unexpected error leaves behind: a log line with an error id for the operator, and for
 * the user a message in their language carrying the same id, so a call to the help desk ("错误编号
 * 3f9a1c2e") leads straight to the line. The error's text goes to the log only, never to the user.
 */
import { randomBytes } from 'node:crypto';
import type { RequestEvent } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import type { Logger } from './log';
import { routeOf } from './request-log';

type Locale = 'zh' | 'en';

/** Eight hex digits: short enough to read out on the phone, unique enough within a day's log. */
export function newErrorId(): string {
	return randomBytes(4).toString('hex');
}

/** The user's language from Accept-Language: the first of zh or en they name, else Chinese. */
export function preferredLocale(acceptLanguage: string | null): Locale {
	const ranked = (acceptLanguage ?? '')
		.split(',')
		.map((part, index) => {
			const [tag, ...params] = part.trim().toLowerCase().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			return { tag, q: q ? Number(q.slice(2)) || 0 : 1, index };
		})
		.filter(({ tag, q }) => tag && q > 0)
		.sort((a, b) => b.q - a.q || a.index - b.index);
	for (const { tag } of ranked) {
		if (tag === 'zh' || tag.startsWith('zh-')) return 'zh';
		if (tag === 'en' || tag.startsWith('en-')) return 'en';
	}
	return 'zh';
}

/** The error as the log keeps it: name, code and message, and the stack's first frames. */
export function describeError(error: unknown): Record<string, string | undefined> {
	if (!(error instanceof Error)) return { error: String(error).slice(0, 500) };
	const code = (error as { code?: unknown }).code;
	return {
		error: error.name,
		code: typeof code === 'string' ? code : undefined,
		// A driver's `detail` can quote row values; only the message and the stack are kept.
		message: error.message.slice(0, 500),
		stack: error.stack?.split('\n').slice(1, 8).join('\n')
	};
}

export interface ErrorAnswer {
	message: string;
	errorId: string;
}

/** The server's handleError: logs a 5xx as an error (a 404 only at debug) and answers the user. */
export function handleServerError(
	logger: Logger,
	input: { error: unknown; event: RequestEvent; status: number }
): ErrorAnswer {
	const { error, event, status } = input;
	const errorId = newErrorId();
	const fields = {
		errorId,
		requestId: event.locals.requestId ?? null,
		method: event.request.method,
		route: routeOf(event),
		status,
		userId: event.locals.user?.id ?? null
	};
	if (status >= 500) logger.error('error', { ...fields, ...describeError(error) });
	else logger.debug('error', fields);
	const locale = preferredLocale(event.request.headers.get('accept-language'));
	const message =
		status === 404
			? m.ops_error_not_found({ errorId }, { locale })
			: m.ops_error_unexpected({ errorId }, { locale });
	return { message, errorId };
}
