import { describe, expect, it } from 'vitest';
import { entityNames } from '$lib/schemas';
import { MemoryTx } from './memory-tx';
import { applyDeclared, defineMutator } from './mutator';
import { UndeclaredStoreError } from './records';
import { callers, mutatorNamed, mutators, registry } from './registry';

/** Every wire name as the server and stored outboxes know it; a rename here strands queued work. */
const wireNames = [
	'appointment.book',
	'appointment.reschedule',
	'appointment.reveal',
	'appointment.setStatus',
	'attendance.record',
	'calendar.clearDay',
	'calendar.removeNotice',
	'calendar.setDay',
	'calendar.setNotice',
	'case.complete',
	'case.import',
	'case.record',
	'centre.update',
	'dayPlan.save',
	'department.setContact',
	'department.setHead',
	'department.upsert',
	'duty.extendedService',
	'duty.note',
	'evaluation.followUp',
	'evaluation.import',
	'evaluation.record',
	'extendedService.log',
	'inspection.addFinding',
	'inspection.check',
	'inspection.commend',
	'inspection.setFindingStatus',
	'inspection.start',
	'monthlyReport.note',
	'monthlyReport.reopen',
	'monthlyReport.send',
	'overtime.approve',
	'ruleSet.update',
	'serviceItem.retire',
	'serviceItem.upsert',
	'slot.block',
	'slot.generate',
	'slot.setCapacity',
	'staff.import',
	'staff.upsert',
	'taskForce.remove',
	'taskForce.upsert',
	'timeOff.record',
	'timeOff.remove',
	'volume.add',
	'volume.addBatch',
	'window.assign',
	'window.import',
	'window.setOpen',
	'window.upsert'
];

describe('the mutator registry', () => {
	it('knows exactly the wire names, each under its namespace and action', () => {
		expect(Object.keys(mutators).sort()).toEqual(wireNames);
		for (const [ns, group] of Object.entries(registry)) {
			for (const [action, m] of Object.entries(group)) expect(m.name).toBe(`${ns}.${action}`);
		}
		for (const name of wireNames) expect(mutatorNamed(name)?.name).toBe(name);
	});

	it('sends each typed call under its wire name with its arguments untouched', () => {
		const sent: [string, unknown][] = [];
		const call = callers((name, args) => sent.push([name, args]));
		const args = { id: 's1', capacity: 4 };
		call.slot.setCapacity(args);
		call.volume.addBatch({ date: '2026-06-06', cells: [], source: 'form' });
		expect(sent).toEqual([
			['slot.setCapacity', args],
			['volume.addBatch', { date: '2026-06-06', cells: [], source: 'form' }]
		]);
		expect(sent[0][1]).toBe(args);
	});

	it('declares for every mutator the stores it may touch, each a real one', () => {
		for (const m of Object.values(mutators)) {
			expect(m.stores.length, m.name).toBeGreaterThan(0);
			for (const store of m.stores) expect(entityNames, m.name).toContain(store);
		}
	});

	it('refuses, naming mutator and store, a mutator that reaches past its declaration', async () => {
		// A cast stands in for a declaration gone stale: the compiler refuses the direct call.
		const stale = defineMutator({
			name: 'volume.stale',
			args: volumeAddArgs(),
			roles: ['duty'],
			stores: ['volume'],
			async apply(tx) {
				await (tx as never as MemoryTx).get('slot', 's1');
			}
		});
		const tx = new MemoryTx();
		await expect(applyDeclared(stale, tx, {}, ctx)).rejects.toThrow(UndeclaredStoreError);
		await expect(applyDeclared(stale, tx, {}, ctx)).rejects.toThrow(
			'volume.stale touched slot, which it does not declare in its stores'
		);
		const writer = {
			...stale,
			async apply(t: typeof tx) {
				await t.del('staff', 'x');
			}
		};
		await expect(applyDeclared(writer, tx, {}, ctx)).rejects.toThrow(UndeclaredStoreError);
	});
});

const volumeAddArgs = () => mutators['volume.add'].args;
const ctx = {
	centreId: 'c1',
	userId: 'u1',
	role: 'duty' as const,
	deviceId: 'd1',
	now: '2026-11-28T09:00:00+08:00',
	authoritative: false
};
