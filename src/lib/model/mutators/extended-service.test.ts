import { describe, expect, it } from 'vitest';
import { extendedServiceSchema } from '$lib/schemas';
import { centreTx, runChecked, testContext, type MemoryTx } from '../memory-tx';
import { extendedServiceId, extendedServiceLog } from './extended-service';

// A Tuesday with no day plan anywhere.
const TUESDAY = '2026-12-01';
const ctx = testContext('duty', `${TUESDAY}T17:45:00+08:00`);
const run = (tx: MemoryTx, name: string, raw: unknown) => runChecked(tx, name, raw, ctx);
const evening = {
	date: TUESDAY,
	period: 'evening',
	start: '17:00',
	end: '17:40',
	served: 4,
	lastServed: 'A027',
	noneWaiting: true
};

describe('extendedService.log', () => {
	it('logs 延时 on a working day without a day plan, with the last person served', async () => {
		const tx = await centreTx('测试区政务服务中心');
		expect(await run(tx, 'extendedService.log', evening)).toBeUndefined();
		const row = await tx.get(
			'extendedService',
			extendedServiceId('c1', TUESDAY, 'evening', undefined)
		);
		expect(extendedServiceSchema.parse(row)).toMatchObject({
			...evening,
			centreId: 'c1',
			recordedAt: ctx.now,
			recordedBy: 'u1'
		});
		expect(await tx.get('dayPlan', `c1:${TUESDAY}`)).toBeUndefined();
	});

	it('keeps one row per day, period and window: a second entry corrects the first', async () => {
		const tx = await centreTx('测试区政务服务中心');
		await run(tx, 'extendedService.log', evening);
		await run(tx, 'extendedService.log', { ...evening, served: 5, lastServed: 'A028' });
		await run(tx, 'extendedService.log', {
			...evening,
			period: 'noon',
			start: '11:30',
			end: '12:05'
		});
		const rows = await tx.list('extendedService', { date: TUESDAY });
		expect(rows.map((r) => [r.period, r.served, r.lastServed]).sort()).toEqual([
			['evening', 5, 'A028'],
			['noon', 4, 'A027']
		]);
	});

	it('refuses without the word that no one is left waiting, or without the last person served', async () => {
		const tx = await centreTx('测试区政务服务中心');
		expect(await run(tx, 'extendedService.log', { ...evening, noneWaiting: false })).toMatchObject({
			reject: { code: 'INVALID' }
		});
		expect(await run(tx, 'extendedService.log', { ...evening, lastServed: ' ' })).toMatchObject({
			reject: { code: 'INVALID' }
		});
		expect(await run(tx, 'extendedService.log', { ...evening, end: '16:50' })).toMatchObject({
			reject: { code: 'INVALID' }
		});
	});

	it('refuses a day still to come, a day the hall is closed and an unknown window', async () => {
		const tx = await centreTx('测试区政务服务中心');
		expect(await run(tx, 'extendedService.log', { ...evening, date: '2026-12-02' })).toMatchObject({
			reject: { messageKey: 'error_extended_future', params: { date: '2026-12-02' } }
		});
		await runChecked(
			tx,
			'calendar.setDay',
			{ date: '2026-11-30', change: 'closed' },
			{
				...ctx,
				role: 'admin'
			}
		);
		expect(await run(tx, 'extendedService.log', { ...evening, date: '2026-11-30' })).toMatchObject({
			reject: { messageKey: 'error_extended_hall_closed' }
		});
		expect(await run(tx, 'extendedService.log', { ...evening, windowId: 'nowhere' })).toMatchObject(
			{
				reject: { code: 'NOT_FOUND', messageKey: 'error_window_missing' }
			}
		);
	});

	it('is for the people who run the day', () => {
		expect([...extendedServiceLog.roles].sort()).toEqual(['admin', 'duty', 'manager']);
	});
});
