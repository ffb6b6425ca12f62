import { describe, expect, it } from 'vitest';
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
	'centre.update',
	'dayPlan.save',
	'department.setContact',
	'department.upsert',
	'duty.extendedService',
	'duty.note',
	'inspection.addFinding',
	'inspection.check',
	'inspection.commend',
	'inspection.setFindingStatus',
	'inspection.start',
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
});
