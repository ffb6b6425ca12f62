import { describe, expect, it } from 'vitest';
import { defaultCentreSettings, type Centre } from '$lib/schemas';
import { centreTx, runChecked, testContext, type MemoryTx } from '../memory-tx';
import { mutatorNamed } from '../registry';

const ctx = testContext('admin', '2026-12-04T10:00:00+08:00');

const withCentre = () =>
	centreTx('新建区政务服务中心', {
		dayOverrides: [{ date: '2026-12-12', working: false, closed: true }]
	});
const run = (tx: MemoryTx, raw: unknown) => runChecked(tx, 'centre.update', raw, ctx);

const { dayOverrides: _d, holidayNotices: _h, ...editable } = defaultCentreSettings;
const update = {
	name: ' 新建区政务服务中心 ',
	address: '新建区政务大道 1 号',
	settings: {
		...editable,
		targetWaitMinutes: 20,
		consultationPhones: [{ label: '综合咨询', phone: '0571-88881234' }]
	}
};

describe('centre.update', () => {
	it('changes the centre and keeps its calendar, which has mutations of its own', async () => {
		const tx = await withCentre();
		expect(await run(tx, update)).toBeUndefined();
		const centre = (await tx.get('centre', 'c1')) as Centre;
		expect(centre).toMatchObject({ name: '新建区政务服务中心', address: '新建区政务大道 1 号' });
		expect(centre.settings.targetWaitMinutes).toBe(20);
		expect(centre.settings.consultationPhones).toEqual(update.settings.consultationPhones);
		expect(centre.settings.dayOverrides).toEqual([
			{ date: '2026-12-12', working: false, closed: true }
		]);
	});

	it('refuses overlapping sessions, a bad phone and a wait out of range, and changes nothing', async () => {
		const tx = await withCentre();
		const overlapping = await run(tx, {
			...update,
			settings: {
				...update.settings,
				nonWorkingSessions: [
					{ start: '09:00', end: '12:00' },
					{ start: '11:30', end: '17:00' }
				]
			}
		});
		expect(overlapping && overlapping.reject.messageKey).toBe('centre_error_sessions_overlap');
		const badPhone = await run(tx, {
			...update,
			settings: { ...update.settings, consultationPhones: [{ label: '咨询', phone: '12345' }] }
		});
		expect(badPhone && badPhone.reject).toMatchObject({
			code: 'INVALID',
			params: { detail: 'settings.consultationPhones.0.phone' }
		});
		const tooLong = await run(tx, {
			...update,
			settings: { ...update.settings, targetWaitMinutes: 999 }
		});
		expect(tooLong && tooLong.reject.code).toBe('INVALID');
		expect(((await tx.get('centre', 'c1')) as Centre).address).toBe('');
	});

	it('is for the admin alone', () => {
		expect(mutatorNamed('centre.update')!.roles).toEqual(['admin']);
	});
});
