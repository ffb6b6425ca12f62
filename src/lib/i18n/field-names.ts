/**
 * The names of the fields a refusal points at, in the user's language. A mutation that fails its
 * schema is refused with the dotted paths of the fields at fault (`end`, `cells.3.delta.accepted`),
 * as the server and the device write the same refusal whatever language reads it; the screen turns
 * each path into the label a person knows the field by.
 */
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { MessageKey } from '$lib/schemas';

type FieldKey = Extract<MessageKey, `field_${string}`>;

/**
 * By the field's own name, or by `parent.name` where the name alone is too plain to tell which field
 * is meant. messages.test.ts walks every mutation's arguments and fails on a field missing here.
 */
const labels = {
	id: 'field_id',
	v: 'field_v',
	name: 'field_name',
	departmentId: 'field_department_id',
	title: 'field_title',
	phone: 'field_phone',
	onCall: 'field_on_call',
	realEstateReview: 'field_real_estate_review',
	active: 'field_active',
	rows: 'field_rows',
	line: 'field_line',
	kind: 'field_kind',
	operations: 'field_operations',
	takesAppointments: 'field_takes_appointments',
	appointmentContactId: 'field_appointment_contact_id',
	sortOrder: 'field_sort_order',
	contactId: 'field_contact_id',
	code: 'field_code',
	category: 'field_category',
	retired: 'field_retired',
	date: 'field_date',
	windowId: 'field_window_id',
	open: 'field_open',
	staffIds: 'field_staff_ids',
	channels: 'field_channels',
	deadlineDays: 'field_deadline_days',
	availableNonWorking: 'field_available_non_working',
	bookable: 'field_bookable',
	handleMinutes: 'field_handle_minutes',
	updatedAt: 'field_updated_at',
	staffId: 'field_staff_id',
	body: 'field_body',
	role: 'field_role',
	windows: 'field_windows',
	sessions: 'field_sessions',
	start: 'field_start',
	end: 'field_end',
	operationsDutyIds: 'field_operations_duty_ids',
	dutyLeadId: 'field_duty_lead_id',
	appointmentContacts: 'field_appointment_contacts',
	from: 'field_from',
	onCallIds: 'field_on_call_ids',
	arrangedBy: 'field_arranged_by',
	arrangements: 'field_arrangements',
	text: 'field_text',
	filedAt: 'field_filed_at',
	extendedSessions: 'field_extended_sessions',
	served: 'field_served',
	period: 'field_period',
	lastServed: 'field_last_served',
	noneWaiting: 'field_none_waiting',
	notes: 'field_notes',
	basedOn: 'field_based_on',
	address: 'field_address',
	settings: 'field_settings',
	workingSessions: 'field_working_sessions',
	nonWorkingSessions: 'field_non_working_sessions',
	extendedServiceMinutes: 'field_extended_service_minutes',
	targetServiceLevel: 'field_target_service_level',
	targetWaitMinutes: 'field_target_wait_minutes',
	retentionDays: 'field_retention_days',
	offlineUnlockHours: 'field_offline_unlock_hours',
	consultationPhones: 'field_consultation_phones',
	'consultationPhones.label': 'field_consultation_phone_label',
	enabled: 'field_enabled',
	minComprehensivePerCategory: 'field_min_comprehensive_per_category',
	categoryMinimum: 'field_category_minimum',
	staffPerComprehensive: 'field_staff_per_comprehensive',
	minPublicServiceStaff: 'field_min_public_service_staff',
	deskStaff: 'field_desk_staff',
	operationsDuty: 'field_operations_duty',
	lateGraceMinutes: 'field_late_grace_minutes',
	applyOnWorkingDays: 'field_apply_on_working_days',
	status: 'field_status',
	minutesLate: 'field_minutes_late',
	note: 'field_note',
	at: 'field_at',
	hour: 'field_hour',
	channel: 'field_channel',
	delta: 'field_delta',
	refusalReason: 'field_refusal_reason',
	waiting: 'field_waiting',
	waitingDelta: 'field_waiting',
	cells: 'field_cells',
	refusalReasons: 'field_refusal_reasons',
	source: 'field_source',
	slotId: 'field_slot_id',
	applicant: 'field_applicant',
	idNumber: 'field_id_number',
	creditCode: 'field_credit_code',
	missingItems: 'field_missing_items',
	cancelReason: 'field_cancel_reason',
	field: 'field_field',
	serviceItemId: 'field_service_item_id',
	to: 'field_to',
	year: 'field_year',
	festivals: 'field_festivals',
	makeUpDays: 'field_make_up_days',
	change: 'field_day_change',
	lengthMinutes: 'field_length_minutes',
	capacity: 'field_capacity',
	blocked: 'field_blocked',
	inspectorId: 'field_inspector_id',
	inspectionId: 'field_inspection_id',
	item: 'field_item',
	result: 'field_result',
	finding: 'field_finding',
	subject: 'field_subject',
	type: 'field_type',
	checkItem: 'field_check_item',
	correction: 'field_correction',
	proposal: 'field_proposal',
	findingId: 'field_finding_id',
	reason: 'field_reason',
	undo: 'field_undo',
	accepted: 'field_accepted',
	completed: 'field_completed',
	consulted: 'field_consulted',
	oneVisit: 'field_one_visit',
	refused: 'field_refused',
	headStaffId: 'field_head_staff_id',
	number: 'field_number',
	acceptedOn: 'field_accepted_on',
	legalDays: 'field_legal_days',
	promisedDays: 'field_promised_days',
	completedOn: 'field_completed_on',
	outcome: 'field_outcome',
	materials: 'field_materials',
	ratedOn: 'field_rated_on',
	rating: 'field_rating',
	comment: 'field_comment',
	followUp: 'field_follow_up',
	followedUpOn: 'field_followed_up_on',
	calledBack: 'field_called_back',
	month: 'field_month',
	minutes: 'field_minutes',
	hours: 'field_hours',
	requestedBy: 'field_requested_by',
	approverName: 'field_approver_name',
	figures: 'field_figures',
	centre: 'field_centre',
	departments: 'field_departments',
	daysOpen: 'field_days_open',
	windowDays: 'field_window_days',
	staffDays: 'field_staff_days',
	received: 'field_received',
	casesAccepted: 'field_cases_accepted',
	casesCompleted: 'field_cases_completed',
	casesPastDeadline: 'field_cases_past_deadline',
	appointments: 'field_appointments',
	noShows: 'field_no_shows',
	noShowRate: 'field_no_show_rate',
	extendedMinutes: 'field_extended_minutes',
	extendedServed: 'field_extended_served',
	oneVisitRate: 'field_one_visit_rate',
	findings: 'field_findings',
	corrected: 'field_corrected',
	'applicant.name': 'field_applicant_name',
	'applicant.phone': 'field_applicant_phone',
	'applicant.kind': 'field_applicant_kind',
	'finding.text': 'field_finding_text',
	'arrangements.text': 'field_arrangements_text'
} as const satisfies Record<string, FieldKey>;

const label = (name: string): FieldKey | undefined =>
	Object.hasOwn(labels, name) ? (labels as Record<string, FieldKey>)[name] : undefined;

/**
 * The label of one path. The last named step decides (a list's index says nothing, and a record's
 * key is the user's own text), qualified by its parent when a label exists for both; a path with no
 * known step reads as 此项, never as the raw key.
 */
function fieldKey(path: string): FieldKey {
	const steps = path.split('.').filter((s) => s !== '' && !/^\d+$/.test(s));
	for (let i = steps.length - 1; i >= 0; i--) {
		const key = (i > 0 ? label(`${steps[i - 1]}.${steps[i]}`) : undefined) ?? label(steps[i]);
		if (key) return key;
	}
	return 'field_unknown';
}

/** One path or several joined by commas, as labels in a list of the user's language. */
export function fieldNames(paths: string): string {
	const names = [...new Set(paths.split(/,\s*/).map((p) => m[fieldKey(p)]()))];
	const locale = getLocale() === 'zh' ? 'zh-CN' : 'en-GB';
	return new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
}
