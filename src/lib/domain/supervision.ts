/**
 * 督导检查: what an inspection round proposes from the duty day, how a finding's follow-up may
 * move, and the monthly figures per department that the meeting review reads.
 */
import type {
	CheckItem,
	Department,
	Finding,
	FindingStatus,
	FindingSubject,
	Inspection,
	MessageKey,
	ServiceWindow,
	Staff
} from '$lib/schemas';
import type { Violation } from './rule-context';

/** A stable key for a finding: its id, or its place for findings recorded before ids existed. */
export function findingKey(finding: Finding, index: number): string {
	return finding.id ?? `#${index}`;
}

export function findFinding(
	findings: readonly Finding[],
	key: string
): { finding: Finding; index: number } | undefined {
	const index = findings.findIndex((f, i) => findingKey(f, i) === key);
	return index < 0 ? undefined : { finding: findings[index], index };
}

/**
 * Follow-up of a finding: a proposal is confirmed or dismissed by a person; a confirmed finding
 * is closed once corrected. A dismissal can be reconsidered; a correction is final.
 */
export const findingTransitions: Record<FindingStatus, readonly FindingStatus[]> = {
	proposed: ['confirmed', 'dismissed'],
	confirmed: ['corrected'],
	dismissed: ['confirmed'],
	corrected: []
};

export function canMove(from: FindingStatus, to: FindingStatus): boolean {
	return findingTransitions[from].includes(to);
}

/** A finding the day's records suggest, before anyone has looked at it. */
export interface ProposedFinding {
	id: string;
	subject: FindingSubject;
	checkItem: CheckItem;
	source: 'attendance' | 'rule';
	severity: Violation['severity'];
	/** The violation's message, for the screen to word in the user's language. */
	messageKey: MessageKey;
	params: Record<string, string | number>;
}

const windowRules = new Set(['R1', 'R2', 'R3', 'R4', 'ASSIGNMENT']);

/**
 * Late and absent check-ins and rule violations of the inspected day, as findings for a person
 * to confirm or dismiss. A check-in not made yet ('attendance_missing') is no finding: the person
 * may still arrive. Proposals already answered (same id in the round) are left out, so each is
 * decided once. A violation that names no window, department or staff (R4: no fee window planned)
 * is held against `responsibleDepartmentId`, the section that draws up the plan (政务服务科).
 */
export function proposeFindings(
	violations: readonly Violation[],
	inspection: Pick<Inspection, 'findings'>,
	responsibleDepartmentId: string
): ProposedFinding[] {
	const answered = new Set(inspection.findings.map(answeredKey));
	const out = new Map<string, ProposedFinding>();
	for (const v of violations) {
		const proposal = fromViolation(v, responsibleDepartmentId);
		if (proposal && !answered.has(proposal.id) && !out.has(proposal.id)) {
			out.set(proposal.id, proposal);
		}
	}
	return [...out.values()];
}

/**
 * The proposal a stored finding answers. Findings recorded before ids existed still answer the
 * check-in of the same person, so an old round does not propose its late arrivals again.
 */
function answeredKey(f: Finding): string | undefined {
	if (f.id) return f.id;
	return f.source === 'attendance' && f.subject.type === 'staff'
		? `attendance:${f.subject.id}`
		: undefined;
}

function fromViolation(v: Violation, responsible: string): ProposedFinding | undefined {
	const common = { severity: v.severity, messageKey: v.messageKey, params: v.params };
	if (v.rule === 'ATTENDANCE') {
		if (v.messageKey === 'attendance_missing' || !v.staffId) return undefined;
		return {
			...common,
			id: `attendance:${v.staffId}`,
			subject: { type: 'staff', id: v.staffId },
			checkItem: 'punctuality',
			source: 'attendance'
		};
	}
	const subject: FindingSubject = v.windowId
		? { type: 'window', id: v.windowId }
		: v.staffId
			? { type: 'staff', id: v.staffId }
			: { type: 'department', id: v.departmentId ?? responsible };
	const detail = v.windowId ?? v.staffId ?? v.departmentId ?? v.category ?? '';
	return {
		...common,
		id: `rule:${v.messageKey}:${detail}`,
		subject,
		checkItem: windowRules.has(v.rule) ? 'windows' : 'discipline',
		source: 'rule'
	};
}

/** One department's line in the monthly summary. */
export interface DepartmentSummary {
	departmentId: string;
	/** Confirmed and corrected findings: what the round held against the department. */
	findings: number;
	corrected: number;
	/** Confirmed but not yet corrected. */
	open: number;
	/** Still waiting for a person to confirm or dismiss. */
	proposed: number;
	dismissed: number;
	commendations: number;
	byCheckItem: Record<CheckItem, number>;
}

export interface MonthlySummary {
	month: string;
	inspections: number;
	departments: DepartmentSummary[];
}

export interface SummaryOrganisation {
	departments: Pick<Department, 'id' | 'sortOrder'>[];
	staff: Pick<Staff, 'id' | 'departmentId'>[];
	windows: Pick<ServiceWindow, 'id' | 'departmentId'>[];
	/** Where findings on shared windows (no department of their own) are counted: 政务服务科. */
	hallDepartmentId: string;
}

const emptyLine = (departmentId: string): DepartmentSummary => ({
	departmentId,
	findings: 0,
	corrected: 0,
	open: 0,
	proposed: 0,
	dismissed: 0,
	commendations: 0,
	byCheckItem: { punctuality: 0, windows: 0, attitude: 0, discipline: 0 }
});

/** The department a finding or commendation belongs to; unknown staff and windows count to the hall. */
export function departmentOf(subject: FindingSubject, org: SummaryOrganisation): string {
	switch (subject.type) {
		case 'department':
			return subject.id;
		case 'staff':
			return org.staff.find((s) => s.id === subject.id)?.departmentId ?? org.hallDepartmentId;
		case 'window':
			return org.windows.find((w) => w.id === subject.id)?.departmentId ?? org.hallDepartmentId;
	}
}

/**
 * Findings and commendations of the inspections in `month` (YYYY-MM), per department, in the
 * departments' own order; departments with nothing to report are left out.
 */
export function summariseMonth(
	inspections: readonly Pick<Inspection, 'date' | 'findings' | 'commendations'>[],
	month: string,
	org: SummaryOrganisation
): MonthlySummary {
	const inMonth = inspections.filter((i) => i.date.startsWith(`${month}-`));
	const lines = new Map<string, DepartmentSummary>();
	const line = (id: string) => {
		let l = lines.get(id);
		if (!l) lines.set(id, (l = emptyLine(id)));
		return l;
	};
	for (const inspection of inMonth) {
		for (const f of inspection.findings) {
			const l = line(departmentOf(f.subject, org));
			if (f.status === 'proposed') l.proposed++;
			else if (f.status === 'dismissed') l.dismissed++;
			else {
				l.findings++;
				l.byCheckItem[f.checkItem]++;
				if (f.status === 'corrected') l.corrected++;
				else l.open++;
			}
		}
		for (const c of inspection.commendations) line(departmentOf(c.subject, org)).commendations++;
	}
	const order = new Map(org.departments.map((d) => [d.id, d.sortOrder]));
	const rank = (id: string) => order.get(id) ?? Number.MAX_SAFE_INTEGER;
	return {
		month,
		inspections: inMonth.length,
		departments: [...lines.values()].sort(
			(a, b) =>
				rank(a.departmentId) - rank(b.departmentId) || a.departmentId.localeCompare(b.departmentId)
		)
	};
}
