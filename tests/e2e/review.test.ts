import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';
import { login } from './helpers';

/** The decision views above the charts: comparison, twelve months, weekend and holiday arrivals. */
const decision = ['period', 'year', 'offday-weekend', 'offday-holiday'];

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
	await page
		.getByRole('navigation', { name: '主要功能' })
		.getByRole('link', { name: '分析' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('业务量分析');

	// Last month is the default preset: the range is the whole previous calendar month.
	await expect(page.getByRole('button', { name: '上月', exact: true })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(page.getByTestId('review-range')).toContainText(/月1日.* 至 .*月(28|29|30|31)日/);
	for (const id of [...decision, ...charts]) {
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
	await page.getByRole('button', { name: '最近 12 个月', exact: true }).click();
	await expect(page.getByTestId('summary-daily')).toContainText(/^365 天/);
	await page.waitForTimeout(500);
	for (const id of [...decision, ...charts]) {
		const card = page.locator(`[data-chart="${id}"]`);
		await card.scrollIntoViewIfNeeded();
		await expect(card.locator('canvas[data-ready="true"]')).toBeAttached();
		await card.screenshot({ path: `docs/screenshots/review-${id}.png` });
	}
	await page
		.getByTestId('window-advice')
		.screenshot({ path: 'docs/screenshots/review-advice.png' });

	// A holiday period preset picks the latest holiday run.
	await page.getByRole('button', { name: '节假日', exact: true }).click();
	await expect(page.getByTestId('summary-daily')).toContainText(/法定节假日/);
	await page.getByRole('button', { name: '上月', exact: true }).click();

	// Proof that the advice helps: last month's planned 不打烊 days replayed both ways.
	const check = page.getByTestId('advice-check');
	await check.getByRole('button', { name: '开始回测' }).click();
	await expect(check.getByTestId('advice-check-days')).toHaveText(
		/月\d+日.* 至 .*：\d+ 个有排班计划的不打烊日，到访 [\d,]+ 人次（另有 \d+ 天没有计划，未计入）。/,
		{ timeout: 60_000 }
	);
	const measures = check.getByTestId('advice-check-row');
	await expect(measures).toHaveCount(5);
	await expect(measures.first()).toHaveText(/等候超过 \d+ 分钟的比例\s*[\d.]+%\s*[\d.]+%/);
	await expect(measures.last()).toHaveText(/窗口·小时\s*[\d,.]+\s*[\d,.]+/);
	await check.screenshot({ path: 'docs/screenshots/review-advice-check.png' });

	// Presentation mode: key figures, the period comparison, then the charts, by keyboard.
	const slides = decision.length + charts.length + 2;
	await page.getByRole('button', { name: '演示模式' }).click();
	const show = page.getByTestId('presentation');
	await expect(show).toBeVisible();
	await expect(page.getByTestId('slide-index')).toHaveText(`第 1 页，共 ${slides} 页`);
	await expect(show.getByRole('heading', { name: '关键指标' })).toBeVisible();
	await page.keyboard.press('ArrowRight');
	await expect(page.getByTestId('slide-index')).toHaveText(/^第 2 页/);
	await expect(show.getByRole('heading', { name: '同期对比', exact: true })).toBeVisible();
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await expect(show.getByRole('heading', { name: /^最近 12 个月/ })).toBeVisible();
	await page.keyboard.press('ArrowLeft');
	await expect(page.getByTestId('slide-index')).toHaveText(/^第 3 页/);
	await page.keyboard.press('End');
	await expect(page.getByTestId('slide-index')).toHaveText(`第 ${slides} 页，共 ${slides} 页`);
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

/** Today in the hall (the demo's history ends the day before). */
const hallToday = () =>
	new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** The quarter that ended last before `today`, and the one before it, as the page names them. */
function quarters(today: string) {
	const year = Number(today.slice(0, 4));
	const q = Math.ceil(Number(today.slice(5, 7)) / 3) - 1;
	const [y, n] = q === 0 ? [year - 1, 4] : [year, q];
	const [py, pn] = n === 1 ? [y - 1, 4] : [y, n - 1];
	return {
		chosen: `${y}年第${n}季度`,
		previous: `${py}年第${pn}季度`,
		lastYear: `${y - 1}年第${n}季度`
	};
}

async function noSeriousAxeIssue(page: Page) {
	const result = await new AxeBuilder({ page }).analyze();
	const serious = result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
	expect(serious).toEqual([]);
}

test('a manager presents the quarterly review', async ({ page }) => {
	mkdirSync('docs/screenshots', { recursive: true });
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	await login(page, 'manager');
	await page
		.getByRole('navigation', { name: '主要功能' })
		.getByRole('link', { name: '分析' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('业务量分析');

	// The quarter: the last one that has ended, against the quarter before and a year before.
	const q = quarters(hallToday());
	const kinds = page.getByRole('group', { name: '对比单位' });
	await kinds.getByRole('button', { name: '月', exact: true }).click();
	await expect(kinds.getByRole('button', { name: '月', exact: true })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await kinds.getByRole('button', { name: '季度', exact: true }).click();
	const pick = page.getByRole('combobox', { name: '期间' });
	await pick.selectOption({ label: (await pick.locator('option').nth(1).textContent())! });
	await expect(page.getByTestId('period-row').first()).not.toContainText(q.chosen);
	const chosen = pick.locator('option', { hasText: q.chosen });
	await pick.selectOption({ label: (await chosen.textContent())! });

	const rows = page.getByTestId('period-row');
	await expect(rows.nth(0)).toContainText(q.chosen);
	// Every date carries its year.
	await expect(rows.nth(0)).toContainText(/\d{4}-\d{2}-01 – \d{4}-\d{2}-3[01]/);
	await expect(rows.nth(1)).toContainText(q.previous);
	await expect(rows.nth(1)).toContainText(/[+-]?[\d,]+ 件（[+-]?[\d.]+%）/);
	// The demo's history is one year long: the same quarter last year has no data, never 0.
	await expect(rows.nth(2)).toContainText(q.lastYear);
	await expect(rows.nth(2)).toContainText('0/');
	await expect(rows.nth(2)).toContainText('无数据');
	const period = page.locator('[data-chart="period"]');
	await expect(period.getByRole('heading')).toHaveText(`同期对比：${q.chosen}`);
	await expect(page.getByTestId('summary-period')).toContainText(`比去年同期${q.lastYear} 无数据`);
	await expect(period.locator('canvas[data-ready="true"]')).toBeAttached();

	// The twelve months week by week, with a weekly target line and holidays named.
	const year = page.locator('[data-chart="year"]');
	await expect(page.getByTestId('summary-year')).toContainText(/周中 5[23] 周有数据/);
	await page.getByLabel('周目标（件，可不填）').fill('1500');
	await expect(year.getByText('周目标线 1,500')).toBeVisible();
	await expect(year.getByText('不打烊周末（斜线）')).toBeVisible();
	await year.getByRole('button', { name: '数据表' }).click();
	await expect(year.locator('tbody tr').first().locator('th')).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
	await expect(year.locator('tbody')).toContainText('国庆节');
	await year.getByRole('button', { name: '收起数据表' }).click();
	await expect(page.getByTestId('summary-offday-weekend')).toContainText(/个周末日有记录/);
	await expect(page.getByTestId('summary-forecast')).toContainText(/平均绝对百分比误差/);
	await noSeriousAxeIssue(page);

	// Screenshots on a landscape and a portrait tablet.
	await page.locator('.decision').scrollIntoViewIfNeeded();
	await page.waitForTimeout(300);
	await page.locator('.decision').screenshot({ path: 'docs/screenshots/review-decision.png' });
	await page.getByRole('heading', { name: '决策视图' }).scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'docs/screenshots/review-decision-landscape.png' });
	await page.setViewportSize({ width: 800, height: 1280 });
	await page.getByRole('heading', { name: '决策视图' }).scrollIntoViewIfNeeded();
	await page.waitForTimeout(500);
	await page.screenshot({ path: 'docs/screenshots/review-decision-portrait.png' });

	// The meeting's big screen: the twelve-month view in presentation mode.
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.getByRole('button', { name: '演示 12 个月视图' }).click();
	const show = page.getByTestId('presentation');
	await expect(show.getByRole('heading', { name: /^最近 12 个月/ })).toBeVisible();
	await expect(show.locator('canvas[data-ready="true"]')).toBeAttached();
	await expect(show.getByText('法定节假日（网格）')).toBeVisible();
	await page.waitForTimeout(300);
	await page.screenshot({ path: 'docs/screenshots/review-year-presentation.png' });
	await page.keyboard.press('ArrowLeft');
	await page.keyboard.press('ArrowLeft');
	await expect(show.getByRole('heading', { name: '同期对比', exact: true })).toBeVisible();
	await expect(show.getByTestId('period-row').nth(2)).toContainText('无数据');
	await page.screenshot({ path: 'docs/screenshots/review-compare-presentation.png' });
	await noSeriousAxeIssue(page);
	await page.keyboard.press('Escape');
	await expect(show).toBeHidden();
	expect(errors).toEqual([]);
});
