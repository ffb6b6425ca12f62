/**
 * A day plan being edited on the roster screen. The draft is plain rune state; the rule check
 * runs on every change, and saving sends the whole plan as one `dayPlan.save` mutation.
 */
import type { DayPlan, PlannedWindow, ServiceWindow, Session, Staff } from '$lib/schemas';
import type { Row } from '$lib/local/repository';

export type PlanArgs = Omit<DayPlan, 'id' | 'centreId'>;

export function emptyPlan(date: string): PlanArgs {
	return {
		v: 1,
		date,
		windows: [],
		operationsDutyIds: [],
		appointmentContacts: [],
		onCallIds: [],
		realEstateReview: [],
		arrangements: [],
		extendedSessions: [],
		notes: ''
	};
}

export function planArgs(plan: Row<'dayPlan'>): PlanArgs {
	const { id: _id, centreId: _centre, pending: _pending, ...rest } = plan;
	return structuredClone($state.snapshot(rest) as PlanArgs);
}

export class PlanDraft {
	plan = $state<PlanArgs>(emptyPlan(''));
	dirty = $state(false);
	/** The saved plan this edit started from (null for a new day), sent for conflict checks. */
	basedOn: PlanArgs | null;

	constructor(
		source: PlanArgs,
		private readonly sessions: Session[],
		existing: boolean
	) {
		this.plan = structuredClone(source);
		this.basedOn = existing ? structuredClone(source) : null;
	}

	/** The arguments of `dayPlan.save`. */
	args() {
		return { ...$state.snapshot(this.plan), basedOn: this.basedOn };
	}

	/** Starts from another day's plan, moved to this date; check-in-day facts are not copied. */
	copyFrom(other: PlanArgs) {
		this.plan = {
			...structuredClone(other),
			date: this.plan.date,
			windows: other.windows.map((w) => ({ ...w, open: true })),
			extendedSessions: [],
			notes: other.notes
		};
		this.dirty = true;
	}

	planned(windowId: string): PlannedWindow | undefined {
		return this.plan.windows.find((w) => w.windowId === windowId);
	}

	toggleWindow(windowId: string) {
		if (this.planned(windowId)) {
			this.plan.windows = this.plan.windows.filter((w) => w.windowId !== windowId);
		} else {
			this.plan.windows = [
				...this.plan.windows,
				{ windowId, staffIds: [], sessions: this.sessions.map((s) => ({ ...s })), open: true }
			];
		}
		this.dirty = true;
	}

	setStaff(windowId: string, slot: number, staffId: string) {
		const w = this.planned(windowId);
		if (!w) return;
		const ids = [...w.staffIds];
		if (staffId) ids[slot] = staffId;
		else ids.splice(slot, 1);
		w.staffIds = ids.filter(Boolean);
		this.dirty = true;
	}

	toggleIn(list: 'operationsDutyIds' | 'onCallIds', staffId: string) {
		const ids = this.plan[list];
		this.plan[list] = ids.includes(staffId) ? ids.filter((i) => i !== staffId) : [...ids, staffId];
		this.dirty = true;
	}

	setContact(departmentId: string, staffId: string, from: string) {
		const others = this.plan.appointmentContacts.filter((c) => c.departmentId !== departmentId);
		this.plan.appointmentContacts = staffId ? [...others, { departmentId, staffId, from }] : others;
		this.dirty = true;
	}

	setArrangement(departmentId: string, text: string, filedAt: string) {
		const others = this.plan.arrangements.filter((a) => a.departmentId !== departmentId);
		this.plan.arrangements = text.trim()
			? [...others, { departmentId, text: text.trim(), filedAt }]
			: others;
		this.dirty = true;
	}

	setReview(staffId: string, arrangedBy: string) {
		const others = this.plan.realEstateReview.filter((r) => r.staffId !== staffId);
		this.plan.realEstateReview = arrangedBy ? [...others, { staffId, arrangedBy }] : others;
		this.dirty = true;
	}

	/**
	 * Opens `counts[category][session start]` windows of each category in each session, the
	 * lowest window codes first, and closes the rest of that category's windows. A window that
	 * comes open gets an unassigned active person of its own department, or, for a window the hall
	 * runs for several sections, of a section that runs no window; without one it stays empty
	 * and the rule check (R2) says so.
	 */
	applyWindowCounts(
		counts: Record<string, Record<string, number>>,
		windows: readonly ServiceWindow[],
		staff: readonly Staff[]
	) {
		// Plain arrays: working lists of this call, not state anything renders.
		const assigned = this.plan.windows.flatMap((w) => w.staffIds);
		const runsWindows = windows.map((w) => w.departmentId).filter(Boolean);
		const pick = (w: ServiceWindow) => {
			const free = staff.filter((s) => s.active && !assigned.includes(s.id));
			const person =
				free.find((s) => s.departmentId === w.departmentId) ??
				(w.departmentId ? undefined : free.find((s) => !runsWindows.includes(s.departmentId)));
			if (person) assigned.push(person.id);
			return person ? [person.id] : [];
		};
		let next = this.plan.windows;
		for (const [category, bySession] of Object.entries(counts)) {
			const mine = windows
				.filter((w) => w.category === category && !w.retired)
				.sort((a, b) => a.code.localeCompare(b.code));
			mine.forEach((w, k) => {
				const sessions = this.sessions.filter((s) => k < (bySession[s.start] ?? 0));
				const current = next.find((p) => p.windowId === w.id);
				if (sessions.length === 0) {
					next = next.filter((p) => p.windowId !== w.id);
					return;
				}
				const planned = {
					windowId: w.id,
					staffIds: current?.staffIds.length ? current.staffIds : pick(w),
					sessions: sessions.map((s) => ({ ...s })),
					open: true
				};
				next = current ? next.map((p) => (p.windowId === w.id ? planned : p)) : [...next, planned];
			});
		}
		this.plan.windows = next;
		this.dirty = true;
	}

	set<K extends 'dutyLeadId' | 'notes'>(key: K, value: PlanArgs[K]) {
		this.plan[key] = value;
		this.dirty = true;
	}
}
