/**
 * The admin's calls to /api/admin/users… (issue 16). Answers are checked with the shared schemas;
 * a refusal carries the server's code, which the page words in the user's language.
 */
import { z } from 'zod';
import {
	accountList,
	resetAnswer,
	type Account,
	type AccountChange,
	type NewAccount
} from '$lib/schemas';

export type PeopleResult<T> = { ok: true; value: T } | { ok: false; code: string };

const refusal = z.object({ detail: z.object({ code: z.string() }) });

async function call<T>(
	url: string,
	init: RequestInit,
	read: (body: unknown) => T
): Promise<PeopleResult<T>> {
	let res: Response;
	try {
		res = await fetch(url, {
			...init,
			headers: { 'content-type': 'application/json', ...init.headers }
		});
	} catch {
		return { ok: false, code: 'offline' };
	}
	const body: unknown = await res.json().catch(() => undefined);
	if (!res.ok) {
		const known = refusal.safeParse(body);
		return {
			ok: false,
			code: known.success ? known.data.detail.code : res.status === 400 ? 'invalid' : 'failed'
		};
	}
	try {
		return { ok: true, value: read(body) };
	} catch {
		return { ok: false, code: 'failed' };
	}
}

const base = '/api/admin/users';

export const listAccounts = (): Promise<PeopleResult<Account[]>> =>
	call(base, { method: 'GET' }, (b) => accountList.parse(b).users);

export const createAccount = (account: NewAccount) =>
	call(base, { method: 'POST', body: JSON.stringify(account) }, () => null);

export const changeAccount = (id: string, change: AccountChange) =>
	call(
		`${base}/${encodeURIComponent(id)}`,
		{ method: 'PATCH', body: JSON.stringify(change) },
		() => null
	);

export const resetPassword = (id: string, password?: string) =>
	call(
		`${base}/${encodeURIComponent(id)}/password`,
		{ method: 'POST', body: JSON.stringify(password ? { password } : {}) },
		(b) => resetAnswer.parse(b)
	);

export const wipeDevice = (id: string, deviceId: string) =>
	call(
		`${base}/${encodeURIComponent(id)}/devices/${encodeURIComponent(deviceId)}/wipe`,
		{ method: 'POST', body: '{}' },
		() => null
	);
