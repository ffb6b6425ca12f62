/**
 * The one list of personal data (issue 14). Fields named here name or reach a person — an
 * applicant's name, phone, ID number or credit code, a staff member's name and phone — or are free
 * text that staff may fill with one (notes, reasons, findings). The audit log, stored results and
 * retention read this list; nothing else decides what is personal.
 */
import type { EntityName } from './index';

/** Per entity, its top-level fields that are personal. Entities not named hold none. */
export const personalFields = {
	appointment: ['applicant', 'notes', 'cancelReason'],
	staff: ['name', 'phone'],
	attendance: ['note'],
	extendedService: ['lastServed'],
	dayPlan: ['notes', 'arrangements'],
	inspection: ['findings', 'commendations'],
	// A citizen's comment and the 整改情况 written about it; the rating itself names nobody.
	evaluation: ['comment', 'followUp'],
	monthlyReport: ['notes', 'versions']
} as const satisfies { readonly [E in EntityName]?: readonly string[] };

/**
 * Keys that are personal wherever they appear in a mutation's arguments or a result's detail:
 * the entity fields above, the applicant's own fields, and the free-text fields of the mutators
 * (a duty note's `text`, a finding's `correction` and `proposal`, a commendation's `reason`).
 * `name` is in it because a staff row and an applicant carry one; a window's or a department's
 * name is hidden with it, which costs the audit a label and never leaks a person.
 */
export const personalKeys: ReadonlySet<string> = new Set([
	...Object.values(personalFields).flat(),
	'idNumber',
	'creditCode',
	'text',
	'correction',
	'proposal',
	'reason'
]);

/** What a personal value is replaced with: the reader sees that the field was there. */
export const REDACTED = '[personal]';

/** A deep copy of a JSON value with every personal key's value replaced by REDACTED. */
export function redactPersonal(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(redactPersonal);
	if (value === null || typeof value !== 'object') return value;
	const out: Record<string, unknown> = {};
	for (const [key, inner] of Object.entries(value)) {
		out[key] = personalKeys.has(key) && inner != null ? REDACTED : redactPersonal(inner);
	}
	return out;
}

/** Top-level field names whose values differ between two versions of a record. */
export function changedFields(before: unknown, after: unknown): string[] {
	const a = (before ?? {}) as Record<string, unknown>;
	const b = (after ?? {}) as Record<string, unknown>;
	const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
	return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
}
