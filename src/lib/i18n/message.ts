/** Renders a message key carried in data (a rejection, a rule violation) in the user's language. */
import * as messages from '$lib/paraglide/messages';

type MessageFn = (params?: Record<string, unknown>) => string;

export function message(key: string, params?: Record<string, string | number>): string {
	const fn = (messages as unknown as Record<string, MessageFn | undefined>)[key];
	return fn ? fn(params ?? {}) : key;
}
