import { z } from 'zod';
import { id, instant, isoMonth, recordBase } from './common';
import { defineEntity } from './entity';

const count = z.number().int().min(0);
/** A share between 0 and 1; null when nothing was there to share. */
const rate = z.number().min(0).max(1).nullable();

/**
 * One line of the monthly 不打烊 / 延时 report: the whole centre, or one department. Counts only,
 * so a line sent years ago still reads the same whatever the formulas become.
 */
export const reportLine = z.object({
	/** Non-working days (by the hall calendar) the hall opened: 不打烊 days. */
	daysOpen: count,
	/** Window-days planned on those days. */
	windowDays: count,
	/** Staff-days checked in (on time or late) on those days. */
	staffDays: count,
	/** People received at the windows: accepted, consulted or refused. */
	received: count,
	/** Consultations over every channel. */
	consulted: count,
	/** 办件 accepted in the month, completed in the month, and past their promised deadline. */
	casesAccepted: count,
	casesCompleted: count,
	casesPastDeadline: count,
	appointments: count,
	noShows: count,
	noShowRate: rate,
	/** 延时服务 spells, their minutes and the people served in them. */
	extendedSessions: count,
	extendedMinutes: count,
	extendedServed: count,
	/** 一次办成: matters completed in one visit, of those completed (volume counters). */
	completed: count,
	oneVisit: count,
	oneVisitRate: rate,
	/** Supervision findings held against the line (confirmed or corrected), and those corrected. */
	findings: count,
	corrected: count
});
export type ReportLine = z.infer<typeof reportLine>;

export const reportFigures = z.object({
	month: isoMonth,
	centre: reportLine,
	departments: z.array(reportLine.extend({ departmentId: id, name: z.string().max(60) })).max(200)
});
export type ReportFigures = z.infer<typeof reportFigures>;

/** One sent version, kept as it was sent: a reopened month is corrected by sending again. */
export const sentReport = z.object({
	version: z.number().int().min(1),
	sentAt: instant,
	sentBy: id,
	notes: z.string().max(2000),
	figures: reportFigures
});
export type SentReport = z.infer<typeof sentReport>;

export const reportStatuses = ['draft', 'sent'] as const;

/**
 * The monthly 不打烊 / 延时 report a centre sends to the district: 草稿 until sent (已报送), then
 * frozen; a manager may reopen it for correction and send it again, and every sent version stays.
 */
export const monthlyReportSchema = z.object({
	...recordBase,
	v: z.literal(1),
	month: isoMonth,
	status: z.enum(reportStatuses),
	notes: z.string().max(2000),
	versions: z.array(sentReport).max(100),
	reopenedAt: instant.optional(),
	reopenedBy: id.optional(),
	updatedAt: instant
});
export type MonthlyReport = z.infer<typeof monthlyReportSchema>;
export const monthlyReport = defineEntity('monthlyReport', 1, monthlyReportSchema);

/** One report per centre and month, so two tablets writing the same month meet on one row. */
export const monthlyReportId = (centreId: string, month: string) => `${centreId}:report:${month}`;
