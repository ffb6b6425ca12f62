import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { login, routes } from './helpers';

test('no serious accessibility issue on any app route, in both languages', async ({ page }) => {
	// Axe reads every element of 26 full pages (the review and the ledger hold a year of data):
	// about two and a half minutes on the 2-core machine, past the default journey limit.
	test.setTimeout(480_000);
	await login(page, 'manager');
	const extra = [
		{ path: '/roster/day', heading: /排班计划|Duty plan/ },
		{ path: '/settings/organisation', heading: /.+/ },
		{ path: '/settings/services', heading: /.+/ },
		{ path: '/settings/centre', heading: /中心信息与服务时间|Centre and service hours/ },
		{ path: '/settings/rules', heading: /值班规则|Duty rules/ },
		{ path: '/settings/calendar', heading: /节假日与闭厅安排|Holidays and closures/ },
		{ path: '/settings/audit', heading: /审计|Audit/ }
	];
	for (const lang of ['zh', 'en'] as const) {
		await page.evaluate((l) => localStorage.setItem('PARAGLIDE_LOCALE', l), lang);
		for (const route of [...routes, ...extra]) {
			await page.goto(route.path);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(route.heading);
			await page.waitForTimeout(400);
			const result = await new AxeBuilder({ page }).analyze();
			const serious = result.violations
				.filter((v) => v.impact === 'serious' || v.impact === 'critical')
				.map(
					(v) =>
						`${route.path} [${lang}] ${v.id}: ${v.nodes
							.map((n) => n.target.join(' '))
							.slice(0, 3)
							.join(' | ')}`
				);
			expect(serious).toEqual([]);
		}
	}
});

test('the login page and keyboard use: skip link, then the form', async ({ page }) => {
	await page.goto('/login');
	const result = await new AxeBuilder({ page }).analyze();
	expect(
		result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
	).toEqual([]);
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
