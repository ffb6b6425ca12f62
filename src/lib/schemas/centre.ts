import { z } from 'zod';
import { clockTime, id, isoDate, phone, session } from './common';
import { defineEntity } from './entity';

/**
 * One festival of the State Council's yearly notice (国务院办公厅关于某年部分节假日安排的通知):
 * the days off from `from` to `to`, and the weekend days worked to make up for them (调休上班).
 */
export const holidayFestival = z
	.object({
		name: z.string().trim().min(1).max(20),
		from: isoDate,
		to: isoDate,
		makeUpDays: z.array(isoDate).max(4)
	})
	.refine((f) => f.from <= f.to, {
		message: 'the last day off comes before the first',
		path: ['to']
	});

/** A year's notice as an admin entered it, for a year the shipped calendar does not cover. */
export const holidayNotice = z.object({
	year: z.number().int().min(2000).max(2100),
	festivals: z.array(holidayFestival).min(1).max(12)
});
export type HolidayNotice = z.infer<typeof holidayNotice>;

/**
 * A centre's change to one day: a working day, a non-working day (the hall serves as 不打烊), or
 * the hall closed altogether (no service, no booking).
 */
export const dayOverride = z.object({
	date: isoDate,
	working: z.boolean(),
	closed: z.boolean().optional(),
	note: z.string().max(80).optional()
});

/** How a centre may change one day; `closed` shuts the hall, which a non-working day does not. */
export const dayChange = z.enum(['working', 'non-working', 'closed']);
export type DayChange = z.infer<typeof dayChange>;

export const centreSettings = z.object({
	/** Sessions of a working day, before extended service (延时服务). */
	workingSessions: z.array(session).min(1),
	/** Sessions of a non-working day (不打烊): 09:00–11:30 and 14:00–17:00 by default. */
	nonWorkingSessions: z.array(session).min(1),
	/** How long windows may keep serving after a session ends in extended-service mode. */
	extendedServiceMinutes: z.number().int().min(0).max(240),
	/** Waiting-time target of the window advice: share served within targetWaitMinutes. */
	targetServiceLevel: z.number().gt(0).lt(1),
	targetWaitMinutes: z.number().int().min(1).max(240),
	/** Days after which appointment personal data is erased, keeping the counts. */
	retentionDays: z.number().int().min(7).max(3650),
	/** How long a PIN unlocks this device offline. */
	offlineUnlockHours: z.number().int().min(1).max(168),
	/** 咨询电话 published on the public page. */
	consultationPhones: z.array(z.object({ label: z.string().min(1).max(40), phone })),
	/** Single-day overrides of the national calendar. */
	dayOverrides: z.array(dayOverride),
	/**
	 * Notices entered for years the shipped calendar lacks (or corrects); a notice replaces the
	 * shipped data of its year. Missing in rows written before notices existed.
	 */
	holidayNotices: z.array(holidayNotice).default([]),
	planStartDate: z.string().optional(),
	openingTime: clockTime.optional()
});
export type CentreSettings = z.infer<typeof centreSettings>;

export const centreSchema = z.object({
	id,
	/** Equal to id: every synced record names its centre, the key a distributed table shards on. */
	centreId: id,
	v: z.literal(1),
	name: z.string().min(1).max(80),
	/** Short name used in the public address /public/[slug]. */
	slug: z.string().regex(/^[a-z0-9-]{2,40}$/),
	address: z.string().max(200),
	timeZone: z.literal('Asia/Shanghai'),
	settings: centreSettings
});
export type Centre = z.infer<typeof centreSchema>;
export const centre = defineEntity('centre', 1, centreSchema);

export const defaultCentreSettings: CentreSettings = {
	workingSessions: [
		{ start: '09:00', end: '12:00' },
		{ start: '13:30', end: '17:30' }
	],
	nonWorkingSessions: [
		{ start: '09:00', end: '11:30' },
		{ start: '14:00', end: '17:00' }
	],
	extendedServiceMinutes: 60,
	targetServiceLevel: 0.8,
	targetWaitMinutes: 15,
	retentionDays: 180,
	offlineUnlockHours: 12,
	consultationPhones: [],
	dayOverrides: [],
	holidayNotices: []
};
