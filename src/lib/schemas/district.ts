import { z } from 'zod';
import { id, instant, isoDate, isoMonth } from './common';
import { checkItem, findingStatus } from './inspection';
import { reportLine } from './monthly-report';

/** GET /api/district?month=YYYY-MM: the month whose figures the district office reads. */
export const districtQuery = z.object({ month: isoMonth });

const count = z.number().int().min(0);

/**
 * One centre of the district in one month: its monthly-report line (the same figures the centre
 * sends, domain/monthly-report.ts) and its supervision round counts. Aggregates only.
 */
export const districtCentre = z.object({
	id,
	name: z.string().max(120),
	figures: reportLine,
	/** Inspection rounds in the month; findings still waiting for a person; commendations. */
	inspections: count,
	openFindings: count,
	proposedFindings: count,
	commendations: count
});
export type DistrictCentre = z.infer<typeof districtCentre>;

/**
 * A supervision finding as the district reads it: where, when, which department and which check
 * item, and how far it got. No subject (a staff member or window), no text, correction or
 * proposal: those may name a person (docs/roles.md).
 */
export const districtFinding = z.object({
	centreId: id,
	date: isoDate,
	department: z.string().max(60),
	checkItem,
	status: findingStatus
});
export type DistrictFinding = z.infer<typeof districtFinding>;

export const districtFigures = z.object({
	month: isoMonth,
	/** When the server worked the figures out: the page shows it beside figures kept offline. */
	at: instant,
	centres: z.array(districtCentre).max(200),
	findings: z.array(districtFinding).max(20_000)
});
export type DistrictFigures = z.infer<typeof districtFigures>;
