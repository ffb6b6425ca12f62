/**
 * 限时办结: the deadline arithmetic of a case and the rates the hall reports. Pure functions of a
 * case, a date and the hall's calendar (calendar.ts, with the centre's overrides), so a device
 * and a report compute the same figures.
 *
 * Deadlines run in working days. A case accepted on a day the hall is open but that is not a
 * working day (a 不打烊 Saturday, a holiday duty day) starts counting from the next working day,
 * as if it had been accepted then. A case with 0 days (即办) is due the day it was accepted.
 */
import type { Case, CaseOutcome } from '$lib/schemas';
import {
	addDays,
	addWorkingDays,
	isWorkingDay,
	workingDaysBetween,
	type DayOverride
} from './calendar';

/** Open cases due within this many working days are listed as due soon. */
export const DUE_SOON_DAYS = 2;

type Deadline = Pick<Case, 'acceptedOn' | 'promisedDays' | 'legalDays'>;

/** The working day the count starts from: the acceptance day, or the next working day after it. */
export function countingStart(acceptedOn: string, calendar: readonly DayOverride[] = []): string {
	let d = acceptedOn;
	while (!isWorkingDay(d, calendar)) d = addDays(d, 1);
	return d;
}

/** The last day to complete a case within `days` working days. */
export function dueDate(
	acceptedOn: string,
	days: number,
	calendar: readonly DayOverride[] = []
): string {
	if (days === 0) return acceptedOn;
	return addWorkingDays(countingStart(acceptedOn, calendar), days, calendar);
}

/** The promised (承诺) due date, which the hall's lists and rates hold a case to. */
export const promisedDue = (c: Deadline, calendar: readonly DayOverride[] = []) =>
	dueDate(c.acceptedOn, c.promisedDays, calendar);

/** Working days a case has taken: up to its completion, or up to `today` while it is open. */
export function workingDaysUsed(
	c: Pick<Case, 'acceptedOn' | 'completedOn'>,
	today: string,
	calendar: readonly DayOverride[] = []
): number {
	return workingDaysBetween(
		countingStart(c.acceptedOn, calendar),
		c.completedOn ?? today,
		calendar
	);
}

/**
 * early: completed in fewer working days than promised · on-time: completed by the promised day
 * · late: completed after it · open: not due soon · due-soon: open, due within DUE_SOON_DAYS
 * working days · overdue: open past its promised day.
 */
export type CaseStatus = 'early' | 'on-time' | 'late' | 'open' | 'due-soon' | 'overdue';

export function caseStatus(
	c: Pick<Case, 'acceptedOn' | 'promisedDays' | 'legalDays' | 'completedOn'>,
	today: string,
	calendar: readonly DayOverride[] = []
): CaseStatus {
	const due = promisedDue(c, calendar);
	if (c.completedOn) {
		if (c.completedOn > due) return 'late';
		const used = workingDaysUsed(c, today, calendar);
		return used < c.promisedDays ? 'early' : 'on-time';
	}
	if (today > due) return 'overdue';
	return workingDaysBetween(today, due, calendar) <= DUE_SOON_DAYS ? 'due-soon' : 'open';
}

/** An open case with its due date and status, for the lists. */
export interface CaseDue {
	case: Case;
	due: string;
	status: CaseStatus;
	/** Working days left (open) or past the due date (overdue). */
	days: number;
}

/** Open cases that are due soon or overdue, the most urgent first. */
export function casesToWatch(
	cases: readonly Case[],
	today: string,
	calendar: readonly DayOverride[] = []
): { dueSoon: CaseDue[]; overdue: CaseDue[] } {
	const dueSoon: CaseDue[] = [];
	const overdue: CaseDue[] = [];
	for (const c of cases) {
		if (c.completedOn) continue;
		const due = promisedDue(c, calendar);
		const status = caseStatus(c, today, calendar);
		if (status === 'due-soon') {
			dueSoon.push({ case: c, due, status, days: workingDaysBetween(today, due, calendar) });
		} else if (status === 'overdue') {
			overdue.push({ case: c, due, status, days: workingDaysBetween(due, today, calendar) });
		}
	}
	const byDue = (a: CaseDue, b: CaseDue) =>
		a.due.localeCompare(b.due) || a.case.number.localeCompare(b.case.number);
	return { dueSoon: dueSoon.sort(byDue), overdue: overdue.sort(byDue) };
}

/** One line of the rates table. */
export interface CaseRates {
	key: string;
	/** Cases accepted. */
	total: number;
	/** Decided (approved or not permitted), the base of both rates. */
	decided: number;
	onTime: number;
	early: number;
	late: number;
	open: number;
	overdue: number;
	told: number;
	notAccepted: number;
	notPermitted: number;
	/** onTime / decided, early ones included; undefined when nothing was decided. */
	onTimeRate?: number;
	/** early / decided */
	earlyRate?: number;
}

const emptyRates = (key: string): CaseRates => ({
	key,
	total: 0,
	decided: 0,
	onTime: 0,
	early: 0,
	late: 0,
	open: 0,
	overdue: 0,
	told: 0,
	notAccepted: 0,
	notPermitted: 0
});

const outcomeCounter: Record<CaseOutcome, keyof CaseRates | undefined> = {
	approved: undefined,
	told: 'told',
	'not-accepted': 'notAccepted',
	'not-permitted': 'notPermitted'
};

/**
 * Rates per key (department or service item). A case decided (approved or 不予许可) counts
 * towards the rates; 一次性告知 and 不予受理 end a case without a decision on it, so they are
 * counted in their own columns and left out of both rates.
 */
export function caseRates(
	cases: readonly Case[],
	keyOf: (c: Case) => string,
	today: string,
	calendar: readonly DayOverride[] = []
): CaseRates[] {
	const rows = new Map<string, CaseRates>();
	for (const c of cases) {
		const key = keyOf(c);
		const row = rows.get(key) ?? emptyRates(key);
		rows.set(key, row);
		row.total++;
		const counter = c.outcome ? outcomeCounter[c.outcome] : undefined;
		if (counter) (row[counter] as number)++;
		const status = caseStatus(c, today, calendar);
		if (!c.completedOn) {
			if (status === 'overdue') row.overdue++;
			else row.open++;
			continue;
		}
		if (c.outcome === 'told' || c.outcome === 'not-accepted') continue;
		row.decided++;
		if (status === 'late') row.late++;
		else row.onTime++;
		if (status === 'early') row.early++;
	}
	return [...rows.values()]
		.map((r) =>
			r.decided > 0 ? { ...r, onTimeRate: r.onTime / r.decided, earlyRate: r.early / r.decided } : r
		)
		.sort((a, b) => a.key.localeCompare(b.key));
}

/** The whole centre's line, the sum of the rows. */
export function totalRates(rows: readonly CaseRates[]): CaseRates {
	const sum = emptyRates('');
	for (const r of rows) {
		for (const k of Object.keys(sum) as (keyof CaseRates)[]) {
			if (
				typeof sum[k] === 'number' &&
				typeof r[k] === 'number' &&
				k !== 'onTimeRate' &&
				k !== 'earlyRate'
			) {
				(sum[k] as number) += r[k] as number;
			}
		}
	}
	return sum.decided > 0
		? { ...sum, onTimeRate: sum.onTime / sum.decided, earlyRate: sum.early / sum.decided }
		: sum;
}
