/** Screen words for the supervision vocabularies, which the schemas keep as codes. */
import { m } from '$lib/paraglide/messages';
import type { CheckItem, FindingStatus } from '$lib/schemas';

const checks: Record<CheckItem, () => string> = {
	punctuality: m.check_punctuality,
	windows: m.check_windows,
	attitude: m.check_attitude,
	discipline: m.check_discipline
};

const statuses: Record<FindingStatus, () => string> = {
	proposed: m.finding_status_proposed,
	confirmed: m.finding_status_confirmed,
	dismissed: m.finding_status_dismissed,
	corrected: m.finding_status_corrected
};

const sources = {
	attendance: m.finding_source_attendance,
	rule: m.finding_source_rule,
	manual: m.finding_source_manual
};

export const checkLabel = (c: CheckItem) => checks[c]();
export const statusLabel = (s: FindingStatus) => statuses[s]();
export const sourceLabel = (s: keyof typeof sources) => sources[s]();
