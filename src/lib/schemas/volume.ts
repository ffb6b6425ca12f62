import { z } from 'zod';
import { channel, id, isoDate, recordBase } from './common';
import { keyName } from './plain';
import { defineEntity } from './entity';

export const volumeCounters = z.object({
	/** 受理 */
	accepted: z.number().int().min(0),
	/** 办结 */
	completed: z.number().int().min(0),
	/** 咨询 */
	consulted: z.number().int().min(0),
	/** 一次办成 */
	oneVisit: z.number().int().min(0),
	/** 一次告知: refusals with the full list of what was missing */
	refused: z.number().int().min(0)
});
export type VolumeCounters = z.infer<typeof volumeCounters>;
export const counterNames = ['accepted', 'completed', 'consulted', 'oneVisit', 'refused'] as const;
export type CounterName = (typeof counterNames)[number];

/**
 * Business volume of one window (or platform) in one hour and channel. Tablets send deltas
 * (`volume.add`), never totals, so offline counts from two tablets add up.
 */
export const volumeEntrySchema = z.object({
	...recordBase,
	v: z.literal(1),
	date: isoDate,
	hour: z.number().int().min(0).max(23),
	category: keyName(30),
	windowId: id.optional(),
	channel,
	counters: volumeCounters,
	refusalReasons: z.record(keyName(60), z.number().int().min(0)),
	/** People waiting, last snapshot in that hour. */
	waiting: z.number().int().min(0).optional()
});
export type VolumeEntry = z.infer<typeof volumeEntrySchema>;
export const volumeEntry = defineEntity('volume', 1, volumeEntrySchema);

export const volumeEntryId = (
	centreId: string,
	date: string,
	hour: number,
	category: string,
	channelName: string,
	windowId?: string
) =>
	[centreId, date, String(hour).padStart(2, '0'), category, channelName, windowId ?? '-'].join('|');
