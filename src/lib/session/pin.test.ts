import { describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/schemas';
import { checkPin, createPin, storedPin } from './pin';

const user: SessionUser = {
	id: 'u1',
	username: 'duty',
	name: '值班负责人',
	role: 'duty',
	centreId: 'c1'
};
const centre = { id: 'c1', name: '示范中心', slug: 'demo' };
const t0 = Date.UTC(2026, 10, 28, 1, 0);

describe('offline PIN', () => {
	it('unlocks with the right PIN inside the window only', async () => {
		const stored = await createPin('246810', user, centre, t0, 12);
		expect(storedPin.parse(stored).hash).not.toContain('246810');
		expect(await checkPin(stored, '246810', t0 + 3600_000)).toEqual({ ok: true });
		expect(await checkPin(stored, '246811', t0 + 3600_000)).toEqual({ ok: false, reason: 'wrong' });
		expect(await checkPin(stored, '246810', t0 + 13 * 3600_000)).toEqual({
			ok: false,
			reason: 'expired'
		});
	});

	it('salts each PIN', async () => {
		const a = await createPin('135790', user, centre, t0, 12);
		const b = await createPin('135790', user, centre, t0, 12);
		expect(a.hash).not.toBe(b.hash);
	});

	it('refuses a PIN that is not six digits', async () => {
		await expect(createPin('12ab', user, centre, t0, 12)).rejects.toThrow();
	});
});
