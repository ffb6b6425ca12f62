/**
 * Window rules: R1 (comprehensive windows per category), R2 (one person per comprehensive
 * window), R3 (public service windows staffed), R4 (consultation, fee and certificate desks),
 * and the plan errors behind them (a person at two windows at once, unknown windows or staff).
 */
import type { PlannedWindow, Session, WindowKind } from '$lib/schemas';
import { hallInstant } from './hall-clock';
import { own } from './keyed';
import { distinct, type Lookup, type Violation } from './rule-context';
import type { RuleMessageKey } from './rule-messages';

const DESKS: { kind: WindowKind; missing: RuleMessageKey }[] = [
	{ kind: 'consultation', missing: 'rule_r4_missing_consultation' },
	{ kind: 'fee', missing: 'rule_r4_missing_fee' },
	{ kind: 'certificate', missing: 'rule_r4_missing_certificate' }
];

/**
 * Whether a planned window was open at some moment of a session of its day. With an opening log
 * (window.setOpen records each tap), the window counts for every session its open spells touch,
 * so a window closed at 16:30 once the queue is empty still served the afternoon. A plan saved
 * before the log existed has only `open`, which then holds for the whole day.
 */
export function openDuring(pw: PlannedWindow, date: string, s: Session): boolean {
	if (!pw.sessions.some((own) => own.start < s.end && s.start < own.end)) return false;
	const log = pw.log ?? [];
	if (log.length === 0) return pw.open;
	const from = Date.parse(hallInstant(date, s.start));
	const to = Date.parse(hallInstant(date, s.end));
	// Before its first tap a planned window was open; one added on the day was not.
	let open = !pw.unplanned;
	let since = -Infinity;
	for (const e of [...log].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
		const at = Date.parse(e.at);
		if (open && !e.open && since < to && at > from) return true;
		if (e.open && !open) since = at;
		open = e.open;
	}
	return open && since < to;
}

/** The day's sessions (morning, afternoon, extended) as the plan's windows have them. */
function planSessions(windows: readonly PlannedWindow[]): Session[] {
	const seen = new Map<string, Session>();
	for (const s of windows.flatMap((w) => w.sessions)) seen.set(`${s.start}-${s.end}`, s);
	return [...seen.values()].sort((a, b) => a.start.localeCompare(b.start));
}

/**
 * R1: enough comprehensive windows open per category, in each session of the day. A category
 * short in every session is one finding; one short in some sessions is named per session.
 */
export function checkR1(l: Lookup): Violation[] {
	const categories = new Set(
		l.context.windows
			.filter((w) => w.kind === 'comprehensive' && !w.retired && w.category)
			.map((w) => w.category!)
	);
	// A category the centre raised explicitly is checked even before it has windows.
	for (const [c, min] of Object.entries(l.ruleSet.categoryMinimum)) if (min > 0) categories.add(c);
	return [...categories].sort().flatMap((category): Violation[] => {
		const minimum =
			own(l.ruleSet.categoryMinimum, category) ?? l.ruleSet.minComprehensivePerCategory;
		const planned = l.plan.windows.filter((pw) => {
			const w = l.window.get(pw.windowId);
			return w && !w.retired && w.kind === 'comprehensive' && w.category === category;
		});
		const sessions = planSessions(l.plan.windows);
		const counts = (sessions.length ? sessions : [undefined]).map((s) => ({
			session: s,
			open: planned.filter((pw) => (s ? openDuring(pw, l.plan.date, s) : pw.open)).length
		}));
		const short = counts.filter((c) => c.open < minimum);
		if (short.length === 0) return [];
		const base = { rule: 'R1' as const, severity: 'error' as const, category };
		if (short.length === counts.length) {
			const open = Math.min(...short.map((c) => c.open));
			return [{ ...base, messageKey: 'rule_r1_too_few', params: { category, open, minimum } }];
		}
		return short.map((c) => ({
			...base,
			messageKey: 'rule_r1_too_few_session',
			params: { category, open: c.open, minimum, session: `${c.session!.start}–${c.session!.end}` }
		}));
	});
}

