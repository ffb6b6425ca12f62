export * from './common';
export * from './plain';
export * from './entity';
export * from './centre';
export * from './department';
export * from './staff';
export * from './task-force';
export * from './window';
export * from './service-item';
export * from './day-plan';
export * from './attendance';
export * from './extended-service';
export * from './appointment';
export * from './volume';
export * from './inspection';
export * from './case';
export * from './evaluation';
export * from './overtime';
export * from './monthly-report';
export * from './district';
export * from './rule-set';
export * from './result';
export * from './sync';
export * from './role';
export * from './api';
export * from './reveal';
export * from './message-key';

import type { z } from 'zod';
import { parseRecord, safeParseRecord, type Entity } from './entity';
import { centre } from './centre';
import { department } from './department';
import { staff } from './staff';
import { taskForceMember } from './task-force';
import { serviceWindow } from './window';
import { serviceItem } from './service-item';
import { dayPlan } from './day-plan';
import { attendance } from './attendance';
import { extendedService } from './extended-service';
import { appointment, slot } from './appointment';
import { volumeEntry } from './volume';
import { inspection } from './inspection';
import { caseRecord } from './case';
import { evaluationRecord } from './evaluation';
import { overtimeApproval, timeOff } from './overtime';
import { monthlyReport } from './monthly-report';
import { ruleSet } from './rule-set';

/** Every entity that syncs, by the name used in the change log and in IndexedDB. */
export const entities = {
	centre,
	department,
	staff,
	taskForceMember,
	window: serviceWindow,
	serviceItem,
	dayPlan,
	attendance,
	extendedService,
	slot,
	appointment,
	volume: volumeEntry,
	inspection,
	ruleSet,
	case: caseRecord,
	evaluation: evaluationRecord,
	overtimeApproval,
	timeOff,
	monthlyReport
} as const;
export type EntityName = keyof typeof entities;
export const entityNames = Object.keys(entities) as EntityName[];

/**
 * The version of the data a build reads, announced on every sync request: the sum of every
 * entity's version, so it grows with each new entity and each new version of one, and nobody has
 * to remember to raise it.
 */
export const SCHEMA_VERSION = entityNames.reduce((sum, name) => sum + entities[name].version, 0);

/** Upgrades and validates a row of any entity, for code that handles many entities at once. */
export function parseEntityRow(entity: EntityName, raw: unknown): Record<string, unknown> {
	return parseRecord(entities[entity] as Entity<z.ZodType>, raw) as Record<string, unknown>;
}

export function safeParseEntityRow(
	entity: EntityName,
	raw: unknown
): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
	return safeParseRecord(entities[entity] as Entity<z.ZodType>, raw) as
		{ ok: true; value: Record<string, unknown> } | { ok: false; error: string };
}
export * from './people';
