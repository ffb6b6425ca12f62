/**
 * Window rules: R1 (comprehensive windows per category), R2 (one person per comprehensive
 * window), R3 (public service windows staffed), R4 (consultation, fee and certificate desks),
 * and the plan errors behind them (a person at two windows at once, unknown windows or staff).
 */
import type { PlannedWindow, WindowKind } from '$lib/schemas';
import { own } from './keyed';
import { distinct, type Lookup, type Violation } from './rule-context';
import type { RuleMessageKey } from './rule-messages';

const DESKS: { kind: WindowKind; missing: RuleMessageKey }[] = [
	{ kind: 'consultation', missing: 'rule_r4_missing_consultation' },
	{ kind: 'fee', missing: 'rule_r4_missing_fee' },
	{ kind: 'certificate', missing: 'rule_r4_missing_certificate' }
];

/** R1: enough comprehensive windows open per category. */
export function checkR1(l: Lookup): Violation[] {
	const categories = new Set(
		l.context.windows
			.filter((w) => w.kind === 'comprehensive' && !w.retired && w.category)
			.map((w) => w.category!)
	);
	// A category the centre raised explicitly is checked even before it has windows.
	for (const [c, min] of Object.entries(l.ruleSet.categoryMinimum)) if (min > 0) categories.add(c);
	return [...categories].sort().flatMap((category) => {
		const minimum =
			own(l.ruleSet.categoryMinimum, category) ?? l.ruleSet.minComprehensivePerCategory;
		const open = l.open.filter(
			(o) => o.window.kind === 'comprehensive' && o.window.category === category
		).length;
		if (open >= minimum) return [];
		return [
			{
				rule: 'R1',
				severity: 'error',
				messageKey: 'rule_r1_too_few',
				params: { category, open, minimum },
				category
			}
		];
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

/** R3: at least the set number of staff at each public service window. */
export function checkR3(l: Lookup): Violation[] {
	const minimum = l.ruleSet.minPublicServiceStaff;
	return l.open
		.filter((o) => o.window.kind === 'public-service' && o.staffIds.length < minimum)
		.map((o) => ({
			rule: 'R3',
			severity: 'error',
			messageKey: 'rule_r3_too_few',
			params: { window: o.window.code, staffCount: o.staffIds.length, minimum },
			windowId: o.window.id
		}));
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
