import { z } from 'zod';
import { id, instant, isoDate, recordBase } from './common';
import { defineEntity } from './entity';
import { keyName } from './plain';

export const findingSubject = z.object({
	type: z.enum(['staff', 'window', 'department']),
	id
});

export const findingStatus = z.enum(['proposed', 'confirmed', 'dismissed', 'corrected']);
export type FindingStatus = z.infer<typeof findingStatus>;

export const checkItems = ['punctuality', 'windows', 'attitude', 'discipline'] as const;
export const checkItem = z.enum(checkItems);
export type CheckItem = z.infer<typeof checkItem>;

export const findingSchema = z.object({
	/**
	 * Names the finding inside its inspection, so two tablets that change different findings of
	 * one round never hit the wrong one. Findings proposed from a check-in or a rule carry a key
	 * derived from their source (attendance:<staffId>), so confirming one twice stays one finding.
	 * Optional because rounds recorded before ids existed have none.
	 */
	id: id.optional(),
	subject: findingSubject,
	/** staff on time, windows open as planned, service attitude, discipline */
	checkItem,
	text: z.string().min(1).max(500),
	correction: z.string().max(500),
	proposal: z.string().max(500),
	status: findingStatus,
	source: z.enum(['manual', 'attendance', 'rule'])
});

export const inspectionSchema = z.object({
	...recordBase,
	v: z.literal(1),
	date: isoDate,
	inspectorId: id,
	startedAt: instant,
	checklist: z.record(keyName(64), z.enum(['ok', 'issue', 'unchecked'])),
	findings: z.array(findingSchema),
	commendations: z.array(z.object({ subject: findingSubject, reason: z.string().min(1).max(500) }))
});
export type Inspection = z.infer<typeof inspectionSchema>;
export type Finding = z.infer<typeof findingSchema>;
export type FindingSubject = z.infer<typeof findingSubject>;
export const inspection = defineEntity('inspection', 1, inspectionSchema);
