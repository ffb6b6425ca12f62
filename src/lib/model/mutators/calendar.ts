/**
 * The hall's calendar (issue 16): a year's State Council holiday notice entered by an admin when
 * the shipped data ends, and single-day changes (working, non-working, hall closed). Both live in
 * the centre's settings, so every tablet receives them with the centre and every screen reads
 * them through `hallCalendar`.
 */
import { z } from 'zod';
import { dayChange, holidayNotice, isoDate, type Centre, type HolidayNotice } from '$lib/schemas';
import { addDays, datesBetween } from '$lib/domain/calendar';
import type { MutationTx } from '../records';
import { defineMutator, reject, type Outcome } from '../mutator';

type Settings = Centre['settings'];

/** Reads the centre, lets `change` rework its settings, and writes it back. */
async function changeSettings(
	tx: MutationTx<'centre'>,
	centreId: string,
	change: (settings: Settings) => Settings
): Promise<Outcome> {
	const centre = await tx.get('centre', centreId);
	if (!centre) return reject('NOT_FOUND', 'error_centre_missing');
	await tx.put('centre', { ...centre, settings: change(centre.settings) });
}

/**
 * What a notice may not say: a day outside its year (a week either side is allowed, for a make-up
 * day of 元旦 in late December), a day off claimed by two festivals, or a make-up working day
 * that is itself a day off.
 */
function noticeProblem(notice: HolidayNotice) {
	const first = addDays(`${notice.year}-01-01`, -7);
	const last = addDays(`${notice.year}-12-31`, 7);
	const off = new Set<string>();
	for (const f of notice.festivals) {
		for (const date of [f.from, f.to, ...f.makeUpDays]) {
			if (date < first || date > last) {
				return reject('INVALID', 'calendar_error_outside_year', { date, year: notice.year });
			}
		}
		for (const date of datesBetween(f.from, f.to)) {
			if (off.has(date)) return reject('INVALID', 'calendar_error_overlap', { date });
			off.add(date);
		}
	}
	for (const f of notice.festivals) {
		const clash = f.makeUpDays.find((d) => off.has(d));
		if (clash) return reject('INVALID', 'calendar_error_makeup_off', { date: clash });
	}
	return undefined;
}

export const calendarSetNotice = defineMutator({
	name: 'calendar.setNotice',
	args: holidayNotice,
	roles: ['admin'],
	stores: ['centre'],
	async apply(tx, notice, ctx) {
		const problem = noticeProblem(notice);
		if (problem) return problem;
		return changeSettings(tx, ctx.centreId, (s) => ({
			...s,
			holidayNotices: [...s.holidayNotices.filter((n) => n.year !== notice.year), notice].sort(
				(a, b) => a.year - b.year
			)
		}));
	}
});

export const calendarRemoveNotice = defineMutator({
	name: 'calendar.removeNotice',
	args: z.object({ year: z.number().int().min(2000).max(2100) }),
	roles: ['admin'],
	stores: ['centre'],
	async apply(tx, { year }, ctx) {
		return changeSettings(tx, ctx.centreId, (s) => ({
			...s,
			holidayNotices: s.holidayNotices.filter((n) => n.year !== year)
		}));
	}
});

export const calendarSetDay = defineMutator({
	name: 'calendar.setDay',
	args: z.object({
		date: isoDate,
		change: dayChange,
		note: z.string().trim().max(80).optional()
	}),
	roles: ['admin', 'manager'],
	stores: ['centre'],
	async apply(tx, { date, change, note }, ctx) {
		const entry = {
			date,
			working: change === 'working',
			...(change === 'closed' && { closed: true }),
			...(note && { note })
		};
		return changeSettings(tx, ctx.centreId, (s) => ({
			...s,
			dayOverrides: [...s.dayOverrides.filter((o) => o.date !== date), entry].sort((a, b) =>
				a.date.localeCompare(b.date)
			)
		}));
	}
});

export const calendarClearDay = defineMutator({
	name: 'calendar.clearDay',
	args: z.object({ date: isoDate }),
	roles: ['admin', 'manager'],
	stores: ['centre'],
	async apply(tx, { date }, ctx) {
		return changeSettings(tx, ctx.centreId, (s) => ({
			...s,
			dayOverrides: s.dayOverrides.filter((o) => o.date !== date)
		}));
	}
});
