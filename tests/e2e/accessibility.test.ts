/**
 * The login page with axe and the keyboard, and the manifest that makes the app installable. Every
 * signed-in route is read by axe in routes.test.ts, on the visit that also photographs it.
 */
import { expect, test } from './fixtures';
import { seriousIssues } from './helpers';

test('the login page and keyboard use: skip link, then the form', async ({ page }) => {
	await page.goto('/login');
	expect(await seriousIssues(page)).toEqual([]);
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: '跳到主要内容' })).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('用户名')).toBeFocused();
});

test('installable: the manifest names the app and its icons exist', async ({ request }) => {
	const manifest = await (await request.get('/manifest.webmanifest')).json();
	expect(manifest).toMatchObject({ name: '不打烊政务服务', display: 'standalone', start_url: '/' });
	for (const icon of manifest.icons as { src: string }[]) {
		const res = await request.get(icon.src);
		expect(res.status(), icon.src).toBe(200);
		expect(res.headers()['content-type']).toContain('image/png');
	}
});
