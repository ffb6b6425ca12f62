/**
 * Least data per role (docs/roles.md): what of a record leaves the server for a user's role and
 * department, and which fields that user may ask the server to reveal in full (audited).
 *
 * Every decision is a function of (record, role, department) and never of the date: the pull is
 * incremental by version, so a rule such as "today's appointments in full" would never send a
 * record again when its day came, nor take the full value back after it. A change of role or
 * department changes the scope key instead, and the device starts again from nothing.
 */
import type { Role } from '$lib/schemas';
import { maskIdNumber, maskPhone } from './identity';

/** Raised whenever the table below changes, so every device drops what it holds and pulls again. */
export const DISCLOSURE_POLICY = 2;

export interface Scope {
	role: Role;
	/** A clerk's department; other roles have none. */
	departmentId?: string;
}

/** The fingerprint a device keeps beside its cursor: a different one means start again. */
export const scopeKey = (scope: Scope): string =>
	`p${DISCLOSURE_POLICY}:${scope.role}:${scope.departmentId ?? '-'}`;

/** full: sent as stored · masked: 138****1234 · withheld: not sent at all. */
export type Treatment = 'full' | 'masked' | 'withheld';

export interface FieldRule {
	receive: Treatment;
	/** May ask POST /api/reveal for the full value (only ever of a masked field). */
	reveal: boolean;
}

const full: FieldRule = { receive: 'full', reveal: false };
const masked: FieldRule = { receive: 'masked', reveal: false };
const maskedRevealable: FieldRule = { receive: 'masked', reveal: true };
const withheld: FieldRule = { receive: 'withheld', reveal: false };

/** The personal fields of each entity, by the names used in docs/roles.md and /api/reveal. */
export const personalFields = {
	appointment: ['name', 'phone', 'idNumber', 'creditCode', 'notes'],
	staff: ['phone']
} as const;
export type PersonalEntity = keyof typeof personalFields;
export type AppointmentField = (typeof personalFields.appointment)[number];
export type StaffField = (typeof personalFields.staff)[number];

/** Only these can be revealed; a name or a note is either sent or not. */
export const revealableFields = {
	appointment: ['phone', 'idNumber', 'creditCode'],
	staff: ['phone']
} as const;

/**
 * An appointment's applicant and notes. Managers (and admins, who can make any account anyway)
 * see every department masked; the duty lead runs the day with names and masked phones; a clerk
 * sees the applicants of their own department only; a viewer, at a meeting, sees none.
 */
export function appointmentRule(
	scope: Scope,
	departmentId: string,
	field: AppointmentField
): FieldRule {
	switch (scope.role) {
		case 'admin':
		case 'manager':
			return field === 'name' || field === 'notes' ? full : maskedRevealable;
		case 'duty':
			if (field === 'name' || field === 'notes') return full;
			return field === 'phone' ? maskedRevealable : withheld;
		case 'clerk':
			if (!scope.departmentId || scope.departmentId !== departmentId) return withheld;
			return field === 'name' || field === 'notes' ? full : maskedRevealable;
		case 'viewer':
		case 'district':
			return withheld;
	}
}

/**
 * A staff member's phone. The duty lead calls staff who are late or on call (R8), so active
 * staff travel in full to that role only; managers and clerks see masks (a clerk may reveal a
 * colleague of their own department); a viewer gets no phone at all.
 */
