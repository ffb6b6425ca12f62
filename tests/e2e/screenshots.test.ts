import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { login, routes } from './helpers';

const sizes = [
	{ name: 'landscape', width: 1280, height: 800 },
	{ name: 'portrait', width: 800, height: 1280 }
];

test('every route in Chinese and English at tablet sizes', async ({ page }) => {
	mkdirSync('docs/screenshots', { recursive: true });
	await login(page, 'manager');
	for (const lang of ['zh', 'en'] as const) {
		await page.evaluate((l) => localStorage.setItem('PARAGLIDE_LOCALE', l), lang);
		for (const size of sizes) {
			await page.setViewportSize(size);
			for (const route of routes) {
				await page.goto(route.path);
				await expect(page.getByRole('heading', { level: 1 })).toHaveText(route.heading);
				await expect(page.locator('html')).toHaveAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');
				await page.waitForTimeout(300);
				const slug = route.path === '/' ? 'today' : route.path.slice(1);
				await page.screenshot({ path: `docs/screenshots/${slug}-${lang}-${size.name}.png` });
			}
		}
	}
});
