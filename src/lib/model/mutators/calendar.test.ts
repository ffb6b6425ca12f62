import { describe, expect, it } from 'vitest';
import type { Centre, HolidayNotice } from '$lib/schemas';
import { centreTx, runChecked, testContext, type MemoryTx } from '../memory-tx';
import { mutatorNamed } from '../registry';

const ctx = testContext('admin', '2026-12-04T10:00:00+08:00');

const withCentre = () => centreTx('测试区政务服务中心');
const run = (tx: MemoryTx, name: string, raw: unknown) => runChecked(tx, name, raw, ctx);

const settings = async (tx: MemoryTx) => ((await tx.get('centre', 'c1')) as Centre).settings;

const notice: HolidayNotice = {
	year: 2027,
	festivals: [
		{ name: '元旦', from: '2027-01-01', to: '2027-01-03', makeUpDays: [] },
		{ name: '春节', from: '2027-02-05', to: '2027-02-12', makeUpDays: ['2027-01-31', '2027-02-20'] }
	]
};

describe('calendar mutations', () => {
	it('store a notice, replace it on a second entry, and remove it', async () => {
		const tx = await withCentre();
		expect(await run(tx, 'calendar.setNotice', notice)).toBeUndefined();
		expect((await settings(tx)).holidayNotices).toEqual([notice]);
		const corrected = { ...notice, festivals: [notice.festivals[1]] };
		await run(tx, 'calendar.setNotice', corrected);
		expect((await settings(tx)).holidayNotices).toEqual([corrected]);
		await run(tx, 'calendar.removeNotice', { year: 2027 });
		expect((await settings(tx)).holidayNotices).toEqual([]);
	});

	it('refuse a notice that contradicts itself, and change nothing', async () => {
		const tx = await withCentre();
		const cases: [HolidayNotice, string, Record<string, string | number>][] = [
			[
				{ year: 2027, festivals: [{ ...notice.festivals[0], to: '2028-03-01' }] },
				'calendar_error_outside_year',
				{ date: '2028-03-01', year: 2027 }
			],
			[
				{
					year: 2027,
					festivals: [notice.festivals[0], { ...notice.festivals[0], name: '又一个元旦' }]
				},
				'calendar_error_overlap',
				{ date: '2027-01-01' }
			],
			[
				{
					year: 2027,
					festivals: [{ ...notice.festivals[1], makeUpDays: ['2027-02-06'] }]
				},
				'calendar_error_makeup_off',
				{ date: '2027-02-06' }
			]
		];
		for (const [bad, messageKey, params] of cases) {
			const outcome = await run(tx, 'calendar.setNotice', bad);
			expect(outcome && outcome.reject).toMatchObject({ code: 'INVALID', messageKey, params });
		}
		const backwards = await run(tx, 'calendar.setNotice', {
			year: 2027,
			festivals: [{ name: '元旦', from: '2027-01-03', to: '2027-01-01', makeUpDays: [] }]
		});
		expect(backwards && backwards.reject).toMatchObject({
			code: 'INVALID',
			params: { detail: 'festivals.0.to' }
		});
		expect((await settings(tx)).holidayNotices).toEqual([]);
	});

	it('set one day working, non-working or closed, one entry per date, and clear it', async () => {
		const tx = await withCentre();
		await run(tx, 'calendar.setDay', { date: '2026-12-12', change: 'non-working' });
		await run(tx, 'calendar.setDay', { date: '2026-12-12', change: 'closed', note: ' 停电检修 ' });
		await run(tx, 'calendar.setDay', { date: '2026-12-05', change: 'working' });
		expect((await settings(tx)).dayOverrides).toEqual([
			{ date: '2026-12-05', working: true },
			{ date: '2026-12-12', working: false, closed: true, note: '停电检修' }
		]);
		await run(tx, 'calendar.clearDay', { date: '2026-12-12' });
		expect((await settings(tx)).dayOverrides).toEqual([{ date: '2026-12-05', working: true }]);
	});

	it('leave notices to the admin and single days to managers too', () => {
		expect(mutatorNamed('calendar.setNotice')!.roles).toEqual(['admin']);
		expect(mutatorNamed('calendar.setDay')!.roles).toEqual(['admin', 'manager']);
	});
});
