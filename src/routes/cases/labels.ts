/** Words for a case's outcome and reason, in the user's language. */
import { m } from '$lib/paraglide/messages';
import type { CaseOutcome, CaseReasonCode } from '$lib/schemas';

export const outcomeText: Record<CaseOutcome, () => string> = {
	approved: m.cases_outcome_approved,
	told: m.cases_outcome_told,
	'not-accepted': m.cases_outcome_not_accepted,
	'not-permitted': m.cases_outcome_not_permitted
};

export const reasonText: Record<CaseReasonCode, () => string> = {
	'materials-incomplete': m.cases_reason_materials_incomplete,
	'materials-invalid': m.cases_reason_materials_invalid,
	'out-of-scope': m.cases_reason_out_of_scope,
	'conditions-unmet': m.cases_reason_conditions_unmet,
	other: m.cases_reason_other
};
