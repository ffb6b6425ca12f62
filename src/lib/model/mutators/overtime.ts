/**
 * 加班 approval and 调休补休, kept by managers. An approval fixes a person's month at the figure
 * the hall's own records give (src/lib/domain/overtime.ts): the server works the month out again
 * from its day plans, check-ins and extended-service spells and refuses a figure that no longer
 * matches, so nobody approves hours the records do not hold. Time off is taken on a working day
 * and never beyond the approved balance.
 */
import { z } from 'zod';
import {
	approverName,
	dayPlanId,
	id,
	isoDate,
	isoMonth,
	overtimeApprovalId,
	timeOffHours,
	timeOffId
} from '$lib/schemas';
import { dayKind, hallCalendar } from '$lib/domain/calendar';
import { hallDate } from '$lib/domain/hall-clock';
import {
	accrual,
	accruedMinutes,
	balance,
	monthDates,
	type DayRecords
} from '$lib/domain/overtime';
import type { MutationTx } from '../records';
import { defineMutator, reject } from '../mutator';

const keepers = ['admin', 'manager'] as const;

/** Hours as people read them: 5.5, never 5.499999. */
const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

async function liveStaff(tx: MutationTx<'staff'>, staffId: string) {
	const s = await tx.get('staff', staffId);
	return s && s.active ? s : undefined;
}

/** The month's records of one person, as the accrual reads them. */
async function monthRecords(
	tx: MutationTx<'dayPlan' | 'attendance' | 'extendedService'>,
	centreId: string,
	month: string,
	staffId: string,
	today: string
): Promise<DayRecords[]> {
	const days: DayRecords[] = [];
	for (const date of monthDates(month)) {
		if (date > today) break;
		const [plan, attendance, extended] = await Promise.all([
			tx.get('dayPlan', dayPlanId(centreId, date)),
			tx.list('attendance', { date, staffId }),
			tx.list('extendedService', { date })
		]);
		days.push({ date, plan, attendance, extended });
	}
	return days;
}

export const overtimeApprove = defineMutator({
	name: 'overtime.approve',
	args: z.object({
		staffId: id,
		month: isoMonth,
		/** The accrual the manager saw, in minutes. */
		minutes: z
			.number()
			.int()
			.min(0)
			.max(31 * 24 * 60),
		approverName
	}),
	roles: keepers,
	stores: ['centre', 'staff', 'dayPlan', 'attendance', 'extendedService', 'overtimeApproval'],
	async apply(tx, args, ctx) {
		const today = hallDate(ctx.now);
		if (args.month > today.slice(0, 7)) {
			return reject('INVALID', 'error_overtime_future_month', { month: args.month });
		}
		if (!(await tx.get('staff', args.staffId))) return reject('NOT_FOUND', 'error_staff_missing');
		const centre = await tx.get('centre', ctx.centreId);
		const days = await monthRecords(tx, ctx.centreId, args.month, args.staffId, today);
		const minutes = accruedMinutes(
			accrual(days, centre?.settings, hallCalendar(centre?.settings)),
			args.staffId
		);
		// A check-in or a spell recorded since the manager looked changes the month: they see it first.
		if (minutes !== args.minutes) {
			return reject('CONFLICT', 'error_overtime_changed', {
				month: args.month,
				hours: hoursOf(minutes)
			});
		}
		await tx.put('overtimeApproval', {
			id: overtimeApprovalId(args.month, args.staffId),
			centreId: ctx.centreId,
			v: 1,
			staffId: args.staffId,
			month: args.month,
			minutes,
			approvedBy: ctx.userId,
			approvedByName: args.approverName,
			approvedAt: ctx.now
		});
	}
});

export const timeOffRecord = defineMutator({
	name: 'timeOff.record',
	args: z.object({
		staffId: id,
		date: isoDate,
		hours: timeOffHours,
		reason: z.string().trim().min(1).max(200),
		requestedBy: id,
		approverName
	}),
	roles: keepers,
	stores: ['centre', 'staff', 'overtimeApproval', 'timeOff'],
	async apply(tx, args, ctx) {
		if (!(await liveStaff(tx, args.staffId)) || !(await tx.get('staff', args.requestedBy))) {
			return reject('NOT_FOUND', 'error_staff_missing');
		}
		const centre = await tx.get('centre', ctx.centreId);
		const kind = dayKind(args.date, hallCalendar(centre?.settings));
		// Time off is a working day not worked; a weekend or holiday is off already.
		if (!kind.working || kind.closed) {
			return reject('INVALID', 'error_time_off_not_working', { date: args.date });
		}
		const id = timeOffId(args.date, args.staffId);
		const [approvals, taken] = await Promise.all([
			tx.list('overtimeApproval', { staffId: args.staffId }),
			tx.list('timeOff', { staffId: args.staffId })
		]);
		// A correction of the day's entry gives its own hours back first.
		const left = balance(
			args.staffId,
			approvals,
			taken.filter((t) => t.id !== id)
		).balance;
		if (args.hours * 60 > left) {
			return reject('INVALID', 'error_time_off_over_balance', { hours: hoursOf(left) });
		}
		const { approverName: name, ...entry } = args;
		await tx.put('timeOff', {
			...entry,
			id,
			centreId: ctx.centreId,
			v: 1,
			approvedBy: ctx.userId,
			approvedByName: name,
			recordedAt: ctx.now
		});
	}
});

/** An entry made in error is taken back; its hours return to the balance. */
export const timeOffRemove = defineMutator({
	name: 'timeOff.remove',
	args: z.object({ staffId: id, date: isoDate }),
	roles: keepers,
	stores: ['timeOff'],
	async apply(tx, args) {
		const id = timeOffId(args.date, args.staffId);
		if (!(await tx.get('timeOff', id))) return reject('NOT_FOUND', 'error_time_off_missing');
		await tx.del('timeOff', id);
	}
});
