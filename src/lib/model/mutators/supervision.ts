/**
 * 督导检查 and the list of services (事项清单): the mutations of 政务服务科 and the task-force office.
 * An inspection round is one record; findings and commendations are added to it one by one and
 * named by id, so two tablets working on the same round add up instead of overwriting each other.
 */
import { z } from 'zod';
import {
	checkItem,
	findingSchema,
	findingStatus,
	findingSubject,
	id,
	isoDate,
	type FindingSubject
} from '$lib/schemas';
import { canMove, findFinding } from '$lib/domain/supervision';
import { defineMutator, reject } from '../mutator';
import type { MutationTx } from '../records';

const managers = ['admin', 'manager'] as const;
/** The duty lead may note what they see; confirming and deciding stays with the managers. */
const recorders = ['admin', 'manager', 'duty'] as const;

const text = (max: number) => z.string().trim().max(max);

async function subjectExists(
	tx: MutationTx<'staff' | 'window' | 'department'>,
	subject: FindingSubject
): Promise<boolean> {
	const entity =
		subject.type === 'staff' ? 'staff' : subject.type === 'window' ? 'window' : 'department';
	return !!(await tx.get(entity, subject.id));
}

export const inspectionStart = defineMutator({
	name: 'inspection.start',
	args: z.object({ id, date: isoDate, inspectorId: id }),
	roles: managers,
	stores: ['inspection', 'staff'],
	async apply(tx, args, ctx) {
		if (await tx.get('inspection', args.id)) return reject('DUPLICATE', 'error_inspection_exists');
		if (!(await tx.get('staff', args.inspectorId)))
			return reject('NOT_FOUND', 'error_staff_missing');
		await tx.put('inspection', {
			id: args.id,
			centreId: ctx.centreId,
			v: 1,
			date: args.date,
			inspectorId: args.inspectorId,
			startedAt: ctx.now,
			checklist: {
				punctuality: 'unchecked',
				windows: 'unchecked',
				attitude: 'unchecked',
				discipline: 'unchecked'
			},
			findings: [],
			commendations: []
		});
	}
});

export const inspectionCheck = defineMutator({
	name: 'inspection.check',
	args: z.object({
		inspectionId: id,
		item: checkItem,
		result: z.enum(['ok', 'issue', 'unchecked'])
	}),
	roles: recorders,
	stores: ['inspection'],
	async apply(tx, args) {
		const round = await tx.get('inspection', args.inspectionId);
		if (!round) return reject('NOT_FOUND', 'error_inspection_missing');
		await tx.put('inspection', {
			...round,
			checklist: { ...round.checklist, [args.item]: args.result }
		});
	}
});

export const inspectionAddFinding = defineMutator({
	name: 'inspection.addFinding',
	args: z.object({
		inspectionId: id,
		finding: findingSchema.extend({
			id,
			text: text(500).min(1),
			correction: text(500),
			proposal: text(500)
		})
	}),
	roles: recorders,
	stores: ['inspection', 'staff', 'window', 'department'],
	async apply(tx, { inspectionId, finding }, ctx) {
		const round = await tx.get('inspection', inspectionId);
		if (!round) return reject('NOT_FOUND', 'error_inspection_missing');
		if (ctx.role === 'duty' && finding.status !== 'proposed') {
			return reject('FORBIDDEN', 'error_finding_needs_manager');
		}
		if (finding.status === 'corrected' && !finding.correction) {
			return reject('INVALID', 'error_finding_needs_correction');
		}
		const existing = round.findings.find((f) => f.id === finding.id);
		if (existing) {
			// Two tablets answering the same proposal alike is one answer; differently, a conflict.
			if (existing.status === finding.status) return;
			return reject('CONFLICT', 'error_finding_exists', undefined, {
				current: existing.status,
				yours: finding.status
			});
		}
		if (!(await subjectExists(tx, finding.subject))) {
			return reject('NOT_FOUND', 'error_subject_missing');
		}
		await tx.put('inspection', { ...round, findings: [...round.findings, finding] });
	}
});

export const inspectionSetFindingStatus = defineMutator({
	name: 'inspection.setFindingStatus',
	args: z.object({
		inspectionId: id,
		findingId: id,
		status: findingStatus,
		correction: text(500).optional(),
		proposal: text(500).optional()
	}),
	roles: managers,
	stores: ['inspection'],
	async apply(tx, args) {
		const round = await tx.get('inspection', args.inspectionId);
		if (!round) return reject('NOT_FOUND', 'error_inspection_missing');
		const hit = findFinding(round.findings, args.findingId);
		if (!hit) return reject('NOT_FOUND', 'error_finding_missing');
		const { finding, index } = hit;
		// The same status again only updates the texts (correction made, handling proposal).
		if (finding.status !== args.status && !canMove(finding.status, args.status)) {
			return reject('CONFLICT', 'error_finding_transition', {
				from: finding.status,
				to: args.status
			});
		}
		const next = {
			...finding,
			status: args.status,
			correction: args.correction ?? finding.correction,
			proposal: args.proposal ?? finding.proposal
		};
		if (next.status === 'corrected' && !next.correction) {
			return reject('INVALID', 'error_finding_needs_correction');
		}
		const findings = round.findings.map((f, i) => (i === index ? next : f));
		await tx.put('inspection', { ...round, findings });
	}
});

export const inspectionCommend = defineMutator({
	name: 'inspection.commend',
	args: z.object({
		inspectionId: id,
		subject: findingSubject,
		reason: text(500).min(1)
	}),
	roles: managers,
	stores: ['inspection', 'staff', 'window', 'department'],
	async apply(tx, args) {
		const round = await tx.get('inspection', args.inspectionId);
		if (!round) return reject('NOT_FOUND', 'error_inspection_missing');
		if (!(await subjectExists(tx, args.subject))) {
			return reject('NOT_FOUND', 'error_subject_missing');
		}
		await tx.put('inspection', {
			...round,
			commendations: [...round.commendations, { subject: args.subject, reason: args.reason }]
		});
	}
});

/**
 * Retires a service from the list (or brings it back) without resending the whole item, so an
 * edit made on another tablet meanwhile is kept. The date of the change feeds "last updated".
 */
export const serviceItemRetire = defineMutator({
	name: 'serviceItem.retire',
	args: z.object({ id, retired: z.boolean() }),
	roles: managers,
	stores: ['serviceItem'],
	async apply(tx, args, ctx) {
		const item = await tx.get('serviceItem', args.id);
		if (!item) return reject('NOT_FOUND', 'error_service_item_missing');
		await tx.put('serviceItem', { ...item, retired: args.retired, updatedAt: ctx.now });
	}
});