export function staffRule(
	scope: Scope,
	staff: { departmentId: string; active: boolean },
	_field: StaffField
): FieldRule {
	switch (scope.role) {
		case 'admin':
		case 'manager':
			return maskedRevealable;
		case 'duty':
			return staff.active ? full : maskedRevealable;
		case 'clerk':
			return scope.departmentId === staff.departmentId ? maskedRevealable : masked;
		case 'viewer':
		case 'district':
			return withheld;
	}
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null;
const maskOf = (field: string, value: string) =>
	field === 'phone' ? maskPhone(value) : maskIdNumber(value);

function applyRule(target: Json, key: string, field: string, rule: FieldRule): void {
	const value = target[key];
	if (rule.receive === 'withheld') delete target[key];
	else if (rule.receive === 'masked' && typeof value === 'string') {
		target[key] = maskOf(field, value);
	}
}

/** An appointment as `scope` may receive it; the stored row is not changed. */
function discloseAppointment(row: Json, scope: Scope): Json {
	const departmentId = String(row.departmentId ?? '');
	const out: Json = { ...row };
	const rule = (f: AppointmentField) => appointmentRule(scope, departmentId, f);
	if (rule('notes').receive === 'withheld') {
		// The schema needs a string; cancel reasons are free text as notes are.
		out.notes = '';
		delete out.cancelReason;
	}
	if (isObject(row.applicant)) {
		if (rule('name').receive === 'withheld') out.applicant = null;
		else {
			const applicant: Json = { ...row.applicant };
			for (const f of ['phone', 'idNumber', 'creditCode'] as const) {
				applyRule(applicant, f, f, rule(f));
			}
			out.applicant = applicant;
		}
	}
	return out;
}

function discloseStaff(row: Json, scope: Scope): Json {
	const out: Json = { ...row };
	const rule = staffRule(
		scope,
		{ departmentId: String(row.departmentId ?? ''), active: row.active !== false },
		'phone'
	);
	applyRule(out, 'phone', 'phone', rule);
	return out;
}

/** 加班 and 调休补休 are kept by managers and read by duty leads; nobody else holds them. */
const overtimeEntities = new Set(['overtimeApproval', 'timeOff']);
const overtimeReaders = new Set<Role>(['admin', 'manager', 'duty']);

/**
 * Records a scope does not receive at all: a clerk keeps the cases (办件) of their own department
 * only, so other departments' cases never leave the server for them; a person's overtime and time
 * off leave it for managers and duty leads only.
 */
export function withholdsRecord(entity: string, data: unknown, scope: Scope): boolean {
	// The district office reads aggregates from /api/district and no record of any centre.
	if (scope.role === 'district') return true;
	if (overtimeEntities.has(entity)) return !overtimeReaders.has(scope.role);
	if (entity !== 'case' || scope.role !== 'clerk') return false;
	return !isObject(data) || !scope.departmentId || data.departmentId !== scope.departmentId;
}

/**
 * Stands for withheld free text where the schema needs some text (a finding, the last person
 * served): the screen shows that there was something, and what it said stays on the server.
 */
const WITHHELD_TEXT = '—';

const withText = (items: unknown, fields: Record<string, string>): unknown =>
	Array.isArray(items) ? items.map((i) => (isObject(i) ? { ...i, ...fields } : i)) : items;

/**
 * Free text written by staff — a check-in note, the last person served, a plan's notes and filed
 * arrangements, an inspection's findings, corrections and commendations — may name a citizen or a
 * colleague, so a viewer (a meeting's screen) receives none of it: only the counts, statuses and
 * subjects the review and the board draw. Every other role that reads these records runs the day
 * or supervises it, and receives them as written.
 */
function discloseFreeText(entity: string, row: Json, scope: Scope): Json {
	if (scope.role !== 'viewer' && scope.role !== 'district') return row;
	const out: Json = { ...row };
	switch (entity) {
		case 'attendance':
			delete out.note;
			break;
		case 'extendedService':
			out.lastServed = WITHHELD_TEXT;
			break;
		case 'dayPlan':
			out.notes = '';
			out.arrangements = withText(row.arrangements, { text: WITHHELD_TEXT });
			break;
		case 'inspection':
			out.findings = withText(row.findings, {
				text: WITHHELD_TEXT,
				correction: '',
				proposal: ''
			});
			out.commendations = withText(row.commendations, { reason: WITHHELD_TEXT });
			break;
	}
	return out;
}

/**
 * A 好差评 evaluation's free text: the citizen's comment and the follow-up's 整改情况. A viewer
 * reads the figures at a meeting and needs neither, so neither is sent; every other role that
 * reads evaluations receives them in full.
 */
const evaluationTextRule = (scope: Scope): FieldRule =>
	scope.role === 'viewer' || scope.role === 'district' ? withheld : full;

function discloseEvaluation(row: Json, scope: Scope): Json {
	if (evaluationTextRule(scope).receive !== 'withheld') return row;
	const out: Json = { ...row };
	delete out.comment;
	// The schema needs a string; whether a follow-up happened, by whom and when stays a figure.
	if (isObject(row.followUp)) out.followUp = { ...row.followUp, correction: '' };
	return out;
}

/** The record `scope` receives in a pull. Entities without personal fields pass unchanged. */
export function disclose(entity: string, data: unknown, scope: Scope): unknown {
	if (!isObject(data)) return data;
	if (entity === 'appointment') return discloseAppointment(data, scope);
	if (entity === 'staff') return discloseStaff(data, scope);
	if (freeTextEntities.has(entity)) return discloseFreeText(entity, data, scope);
	if (entity === 'evaluation') return discloseEvaluation(data, scope);
	return data;
}

const freeTextEntities = new Set(['attendance', 'extendedService', 'dayPlan', 'inspection']);

/** Whether `scope` may have `field` of this stored record revealed in full. */
export function mayReveal(scope: Scope, entity: PersonalEntity, row: Json, field: string): boolean {
	if (entity === 'appointment') {
		if (!(revealableFields.appointment as readonly string[]).includes(field)) return false;
		return appointmentRule(scope, String(row.departmentId ?? ''), field as AppointmentField).reveal;
	}
	if (field !== 'phone') return false;
	return staffRule(
		scope,
		{ departmentId: String(row.departmentId ?? ''), active: row.active !== false },
		'phone'
	).reveal;
}

/** A masked value as the masks above write it: a client only ever holds those. */
export const isMasked = (value: string): boolean => value.includes('*');

/**
 * The value a mutation may store when a client sent `incoming` for a field it holds masked:
 * the stored full value when `incoming` is that value's mask (an edit of other fields), the
 * incoming value when it is a real one, and undefined when it is a mask of something else, which
 * the mutator refuses. So no masked value ever overwrites a full one.
 */
export function keepFull(
	field: 'phone' | 'idNumber' | 'creditCode',
	incoming: string,
	stored: string | undefined
): string | undefined {
	if (!isMasked(incoming)) return incoming;
	if (stored === undefined) return undefined;
	if (stored === incoming || maskOf(field, stored) === incoming) return stored;
	return undefined;
}

const maskedKeys = new Set(['phone', 'idNumber', 'creditCode']);

/**
 * Masks every phone, ID number and credit code anywhere inside a value, for what shows stored
 * data that is not a synced record (the audit log's arguments and before/after rows).
 */
export function maskDeep(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(maskDeep);
	if (!isObject(value)) return value;
	return Object.fromEntries(
		Object.entries(value).map(([k, v]) => [
			k,
			maskedKeys.has(k) && typeof v === 'string' ? maskOf(k, v) : maskDeep(v)
		])
	);
}
