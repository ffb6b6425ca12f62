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

/** Every row of one table of the device's database, read with the plain IndexedDB API. */
export function readTable<T>(page: Page, table: string): Promise<T[]> {
	return page.evaluate(
		(name) =>
			new Promise<T[]>((resolve, reject) => {
				const open = indexedDB.open('budayang');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const all = db.transaction(name).objectStore(name).getAll();
					all.onerror = () => reject(all.error);
					all.onsuccess = () => {
						db.close();
						resolve(all.result as T[]);
					};
				};
			}),
		table
	);
}

/** The hall's date (Asia/Shanghai) as yyyy-mm-dd: from 16:00 UTC it is a day ahead of UTC's. */
export const hallDate = (): string =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
