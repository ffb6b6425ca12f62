/**
 * What a refused change tried to do, said in words (预约 张某 11月30日 09:00) rather than by its
 * mutation name and arguments: the person who lost a booking must recognise it at a glance. The
 * booking's name, day and time come from this tablet's own copy when it still holds them.
 */
import { m } from '$lib/paraglide/messages';
import { formatDate } from '$lib/i18n/format';
import type { MutationResult } from '$lib/schemas';

type Lang = Parameters<typeof formatDate>[1];

/** What this tablet still knows of the booking and the slot a change named. */
export interface AttemptContext {
	appointment?: { date: string; start: string; applicant?: { name: string } | null };
	slot?: { date: string; start: string };
}

type Args = Record<string, unknown>;
type Phrase = (a: Args, day: (date: unknown) => string, ctx: AttemptContext) => string;

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const statusWords: Record<string, () => string> = {
	booked: m.status_booked,
	unconfirmed: m.status_unconfirmed,
	arrived: m.status_arrived,
	serving: m.status_serving,
	done: m.status_done,
	refused: m.status_refused,
	'no-show': m['status_no-show'],
	cancelled: m.status_cancelled
};

const phrases: Record<string, Phrase> = {
	'appointment.book': (a, day, { appointment, slot }) =>
		m.attempt_appointment_book({
			name: appointment?.applicant?.name ?? text((a.applicant as Args | undefined)?.name),
			date: day(appointment?.date ?? slot?.date),
			start: appointment?.start ?? slot?.start ?? ''
		}),
	'appointment.reschedule': (_, day, { appointment, slot }) =>
		m.attempt_appointment_reschedule({
			name: appointment?.applicant?.name ?? '',
			date: day(slot?.date),
			start: slot?.start ?? ''
		}),
	'appointment.setStatus': (a, day, { appointment }) =>
		m.attempt_appointment_status({
			name: appointment?.applicant?.name ?? '',
			date: day(appointment?.date),
			start: appointment?.start ?? '',
			status: statusWords[text(a.status)]?.() ?? text(a.status)
		}),
	'appointment.reveal': (_, day, { appointment }) =>
		m.attempt_appointment_reveal({ name: appointment?.applicant?.name ?? '' }),
	'slot.generate': (a, day) => m.attempt_slot_generate({ from: day(a.from), to: day(a.to) }),
	'slot.block': (a) => (a.blocked ? m.attempt_slot_block() : m.attempt_slot_unblock()),
	'slot.setCapacity': (a) => m.attempt_slot_capacity({ capacity: Number(a.capacity) }),
	'dayPlan.save': (a, day) => m.attempt_plan_save({ date: day(a.date) }),
	'attendance.record': (a, day) => m.attempt_attendance({ date: day(a.date) }),
	'window.setOpen': (a, day) =>
		a.open
			? m.attempt_window_open({ date: day(a.date) })
			: m.attempt_window_close({ date: day(a.date) }),
	'window.assign': (a, day) => m.attempt_window_assign({ date: day(a.date) }),
	'duty.extendedService': (a, day) => m.attempt_extended_service({ date: day(a.date) }),
	'extendedService.log': (a, day) => m.attempt_extended_service({ date: day(a.date) }),
	'duty.note': (a, day) => m.attempt_duty_note({ date: day(a.date), text: text(a.text) }),
	'calendar.setNotice': (a) => m.attempt_calendar_notice({ year: Number(a.year) }),
	'calendar.removeNotice': (a) => m.attempt_calendar_notice_remove({ year: Number(a.year) }),
	'calendar.setDay': (a, day) => m.attempt_calendar_day({ date: day(a.date) }),
	'calendar.clearDay': (a, day) => m.attempt_calendar_day({ date: day(a.date) }),
	'ruleSet.update': () => m.attempt_rules(),
	'centre.update': () => m.attempt_centre(),
	'volume.add': (a, day) => m.attempt_volume({ date: day(a.date) }),
	'volume.addBatch': (a, day) => m.attempt_volume({ date: day(a.date) }),
	'staff.upsert': (a) => m.attempt_staff({ name: text(a.name) }),
	'staff.import': () => m.attempt_staff_import(),
	'department.upsert': (a) => m.attempt_department({ name: text(a.name) }),
	'department.setContact': () => m.attempt_department_contact(),
	'department.setHead': () => m.attempt_department_head(),
	'case.record': (a) => m.attempt_case_record({ number: text(a.number) }),
	'case.complete': (a) => m.attempt_case_complete({ number: text(a.id).replace(/^case-/, '') }),
	'case.import': () => m.attempt_case_import(),
	'evaluation.record': (a) => m.attempt_evaluation_record({ number: text(a.number) }),
	'evaluation.followUp': (a) =>
		m.attempt_evaluation_follow_up({ number: text(a.id).replace(/^evaluation-/, '') }),
	'evaluation.import': () => m.attempt_evaluation_import(),
	'window.upsert': (a) => m.attempt_window_edit({ name: text(a.name) }),
	'window.import': () => m.attempt_window_import(),
	'serviceItem.upsert': (a) => m.attempt_service_item({ name: text(a.name) }),
	'serviceItem.retire': () => m.attempt_service_item_retire(),
	'taskForce.upsert': () => m.attempt_task_force(),
	'taskForce.remove': () => m.attempt_task_force(),
	'inspection.start': (a, day) => m.attempt_inspection_start({ date: day(a.date) }),
	'inspection.check': () => m.attempt_inspection(),
	'inspection.addFinding': () => m.attempt_inspection(),
	'inspection.setFindingStatus': () => m.attempt_inspection(),
	'inspection.commend': () => m.attempt_inspection(),
	'overtime.approve': (a) => m.attempt_overtime_approve({ month: text(a.month) }),
	'timeOff.record': (a, day) => m.attempt_time_off_record({ date: day(a.date) }),
	'timeOff.remove': (a, day) => m.attempt_time_off_remove({ date: day(a.date) }),
	'monthlyReport.note': (a) => m.attempt_report_note({ month: text(a.month) }),
	'monthlyReport.send': (a) => m.attempt_report_send({ month: text(a.month) }),
	'monthlyReport.reopen': (a) => m.attempt_report_reopen({ month: text(a.month) })
};

/** The refused change in a sentence; one this build does not know is named as such, never by its code. */
export function attempted(r: MutationResult, lang: Lang, ctx: AttemptContext = {}): string {
	const day = (date: unknown) =>
		typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date)
			? formatDate(date, lang, 'short')
			: '';
	const args = r.args && typeof r.args === 'object' ? (r.args as Args) : {};
	const phrase = phrases[r.name];
	return (phrase ? phrase(args, day, ctx) : m.attempt_unknown()).replace(/\s+/g, ' ').trim();
}

/** Every mutation this module words, for the test that no mutation goes without a sentence. */
export const wordedMutations = Object.keys(phrases);
