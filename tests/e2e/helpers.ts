import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const PASSWORD = 'demo-pass-2026';

/** Logs in through the form and waits until the first sync has brought the centre's data. */
export async function login(page: Page, username: string) {
	await page.goto('/');
	await expect(page).toHaveURL(/\/login$/);
	await page.getByLabel(/用户名|User name/).fill(username);
	await page.getByLabel(/密码|Password/).fill(PASSWORD);
	await page.getByRole('button', { name: /^(登录|Log in)$/ }).click();
	await expect(page).toHaveURL(/\/$/, { timeout: 90_000 });
	await expect(page.getByTestId('sync-state')).toHaveText(/在线|Online/, { timeout: 90_000 });
}

/**
 * Axe's serious and critical findings on the page as it stands, each with the elements it names,
 * after `where`. Only violations are collected: axe then skips every node that passes.
 */
export async function seriousIssues(page: Page, where = ''): Promise<string[]> {
	const result = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${where}${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Waits until the service worker controls the page, so that reloads work offline. */
export async function controlledByServiceWorker(page: Page) {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
		await page.reload();
	}
	await expect
		.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 30_000 })
		.toBe(true);
}

export const routes = [
	{ path: '/', heading: /今日值班|Today on duty/ },
	{ path: '/roster', heading: /^(排班|Rosters)$/ },
	{ path: '/appointments', heading: /预约台账|Appointment ledger/ },
	{ path: '/volume', heading: /业务量登记|Business volume/ },
	{ path: '/review', heading: /业务量分析|Volume review/ },
	{ path: '/supervision', heading: /督导检查|Supervision/ },
	{ path: '/settings', heading: /^(设置|Settings)$/ },
	{ path: '/attention', heading: /待处理|Needs attention/ },
	{ path: '/cases', heading: /^(限时办结|Completion deadlines)$/ },
	{ path: '/evaluations', heading: /^(好差评|Service ratings \(好差评\))$/ },
	{ path: '/overtime', heading: /^(加班与调休|Overtime and time off in lieu)$/ },
	{ path: '/report', heading: /不打烊·延时服务月报|Monthly report/ }
];

/**
 * Every row of one table of the device's database, read with the plain IndexedDB API. Personal
 * fields are stored sealed (docs/security.md, "Personal data at rest on the tablet"): they are
 * opened here with the server's share for this device, derived as the app derives it, so that the
 * tests see what the device holds. A value that does not open stays as stored.
 */
export function readTable<T>(page: Page, table: string): Promise<T[]> {
	return page.evaluate(async (name) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('budayang');
			open.onerror = () => reject(open.error);
			open.onsuccess = () => resolve(open.result);
		});
		const getAll = <R>(store: string) =>
			new Promise<R[]>((resolve, reject) => {
				const all = db.transaction(store).objectStore(store).getAll();
				all.onerror = () => reject(all.error);
				all.onsuccess = () => resolve(all.result as R[]);
			});
		const rows = await getAll<Record<string, unknown>>(name);
		const metaRows = await getAll<{ key: string; value: unknown }>('meta');
		db.close();
		const sealed = (v: unknown): v is string => typeof v === 'string' && v.startsWith('enc1:');
		if (!rows.some((r) => Object.values(r).some(sealed))) return rows as T[];
		const deviceId = metaRows.find((m) => m.key === 'deviceId')?.value as string;
		const res = await fetch(`/api/device-key?deviceId=${deviceId}`);
		if (!res.ok) return rows as T[];
		const share = Uint8Array.from(atob(((await res.json()) as { key: string }).key), (c) =>
			c.charCodeAt(0)
		);
		const base = await crypto.subtle.importKey('raw', share, 'HKDF', false, ['deriveKey']);
		const key = await crypto.subtle.deriveKey(
			{
				name: 'HKDF',
				hash: 'SHA-256',
				salt: new Uint8Array(32),
				info: new TextEncoder().encode('budayang personal data at rest v1')
			},
			base,
			{ name: 'AES-GCM', length: 256 },
			false,
			['decrypt']
		);
		const unb64 = (t: string) => Uint8Array.from(atob(t), (c) => c.charCodeAt(0));
		const opened = async (v: string) => {
			const [iv, ct] = v.slice('enc1:'.length).split('.');
			try {
				const plain = await crypto.subtle.decrypt(
					{ name: 'AES-GCM', iv: unb64(iv) },
					key,
					unb64(ct)
				);
				return JSON.parse(new TextDecoder().decode(plain)) as unknown;
			} catch {
				return v;
			}
		};
		const out = [];
		for (const row of rows) {
			const copy: Record<string, unknown> = { ...row };
			for (const [k, v] of Object.entries(row)) if (sealed(v)) copy[k] = await opened(v);
			out.push(copy);
		}
		return out as T[];
	}, table);
}

/** The hall's date (Asia/Shanghai) as yyyy-mm-dd: from 16:00 UTC it is a day ahead of UTC's. */
export const hallDate = (): string =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** A yyyy-mm-dd date moved by whole days (negative: back). */
export const shiftDate = (date: string, days: number): string =>
	new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The day of the week of a yyyy-mm-dd date: 0 Sunday … 6 Saturday. */
export const weekdayOf = (date: string): number => new Date(`${date}T12:00:00Z`).getUTCDay();

/** The first Saturday after the hall's today (never today), or `weeks` Saturdays after that. */
export function comingSaturday(weeks = 0): string {
	const today = hallDate();
	return shiftDate(today, ((6 - weekdayOf(today) + 7) % 7 || 7) + 7 * weeks);
}

/** The hall's today when it is a Saturday or a Sunday, else the coming Saturday. */
export function thisWeekend(): string {
	const today = hallDate();
	return [0, 6].includes(weekdayOf(today)) ? today : comingSaturday();
}
