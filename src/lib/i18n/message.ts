/**
 * Renders a message key in the user's language. A key the compiler can see (a literal, or a
 * template over known values such as `status_${a.status}`) must be worded in both languages
 * (MessageKey). A key only known at run time, carried in data from the server or an older build,
 * passes as a plain string: it is rendered if this build knows it and shown as is otherwise, and
 * src/lib/i18n/messages.test.ts checks every key the code can produce.
 */
import * as messages from '$lib/paraglide/messages';
import { plainMessageKeys, type MessageKey } from '$lib/schemas';
import { fieldNames } from './field-names';

type MessageFn = (params?: Record<string, unknown>) => string;

/**
 * Each literal in `K` must be a MessageKey; a pattern with a run-time part (`import_problem_${string}`,
 * or plain `string`) must match at least one, and the test checks the values that fill it.
 */
type Checked<K extends string> = K extends MessageKey
	? K
	: [Extract<MessageKey, K>] extends [never]
		? never
		: K;

/**
 * Refusals whose parameter carries the paths of fields (model/mutator.ts, model/mutators/duty.ts):
 * the parameter each names them in, shown as the fields' labels.
 */
const fieldParams: ReadonlyMap<string, string> = new Map<MessageKey, string>([
	['error_invalid', 'detail'],
	...Object.values(plainMessageKeys).map((k): [MessageKey, string] => [k, 'detail']),
	['error_plan_conflict', 'fields']
]);

export function message<K extends string>(
	key: Checked<K>,
	params?: Record<string, string | number>
): string {
	const fn = (messages as unknown as Record<string, MessageFn | undefined>)[key];
	if (!fn) return key;
	const field = fieldParams.get(key);
	const paths = field === undefined ? undefined : params?.[field];
	if (field === undefined || typeof paths !== 'string') return fn(params ?? {});
	return fn({ ...params, [field]: fieldNames(paths) });
}
