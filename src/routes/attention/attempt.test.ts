import { describe, expect, it } from 'vitest';
import { mutators } from '$lib/model';
import type { MutationResult } from '$lib/schemas';
import { attempted, wordedMutations } from './attempt';

const refused = (name: string, args: unknown): MutationResult => ({
	v: 1,
	mutationId: 7,
	deviceId: 'device-1',
	name,
	args,
	status: 'rejected',
	code: 'SLOT_FULL',
	at: '2026-11-30T01:05:00.000Z'
});

describe('a refused change in words', () => {
	it('words every mutation the registry knows', () => {
		expect(wordedMutations.sort()).toEqual(Object.keys(mutators).sort());
	});

	it('names the booking by person, day and time, from the tablet’s copy of the slot', () => {
		const booking = refused('appointment.book', {
			id: 'a-1',
			slotId: 's-1',
			applicant: { kind: 'person', name: '张某', phone: '13900001111' }
		});
		expect(attempted(booking, 'zh', { slot: { date: '2026-11-30', start: '09:00' } })).toBe(
			'预约 张某 11/30周一 09:00'
		);
		// Without the tablet's copy, the name as entered still says whose booking it was.
		expect(attempted(booking, 'zh')).toBe('预约 张某');
	});

	it('says the status asked for in words, and never the code of an unknown change', () => {
		const noShow = refused('appointment.setStatus', { id: 'a-1', status: 'no-show' });
		expect(
			attempted(noShow, 'zh', {
				appointment: { date: '2026-11-30', start: '09:00', applicant: { name: '李某' } }
			})
		).toBe('把 李某 11/30周一 09:00 的预约改为“爽约”');
		const unknown = attempted(refused('queue.call', { id: 'x' }), 'zh');
		expect(unknown).toBe('一项此版本不认识的操作');
		expect(attempted(refused('duty.note', { date: 'garbage', text: '停电' }), 'zh')).not.toMatch(
			/garbage|duty/
		);
	});
});
