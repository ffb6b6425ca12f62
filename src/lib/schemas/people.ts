/**
 * The admin's API for people and access (/api/admin/users…, issue 16): accounts with their role
 * and department, password resets and the devices each account synced from.
 */
import { z } from 'zod';
import { id } from './common';
import { role } from './role';

export const username = z
	.string()
	.trim()
	.min(3)
	.max(40)
	.regex(/^[a-z0-9._-]+$/i, 'letters, digits, dot, dash or underscore');

/** As scripts/create-admin.ts asks: at least 10 characters. */
export const accountPassword = z.string().min(10).max(256);

export const newAccount = z.object({
	username,
	name: z.string().trim().min(1).max(60),
	role,
	departmentId: id.optional(),
	password: accountPassword
});
export type NewAccount = z.infer<typeof newAccount>;

/** Each field is optional: only what is present changes. `null` takes the department away. */
export const accountChange = z
	.object({
		role: role.optional(),
		departmentId: id.nullable().optional(),
		active: z.boolean().optional()
	})
	.refine((c) => Object.keys(c).length > 0, { message: 'nothing to change' });
export type AccountChange = z.infer<typeof accountChange>;

/** Without a password the server makes a temporary one and answers it once. */
export const passwordReset = z.object({ password: accountPassword.optional() });

export const accountDevice = z.object({
	deviceId: z.string(),
	lastSyncAt: z.string().nullable(),
	wipedAt: z.string().nullable()
});

export const account = z.object({
	id: z.string(),
	username: z.string(),
	name: z.string(),
	role,
	departmentId: z.string().nullable(),
	active: z.boolean(),
	createdAt: z.string(),
	devices: z.array(accountDevice)
});
export type Account = z.infer<typeof account>;

export const accountList = z.object({ users: z.array(account) });
export const resetAnswer = z.object({
	ok: z.literal(true),
	endedSessions: z.number(),
	temporaryPassword: z.string().optional()
});
