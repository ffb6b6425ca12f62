/**
 * The monthly 不打烊 / 延时 report (issue 19): notes on a draft, sending it to the district with
 * the figures as they stood (a frozen copy, every version kept), and reopening a sent month for
 * correction. The figures are worked out on the device from its own records
 * (domain/monthly-report.ts); the server checks their shape and keeps them as sent, since a
 * report is what the hall told the district, not what the records say later.
 */
import { z } from 'zod';
import { isoMonth, monthlyReportId, reportFigures, type MonthlyReport } from '$lib/schemas';
import { hallDate } from '$lib/domain/hall-clock';
import { defineMutator, reject, type MutationContext } from '../mutator';
import type { MutationTx } from '../records';

const notes = z.string().trim().max(2000);

/** A month is reported once it has ended: the current month is still running. */
const ended = (month: string, now: string) => month < hallDate(now).slice(0, 7);

async function current(
	tx: MutationTx<'monthlyReport'>,
	month: string,
	ctx: MutationContext
): Promise<MonthlyReport> {
	const row = await tx.get('monthlyReport', monthlyReportId(ctx.centreId, month));
	return (
		row ?? {
			id: monthlyReportId(ctx.centreId, month),
			centreId: ctx.centreId,
			v: 1,
			month,
			status: 'draft',
			notes: '',
			versions: [],
			updatedAt: ctx.now
		}
	);
}

export const monthlyReportNote = defineMutator({
	name: 'monthlyReport.note',
	args: z.object({ month: isoMonth, notes }),
	roles: ['admin', 'manager'],
	stores: ['monthlyReport'],
	async apply(tx, args, ctx) {
		const report = await current(tx, args.month, ctx);
		// A sent report is what the district holds; its notes change only after a reopen.
		if (report.status === 'sent') return reject('CONFLICT', 'error_report_sent');
		await tx.put('monthlyReport', { ...report, notes: args.notes, updatedAt: ctx.now });
	}
});

export const monthlyReportSend = defineMutator({
	name: 'monthlyReport.send',
	args: z
		.object({ month: isoMonth, notes, figures: reportFigures })
		.refine((a) => a.figures.month === a.month, {
			message: 'figures of another month',
			path: ['figures']
		}),
	roles: ['admin', 'manager'],
	stores: ['monthlyReport'],
	async apply(tx, args, ctx) {
		if (!ended(args.month, ctx.now)) {
			return reject('INVALID', 'error_report_month_open', { month: args.month });
		}
		const report = await current(tx, args.month, ctx);
		// Two tablets sending the same month: the second finds it sent and must reopen first.
		if (report.status === 'sent') return reject('CONFLICT', 'error_report_sent');
		const version = {
			version: report.versions.length + 1,
			sentAt: ctx.now,
			sentBy: ctx.userId,
			notes: args.notes,
			figures: args.figures
		};
		await tx.put('monthlyReport', {
			...report,
			status: 'sent',
			notes: args.notes,
			versions: [...report.versions, version],
			updatedAt: ctx.now
		});
	}
});

export const monthlyReportReopen = defineMutator({
	name: 'monthlyReport.reopen',
	args: z.object({ month: isoMonth }),
	roles: ['admin', 'manager'],
	stores: ['monthlyReport'],
	async apply(tx, args, ctx) {
		const report = await tx.get('monthlyReport', monthlyReportId(ctx.centreId, args.month));
		if (!report) return reject('NOT_FOUND', 'error_report_missing');
		if (report.status !== 'sent') return reject('CONFLICT', 'error_report_not_sent');
		// The sent versions stay: a correction is a new version, never an edit of an old one.
		await tx.put('monthlyReport', {
			...report,
			status: 'draft',
			reopenedAt: ctx.now,
			reopenedBy: ctx.userId,
			updatedAt: ctx.now
		});
	}
});
