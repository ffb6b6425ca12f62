/**
 * Shared building blocks of every entity: ids, calendar dates and clock times in the
 * hall's own time zone (Asia/Shanghai), and the small vocabularies the plan names.
 */
import { z } from 'zod';
import { keyName } from './plain';

/** Ids become object keys in roll-ups and lookups, so `keyName` refuses `__proto__` and kin. */
export const id = keyName(64);

/**
 * A calendar date in the centre's time zone, `YYYY-MM-DD`, that the calendar has: 2026-02-30 has
 * the shape but no day, and every date computation (calendar.ts) throws on it.
 */
export const isoDate = z
	.string()
	.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'date must be YYYY-MM-DD')
	.refine((s) => {
		// Runs after a failed pattern too, so text that is no date at all must not throw here.
		const at = Date.parse(`${s}T00:00:00Z`);
		return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === s;
	}, 'date is not in the calendar');

/** A wall-clock time in the centre's time zone, `HH:MM`. */
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM');

/** An instant, as an ISO 8601 string with offset. */
export const instant = z.iso.datetime({ offset: true });

export const session = z
	.object({ start: clockTime, end: clockTime })
	.refine((s) => s.start < s.end, { message: 'session must end after it starts' });
export type Session = z.infer<typeof session>;

/** 服务方式: 网上办, 掌上办, 自助办, 现场办. */
export const channels = ['online', 'mobile', 'kiosk', 'window'] as const;
export const channel = z.enum(channels);
export type Channel = z.infer<typeof channel>;

/** A Chinese mobile or landline number as typed by staff. */
export const phone = z
	.string()
	.regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'phone number is not valid');

/** A phone as a role that may not see it whole receives it (docs/roles.md): 138****1234. */
export const maskedPhone = z
	.string()
	.max(20)
	.regex(/^(?=.*\*)[\d*-]+$/, 'masked phone number is not valid');

/** Fields every stored record carries. `v` is the schema version the record was written with. */
export const recordBase = {
	id,
	centreId: id,
	v: z.number().int().positive()
};

/** A calendar month, `YYYY-MM`, as reports and overtime approvals name it. */
export const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must be YYYY-MM');
