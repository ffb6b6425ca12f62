import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { login, routes } from './helpers';

test('no serious accessibility issue on any app route, in both languages', async ({ page }) => {
	// Axe reads every element of 38 full pages: far past the default journey limit on 2 cores.
	test.setTimeout(600_000);
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
	// The day's whole ledger is some 200 rows of the same component, and axe spends 20 s on it;
	// one department's ledger checks the same rows, filters and forms.
	const sample: Record<string, string> = { '/appointments': '/appointments?department=dept-tax' };
	for (const lang of ['zh', 'en'] as const) {
		await page.evaluate((l) => localStorage.setItem('PARAGLIDE_LOCALE', l), lang);
		for (const route of [...routes, ...extra]) {
			await page.goto(sample[route.path] ?? route.path);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(route.heading);
			await expect(page.getByText(/^(正在读取本机数据…|Reading local data…)$/)).toHaveCount(0);
			if (route.path === '/appointments') await expect(page.getByTestId('ledger')).toBeVisible();
			// Only violations are wanted: axe then skips collecting every node that passes.
			const result = await new AxeBuilder({ page })
				.options({ resultTypes: ['violations'] })
				.analyze();
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