/** R2: exactly the set number of staff at each comprehensive window. */
export function checkR2(l: Lookup): Violation[] {
	const required = l.ruleSet.staffPerComprehensive;
	return l.open
		.filter((o) => o.window.kind === 'comprehensive' && o.staffIds.length !== required)
		.map((o) => ({
			rule: 'R2',
			severity: 'error',
			messageKey: 'rule_r2_wrong_staff',
			params: { window: o.window.code, staffCount: o.staffIds.length, required },
			windowId: o.window.id,
			category: o.window.category
		}));
}

/**
 * R3: at least the set number of staff at each public service window, and no public service
 * window open on the day that the plan did not have.
 */
export function checkR3(l: Lookup): Violation[] {
	const minimum = l.ruleSet.minPublicServiceStaff;
	const publicService = l.open.filter((o) => o.window.kind === 'public-service');
	return [
		...publicService
			.filter((o) => o.planned.unplanned)
			.map((o): Violation => ({
				rule: 'R3',
				severity: 'error',
				messageKey: 'rule_r3_not_planned',
				params: { window: o.window.code },
				windowId: o.window.id
			})),
		...publicService
			.filter((o) => o.staffIds.length < minimum)
			.map((o): Violation => ({
				rule: 'R3',
				severity: 'error',
				messageKey: 'rule_r3_too_few',
				params: { window: o.window.code, staffCount: o.staffIds.length, minimum },
				windowId: o.window.id
			}))
	];
}

/** R4: a consultation desk, a fee window and a certificate window, each with exactly deskStaff. */
export function checkR4(l: Lookup): Violation[] {
	const required = l.ruleSet.deskStaff;
	return DESKS.flatMap(({ kind, missing }): Violation[] => {
		const desks = l.open.filter((o) => o.window.kind === kind);
		if (desks.length === 0) {
			return required > 0
				? [{ rule: 'R4', severity: 'error', messageKey: missing, params: {} }]
				: [];
		}
		return desks
			.filter((o) => o.staffIds.length !== required)
			.map((o) => ({
				rule: 'R4',
				severity: 'error',
				messageKey: 'rule_r4_wrong_staff',
				params: { window: o.window.code, staffCount: o.staffIds.length, required },
				windowId: o.window.id
			}));
	});
}

const overlaps = (a: PlannedWindow, b: PlannedWindow) =>
	a.sessions.some((x) => b.sessions.some((y) => x.start < y.end && y.start < x.end));

/** Plan errors: a person at two windows at the same time, unknown windows or staff. */
export function checkAssignments(l: Lookup): Violation[] {
	const out: Violation[] = [];
	const planned = l.plan.windows;
	const code = (id: string) => l.window.get(id)?.code ?? id;
	for (const pw of planned) {
		const w = l.window.get(pw.windowId);
		if (!w || w.retired) {
			out.push({
				rule: 'ASSIGNMENT',
				severity: 'error',
				messageKey: 'assignment_unknown_window',
				params: { windowId: pw.windowId },
				windowId: pw.windowId
			});
		}
		for (const id of distinct(pw.staffIds)) {
			const s = l.staff.get(id);
			if (s?.active) continue;
			out.push({
				rule: 'ASSIGNMENT',
				severity: 'error',
				messageKey: 'assignment_unknown_staff',
				params: { window: code(pw.windowId), staffId: id },
				windowId: pw.windowId,
				staffId: id
			});
		}
	}
	for (let i = 0; i < planned.length; i++) {
		for (let j = i + 1; j < planned.length; j++) {
			const [a, b] = [planned[i], planned[j]];
			if (!overlaps(a, b)) continue;
			for (const id of distinct(a.staffIds).filter((s) => b.staffIds.includes(s))) {
				out.push({
					rule: 'ASSIGNMENT',
					severity: 'error',
					messageKey: 'assignment_double',
					params: {
						staff: l.staff.get(id)?.name ?? id,
						windowA: code(a.windowId),
						windowB: code(b.windowId)
					},
					windowId: b.windowId,
					staffId: id
				});
			}
		}
	}
	return out;
}

/** Supervision (督导检查): late and absent duty staff, and check-ins missing after the start. */
