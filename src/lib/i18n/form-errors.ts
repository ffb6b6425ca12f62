/**
 * Turns a failed Zod parse of a form into one message per field, for the field to show beside
 * itself (aria-describedby). The schemas carry their messages, already in the user's language.
 */
import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

export function fieldErrors(error: z.ZodError): FieldErrors {
	const out: FieldErrors = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form');
		out[field] ??= issue.message;
	}
	return out;
}
