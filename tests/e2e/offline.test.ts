import { expect, test } from '@playwright/test';
import { controlledByServiceWorker, login, routes } from './helpers';

test('a duty lead keeps working offline: every page opens, a count survives reloads and syncs later', async ({
	page,
	context
}) => {
	await login(page, 'duty');

	// Demo data arrived: staff in settings, a year of volume in the review.
	await page.getByRole('link', { name: '设置' }).click();
	await expect(page.getByTestId('staff-row').first()).toBeVisible();
	expect(await page.getByTestId('staff-row').count()).toBeGreaterThan(40);
	await page.getByRole('link', { name: '分析' }).click();
	await expect(page.getByTestId('review-summary')).toContainText(/共受理 [1-9]/);

	await controlledByServiceWorker(page);
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('sync-state')).toHaveText('离线');

	// Every route opens offline, by navigation and by a fresh load.
	for (const route of routes) {
		await page.goto(route.path);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(route.heading);
	}
	await page.goto('/');
	for (const name of ['排班', '预约', '业务量', '分析', '督导', '设置', '今日']) {
		await page.getByRole('navigation').getByRole('link', { name }).click();
		await expect(page.getByRole('navigation').getByRole('link', { name })).toHaveAttribute(
			'aria-current',
			'page'
		);
	}

	// Add a record offline: three accepted cases at a window.
	await page.goto('/volume');
	const accepted = page.getByTestId('count-accepted');
	const before = Number(await accepted.textContent());
	const plusOne = page.getByRole('button', { name: '+1 受理' });
	await plusOne.click();
	await plusOne.click();
	await plusOne.click();
	await expect(accepted).toHaveText(String(before + 3));
	await expect(page.getByTestId('sync-waiting')).toHaveText('3 项待同步');

	await page.reload();
	await expect(page.getByTestId('count-accepted')).toHaveText(String(before + 3));
	await expect(page.getByTestId('sync-waiting')).toHaveText('3 项待同步');

	// Back online: the changes go out and the count is now the server's.
	await context.setOffline(false);
	await page.getByRole('button', { name: '立即同步' }).click();
	await expect(page.getByTestId('sync-waiting')).toHaveText('已全部同步', { timeout: 30_000 });
	await page.reload();
	await expect(page.getByTestId('count-accepted')).toHaveText(String(before + 3));
	const stored = await page.evaluate(async () => {
		const res = await fetch('/api/sync/pull?cursor=0&deviceId=probe');
		const body = await res.json();
		return body.changes.length > 0;
	});
	expect(stored).toBe(true);
});
