import { z } from 'zod';
import { id, instant, isoDate, recordBase } from './common';
import { defineEntity } from './entity';

export const findingSubject = z.object({
	type: z.enum(['staff', 'window', 'department']),
	id
});

export const findingSchema = z.object({
	subject: findingSubject,
	/** staff on time, windows open as planned, service attitude, discipline */
	checkItem: z.enum(['punctuality', 'windows', 'attitude', 'discipline']),
	text: z.string().min(1).max(500),
	correction: z.string().max(500),
	proposal: z.string().max(500),
	status: z.enum(['proposed', 'confirmed', 'dismissed', 'corrected']),
	source: z.enum(['manual', 'attendance', 'rule'])
});

export const inspectionSchema = z.object({
	...recordBase,
	v: z.literal(1),
	date: isoDate,
	inspectorId: id,
	startedAt: instant,
	checklist: z.record(z.string(), z.enum(['ok', 'issue', 'unchecked'])),
	findings: z.array(findingSchema),
	commendations: z.array(z.object({ subject: findingSubject, reason: z.string().min(1).max(500) }))
});
export type Inspection = z.infer<typeof inspectionSchema>;
export const inspection = defineEntity('inspection', 1, inspectionSchema);
