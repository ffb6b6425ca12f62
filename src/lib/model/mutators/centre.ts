/**
 * The centre's own settings (issue 16): name and address, service hours, consultation phones, the
 * advice's target wait, retention and offline unlock. Set at first run and changed later from 设置;
 * the calendar has its own mutations (calendar.ts), so the two never overwrite each other.
 */
import { z } from 'zod';
import { centreSchema, centreSettings } from '$lib/schemas';
import { defineMutator, reject } from '../mutator';

export const centreUpdate = defineMutator({
	name: 'centre.update',
	args: z.object({
		name: centreSchema.shape.name,
		address: centreSchema.shape.address,
		settings: centreSettings.pick({
			workingSessions: true,
			nonWorkingSessions: true,
			extendedServiceMinutes: true,
			targetServiceLevel: true,
			targetWaitMinutes: true,
			retentionDays: true,
			offlineUnlockHours: true,
			consultationPhones: true
		})
	}),
	roles: ['admin'],
	stores: ['centre'],
	async apply(tx, { name, address, settings }, ctx) {
		const centre = await tx.get('centre', ctx.centreId);
		if (!centre) return reject('NOT_FOUND', 'error_centre_missing');
		const overlaps = (sessions: { start: string; end: string }[]) =>
			[...sessions]
				.sort((a, b) => a.start.localeCompare(b.start))
				.some((s, i, all) => i > 0 && s.start < all[i - 1].end);
		if (overlaps(settings.workingSessions) || overlaps(settings.nonWorkingSessions)) {
			return reject('INVALID', 'centre_error_sessions_overlap');
		}
		await tx.put('centre', {
			...centre,
			name: name.trim(),
			address: address.trim(),
			settings: { ...centre.settings, ...settings }
		});
	}
});
