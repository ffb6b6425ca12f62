import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { login } from './helpers';

const charts = [
	'daily',
	'working',
	'category',
	'channel',
	'window',
	'heat',
	'week',
	'appointments',
	'one-visit',
	'extended',
	'compliance',
	'forecast'
];

test('a manager prepares and presents the monthly review', async ({ page }) => {
	mkdirSync('docs/screenshots', { recursive: true });
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	await login(page, 'manager');
	await page.getByRole('navigation').getByRole('link', { name: '分析' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('业务量分析');

	// Last month is the default preset: the range is the whole previous calendar month.
	await expect(page.getByRole('button', { name: '上月' })).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByTestId('review-range')).toContainText(/月1日.* 至 .*月(28|29|30|31)日/);
	for (const id of charts) {
		await expect(page.locator(`[data-chart="${id}"] canvas[data-ready="true"]`)).toBeAttached();
	}
	const summary = page.getByTestId('summary-daily');
	await expect(summary).toContainText(/天共受理 [1-9]/);
	const allCategories = await page.getByTestId('summary-category').textContent();
	expect(allCategories).toMatch(/共 6 个业务类别/);

	// Filter: one category, then one department, then one channel; the figures follow.
	await page.getByRole('combobox', { name: '业务类别' }).selectOption('不动产登记');
	await expect(page.getByTestId('summary-category')).toHaveText(
		/共 1 个业务类别，受理最多的是不动产登记/
	);
	await page.getByRole('combobox', { name: '业务类别' }).selectOption('');
	await page.getByRole('combobox', { name: '科室/部门' }).selectOption({ label: '税务局' });
	await expect(page.getByTestId('summary-category')).toHaveText(/受理最多的是税务/);
	await page.getByRole('combobox', { name: '渠道' }).selectOption('online');
	await expect(page.getByTestId('summary-channel')).toHaveText(/现场办占 0%/);
	await page.getByRole('combobox', { name: '渠道' }).selectOption('');
	await page.getByRole('combobox', { name: '科室/部门' }).selectOption('');

	// The table view of a chart shows the same numbers, one row a day of last month.
	const daily = page.locator('[data-chart="daily"]');
	await daily.getByRole('button', { name: '数据表' }).click();
	const rows = daily.locator('tbody tr');
	expect(await rows.count()).toBeGreaterThanOrEqual(28);
	const firstDay = await rows.first().locator('th').textContent();
	expect(firstDay).toMatch(/^\d{4}-\d{2}-01$/);

	// Downloads: CSV and XLSX of a table, PNG of a chart.
	const [csv] = await Promise.all([
		page.waitForEvent('download'),
		daily.getByRole('button', { name: /^CSV/ }).click()
	]);
	expect(csv.suggestedFilename()).toMatch(/daily\.csv$/);
	const [xlsx] = await Promise.all([
		page.waitForEvent('download'),
		daily.getByRole('button', { name: /^XLSX/ }).click()
	]);
	expect(xlsx.suggestedFilename()).toMatch(/daily\.xlsx$/);
	const [png] = await Promise.all([
		page.waitForEvent('download'),
		daily.getByRole('button', { name: /^PNG/ }).click()
	]);
	expect(png.suggestedFilename()).toMatch(/daily\.png$/);

	// Screenshots of every chart for the docs, over the last 12 months.
	await page.getByRole('button', { name: '最近 12 个月' }).click();
	await expect(page.getByTestId('summary-daily')).toContainText(/^365 天/);
	await page.waitForTimeout(500);
	for (const id of charts) {
		const card = page.locator(`[data-chart="${id}"]`);
		await card.scrollIntoViewIfNeeded();
		await expect(card.locator('canvas[data-ready="true"]')).toBeAttached();
		await card.screenshot({ path: `docs/screenshots/review-${id}.png` });
	}
	await page
		.getByTestId('window-advice')
		.screenshot({ path: 'docs/screenshots/review-advice.png' });

	// A holiday period preset picks the latest holiday run.
	await page.getByRole('button', { name: '节假日' }).click();
	await expect(page.getByTestId('summary-daily')).toContainText(/法定节假日/);
	await page.getByRole('button', { name: '上月' }).click();

	// Presentation mode: key figures first, then the charts, stepped with the keyboard.
	await page.getByRole('button', { name: '演示模式' }).click();
	const show = page.getByTestId('presentation');
	await expect(show).toBeVisible();
	await expect(page.getByTestId('slide-index')).toHaveText(`第 1 页，共 ${charts.length + 1} 页`);
	await expect(show.getByRole('heading', { name: '关键指标' })).toBeVisible();
	await page.keyboard.press('ArrowRight');
	await expect(page.getByTestId('slide-index')).toHaveText(/^第 2 页/);
	await expect(show.getByRole('heading', { name: '每日受理量与 7 日平均' })).toBeVisible();
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await expect(show.getByRole('heading', { name: '按业务类别' })).toBeVisible();
	await page.keyboard.press('ArrowLeft');
	await expect(page.getByTestId('slide-index')).toHaveText(/^第 3 页/);
	await page.keyboard.press('End');
	await expect(page.getByTestId('slide-index')).toHaveText(
		`第 ${charts.length + 1} 页，共 ${charts.length + 1} 页`
	);
	await expect(show.getByRole('heading', { name: '预测与实际到访（现场）' })).toBeVisible();
	await page.screenshot({ path: 'docs/screenshots/review-presentation.png' });
	await page.keyboard.press('Home');
	await expect(page.getByTestId('slide-index')).toHaveText(/^第 1 页/);
	await page.keyboard.press('Escape');
	await expect(show).toBeHidden();

	// The printed report: no controls, the range in its head, key figures, charts and advice.
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: '演示模式' })).toBeHidden();
	await expect(page.getByRole('navigation')).toBeHidden();
	await expect(page.locator('.report-head')).toBeVisible();
	await expect(page.getByRole('heading', { name: '关键指标' })).toBeVisible();
	await expect(page.getByTestId('window-advice')).toBeVisible();
	const pdf = await page.pdf({ format: 'A4', printBackground: true });
	expect(pdf.byteLength).toBeGreaterThan(50_000);
	await page.emulateMedia({ media: 'screen' });
	expect(errors).toEqual([]);
});
