import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';

const phone = { width: 390, height: 844 };

test.use({ viewport: phone });

async function seesTheNotice(page: Page) {
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('不打烊服务公告');
	// Hours for the coming 14 days, non-working days marked.
	const hours = page.getByRole('table');
	await expect(hours.locator('tbody tr')).toHaveCount(14);
	await expect(hours).toContainText(/09:00–11:30、\s*14:00–17:00/);
	await expect(hours).toContainText('不打烊');
	// Services on non-working days, by department, with channels and deadlines.
	const services = page.getByRole('region', { name: /非工作日可办事项/ });
	await expect(services.getByRole('heading', { level: 3 }).first()).toBeVisible();
	await expect(services).toContainText('现场办');
	await expect(services).toContainText(/即办|个工作日/);
	// How to book, the consultation phones as tap-to-call links, when the list changed.
	await expect(page.getByRole('heading', { name: '如何预约' })).toBeVisible();
	const call = page.getByRole('link', { name: '010-55550101' });
	await expect(call).toHaveAttribute('href', 'tel:01055550101');
	await expect(page.getByText(/事项清单更新于 \d{4}年/)).toBeVisible();
	await expect(page.getByRole('img', { name: /本页网址的二维码/ })).toBeVisible();
}

test('a citizen opens the public service list on a phone', async ({ page }) => {
	const response = await page.goto('/public/demo');
	expect(response?.status()).toBe(200);
	expect(response?.headers()['cache-control']).toBe('public, max-age=300');
	await seesTheNotice(page);

	// Nothing personal: no mobile numbers, and the page runs no script at all.
	const html = await page.content();
	expect(html).not.toMatch(/1[3-9]\d{9}/);
	expect(await page.locator('script').count()).toBe(0);

	// Every touch target is at least 44 px high.
	for (const link of await page.getByRole('link').all()) {
		const box = await link.boundingBox();
		expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
	}
	// Nothing wider than the phone.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
		phone.width
	);

	const axe = await new AxeBuilder({ page }).analyze();
	const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

	mkdirSync('docs/screenshots', { recursive: true });
	await page.screenshot({ path: 'docs/screenshots/public-zh-phone.png', fullPage: true });

	await page.getByRole('link', { name: 'Read this page in English' }).click();
	await expect(page).toHaveURL(/\?lang=en$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Open on non-working days');
	await expect(page.getByRole('heading', { name: 'Phone enquiries' })).toBeVisible();
	const axeEn = await new AxeBuilder({ page }).analyze();
	expect(axeEn.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual(
		[]
	);
	await page.screenshot({ path: 'docs/screenshots/public-en-phone.png', fullPage: true });
});

test('the public page works with JavaScript disabled and prints as an A4 notice', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false, viewport: phone });
	const page = await context.newPage();
	await page.goto('/public/demo');
	await seesTheNotice(page);
	await page.getByRole('link', { name: 'Read this page in English' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Open on non-working days');
	await page.getByRole('link', { name: '切换到中文' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('不打烊服务公告');

	// A4 at 96 dpi is 794 px wide; the print stylesheet hides the language switch.
	await page.setViewportSize({ width: 794, height: 1123 });
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('link', { name: 'Read this page in English' })).toBeHidden();
	await page.screenshot({ path: 'docs/screenshots/public-print-a4.png', fullPage: true });
	await context.close();
});

test('an unknown centre is a 404, and the page stays out of the app frame', async ({ page }) => {
	const response = await page.goto('/public/no-such-centre');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('404');
	await expect(page.getByText('找不到该政务服务中心')).toBeVisible();
	expect(await page.locator('script').count()).toBe(0);
	await page.goto('/public/demo');
	await expect(page.getByRole('navigation')).toHaveCount(0);
	await expect(page).toHaveURL(/\/public\/demo$/);
});
