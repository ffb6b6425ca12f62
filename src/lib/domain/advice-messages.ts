/**
 * Message keys of the window advice. Times are passed as HH:MM and waits as whole minutes,
 * so the params need no translation.
 * Their wording lives in messages/zh.json and messages/en.json; src/lib/i18n/messages.test.ts
 * checks that every key is there in both languages with the same placeholders.
 */
import type { MessageKey } from '$lib/schemas';

export const adviceMessageKeys = [
	'advice_thin_data',
	'advice_no_demand',
	'advice_volume',
	'advice_rule_minimum',
	'advice_open_more',
	'advice_open_more_overloaded',
	'advice_can_close',
	'advice_keep',
	'advice_thin_sentence',
	'advice_open_all',
	'advice_open_all_staff',
	'advice_remedy_overflow',
	'advice_remedy_limit_bookings',
	'advice_remedy_ask_staff'
] as const satisfies readonly MessageKey[];

export type AdviceMessageKey = (typeof adviceMessageKeys)[number];
