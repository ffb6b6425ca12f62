import { expect, test, type Page } from './fixtures';
import { controlledByServiceWorker, login } from './helpers';

/** Everything the tablet's IndexedDB holds, as one text: what a stolen tablet gives. */
const rawIndexedDb = (page: Page) =>
	page.evaluate(async () => {
		const names = (await indexedDB.databases()).map((d) => d.name!).filter(Boolean);
		const parts: unknown[] = [];
		for (const name of names) {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const req = indexedDB.open(name);
				req.onsuccess = () => resolve(req.result);
				req.onerror = () => reject(req.error);
			});
			for (const store of db.objectStoreNames) {
				const rows = await new Promise<unknown[]>((resolve, reject) => {
					const req = db.transaction(store).objectStore(store).getAll();
					req.onsuccess = () => resolve(req.result);
					req.onerror = () => reject(req.error);
				});
				parts.push({ name, store, rows });
			}
			db.close();
		}
		return JSON.stringify(parts);
	});

interface Known {
	id: string;
	date: string;
	name: string;
	values: string[];
}

/**
 * A demo applicant with an ID number, and every form of their phone and ID number: the masked
 * ones the manager's pull carries and the full ones, asked of the server (and logged) as a reveal.
 */
async function knownApplicant(page: Page): Promise<Known> {
	let cursor = 0;
	let appt: Record<string, unknown> | undefined;
	for (let pages = 0; !appt && pages < 500; pages++) {
		const pulled = await page.request.get(`/api/sync/pull?cursor=${cursor}`);
		const body = (await pulled.json()) as {
			cursor: number;
			hasMore: boolean;
			changes: { entity: string; data: Record<string, unknown> }[];
		};
		appt = body.changes.find(
			(c) =>
				c.entity === 'appointment' &&
				typeof (c.data.applicant as { idNumber?: string } | null)?.idNumber === 'string'
		)?.data;
		if (!body.hasMore) break;
		cursor = body.cursor;
	}
	if (!appt) throw new Error('no demo applicant with an ID number');
	const applicant = appt.applicant as { name: string; phone: string; idNumber: string };
	// From the page, as the app asks it (same origin, the app's headers left out on purpose).
	const full = async (field: string) => {
		const { status, value } = await page.evaluate(
			async ({ id, field }) => {
				const res = await fetch('/api/reveal', {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ entity: 'appointment', id, field })
				});
				return { status: res.status, value: ((await res.json()) as { value?: string }).value };
			},
			{ id: String(appt.id), field }
		);
		expect(status).toBe(200);
		return value!;
	};
	const values = [applicant.phone, applicant.idNumber, await full('phone'), await full('idNumber')];
	expect(values[2]).not.toContain('*');
	return { id: String(appt.id), date: String(appt.date), name: applicant.name, values };
}

async function expectNoneOf(page: Page, values: string[]) {
	const raw = await rawIndexedDb(page);
	for (const v of values) expect(raw, `IndexedDB holds ${v}`).not.toContain(v);
	return raw;
}

async function unlockWith(page: Page, pin: string) {
	await page.goto('/login');
	const form = page.getByRole('form', { name: '离线解锁' });
	await form.getByLabel('6 位数字 PIN').fill(pin);
	await form.getByRole('button', { name: '解锁' }).click();
}

test('personal data is sealed on the tablet, opens offline with the PIN only, and goes with wrong PINs and a shared-tablet sign-out', async ({
	page,
	context
}) => {
	test.setTimeout(240_000);
	await login(page, 'manager');
	const known = await knownApplicant(page);

	// After the sync: neither the masked nor the full phone and ID number, nor the name, in clear.
	const synced = await expectNoneOf(page, [...known.values, known.name]);
	expect(synced).toContain('enc1:');

	// Online the screens show the applicant, opened with the key held in memory.
	await page.goto(`/appointments?date=${known.date}`);
	await expect(page.getByText(known.name).first()).toBeVisible({ timeout: 30_000 });

	// A PIN for offline use: it wraps the server's share of the key, nothing readable.
	await page
		.getByRole('navigation', { name: '主要功能' })
		.getByRole('link', { name: '设置' })
		.click();
	const pinForm = page.getByRole('form', { name: '离线解锁 PIN' });
	await pinForm.getByLabel('6 位数字 PIN').fill('246810');
	await pinForm.getByLabel('再输入一次').fill('246810');
	await pinForm.getByRole('button', { name: '保存 PIN' }).click();
	await expect(page.getByText('PIN 已保存')).toBeVisible();
	await expectNoneOf(page, [...known.values, known.name]);

	// Offline, a reload forgets the key: the data reads as locked until the PIN is given.
	await controlledByServiceWorker(page);
	await context.setOffline(true);
	await page.goto(`/appointments?date=${known.date}`);
	await expect(page.getByRole('link', { name: /需要 PIN/ })).toBeVisible();
	await expect(page.getByText(known.name)).toHaveCount(0);
	await page.getByRole('link', { name: /需要 PIN/ }).click();
	await unlockWith(page, '246810');
	await expect(page).toHaveURL(/\/$/);
	await expect(page.getByRole('link', { name: /需要 PIN/ })).toHaveCount(0);
	// Within the page (a full load would forget the key again): the ledger of that day.
	const nav = page.getByRole('navigation', { name: '主要功能' });
	await nav.getByRole('link', { name: '预约' }).click();
	await page.getByLabel('日期', { exact: true }).fill(known.date);
	await expect(page.getByText(known.name).first()).toBeVisible({ timeout: 30_000 });

	// Five wrong PINs: the wrapped share, the PIN and every sealed value leave the tablet.
	await page.reload();
	for (let i = 1; i < 5; i++) {
		await unlockWith(page, '999999');
		await expect(page.getByRole('alert')).toHaveText('PIN 不正确');
	}
	await unlockWith(page, '999999');
	await expect(page.getByRole('alert')).toHaveText(/连续输错 5 次/);
	const wiped = await expectNoneOf(page, [...known.values, known.name]);
	expect(wiped).not.toContain('enc1:');
	expect(wiped).not.toContain('wrappedShares":{"');

	// Online again: a login brings the data back sealed; signing out of a shared tablet leaves none.
	await context.setOffline(false);
	await page.goto('/settings');
	await page.getByRole('button', { name: '退出登录', exact: true }).click();
	await expect(page).toHaveURL(/\/login$/);
	await login(page, 'manager');
	await expect
		.poll(async () => (await rawIndexedDb(page)).includes('enc1:'), { timeout: 90_000 })
		.toBe(true);
	await page.goto('/settings');
	// Clearing the tablet goes to the login page and then reloads it: read after the reload, or the
	// reading meets the page going away.
	const reloaded = page.waitForEvent('load');
	await page.getByRole('button', { name: '退出并清除本机数据（公用平板）' }).click();
	await reloaded;
	await expect(page).toHaveURL(/\/login$/);
	const after = await expectNoneOf(page, [...known.values, known.name]);
	expect(after).not.toContain('enc1:');
});
