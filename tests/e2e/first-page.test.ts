/**
 * The first page a new tablet shows: the login form paints and settles without the app's state
 * (the local database, the model and the sync engine), which loads once the form is touched and
 * then signs in as before (docs/architecture.md, "The first page").
 */
import { expect, test, type Page } from './fixtures';
import { PASSWORD } from './helpers';

const hasDatabase = (page: Page) =>
	page.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === 'budayang'));

test('a new tablet opens the app at the login page without the app state, loads it when the form is touched, and signs in', async ({
	page
}) => {
	const scripts: string[] = [];
	page.on('request', (r) => {
		if (r.resourceType() === 'script') scripts.push(r.url());
	});
	// Opened at / (the installed app's start), a new tablet is sent on to the login page.
	await page.goto('/');
	await expect(page).toHaveURL(/\/login$/);
	await page.waitForLoadState('networkidle');
	await expect(page.getByRole('button', { name: '登录', exact: true })).toBeEnabled();
	expect(await hasDatabase(page)).toBe(false);
	const before = scripts.length;

	await page.getByLabel('用户名').focus();
	await expect.poll(() => hasDatabase(page)).toBe(true);
	expect(scripts.length).toBeGreaterThan(before);

	await page.getByLabel('用户名').fill('duty');
	await page.getByLabel('密码').fill(PASSWORD);
	await page.getByRole('button', { name: '登录', exact: true }).click();
	await expect(page).toHaveURL(/\/$/, { timeout: 90_000 });
	await expect(page.getByTestId('sync-state')).toHaveText(/在线/, { timeout: 90_000 });
});

test('a tablet used before loads the state untouched, to offer the PINs it may hold', async ({
	page
}) => {
	await page.goto('/login');
	await page.evaluate(() => {
		const open = indexedDB.open('budayang');
		return new Promise((resolve) => (open.onsuccess = () => resolve(open.result.close())));
	});
	await page.reload();
	// Nothing touched: the state opens the database itself on a tablet that holds one.
	await expect
		.poll(() =>
			page.evaluate(
				async () => (await indexedDB.databases()).find((d) => d.name === 'budayang')?.version
			)
		)
		.toBeGreaterThan(1);
});
