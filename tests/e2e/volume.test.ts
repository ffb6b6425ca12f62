import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from './fixtures';
import { comingSaturday, login } from './helpers';

/** The next Saturday in the hall, at 10:05 on a busy 不打烊 morning. */
async function tablet(browser: Browser, at: Date): Promise<Page> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.clock.setFixedTime(at);
	await login(page, 'duty');
	await page
		.getByRole('navigation', { name: '主要功能' })
		.getByRole('link', { name: '业务量' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('业务量登记');
	return page;
}

async function pick(page: Page, windowCode: string) {
	await page.getByRole('combobox', { name: '业务类别' }).selectOption('不动产登记');
	await page.getByRole('combobox', { name: '窗口' }).selectOption({ label: windowCode });
	await page.getByRole('combobox', { name: '时段' }).selectOption('10');
}

const tap = async (page: Page, name: string, times: number) => {
	for (let i = 0; i < times; i++) await page.getByRole('button', { name, exact: true }).click();
};

async function syncUntil(page: Page, accepted: number) {
	await expect(async () => {
		await page.getByRole('button', { name: '立即同步' }).click();
		await expect(page.getByTestId('sync-waiting')).toHaveText('已全部同步', { timeout: 3000 });
		await expect(page.getByTestId('count-accepted')).toHaveText(String(accepted), {
			timeout: 3000
		});
	}).toPass({ timeout: 60_000 });
}

test('a duty lead counts a busy Saturday morning on two offline tablets; totals are exact after sync', async ({
	browser
}) => {
	mkdirSync('docs/screenshots', { recursive: true });
	const date = comingSaturday();
	const at = new Date(`${date}T10:05:00+08:00`);
	const a = await tablet(browser, at);
	const b = await tablet(browser, at);
	for (const page of [a, b]) {
		// The hall's clock says Saturday morning: the form opens on that day and hour.
		await expect(page.getByLabel('日期')).toHaveValue(date);
		await expect(page.getByRole('combobox', { name: '时段' })).toHaveValue('10');
		await pick(page, 'B01');
		await expect(page.getByTestId('count-accepted')).toHaveText('0');
		await page.context().setOffline(true);
		await expect(page.getByTestId('sync-state')).toHaveText('离线');
	}

	// Tablet A at window B01: 8 accepted, 2 consultations, 1 refusal with its reason, 4 waiting.
	await tap(a, '+1 受理', 3);
	await tap(a, '+5 受理', 1);
	await tap(a, '+1 咨询', 2);
	await a.getByRole('combobox', { name: '告知原因' }).selectOption('材料不全');
	await tap(a, '+1 一次告知', 1);
	await tap(a, '+1 等候人数', 4);
	await expect(a.getByTestId('count-accepted')).toHaveText('8');
	await expect(a.getByTestId('count-waiting')).toHaveText('4');

	// Tablet B counts the same window and hour (a second clerk), with one undo, and window B02.
	await tap(b, '+1 受理', 4);
	await tap(b, '撤销 受理', 1);
	await tap(b, '+5 办结', 1);
	await expect(b.getByTestId('count-accepted')).toHaveText('3');
	await b.getByRole('combobox', { name: '窗口' }).selectOption({ label: 'B02' });
	await tap(b, '+1 受理', 2);
	await expect(b.getByTestId('count-accepted')).toHaveText('2');
	await expect(b.getByTestId('volume-day-total')).toHaveText('今日受理合计 5');
	await b.getByRole('combobox', { name: '窗口' }).selectOption({ label: 'B01' });
	await expect(b.getByTestId('sync-waiting')).toHaveText('8 项待同步');
	await a.screenshot({ path: 'docs/screenshots/volume-count.png', fullPage: true });

	// Back online: both push their deltas and pull each other's.
	for (const page of [a, b]) await page.context().setOffline(false);
	await syncUntil(a, 11);
	await syncUntil(b, 11);
	await syncUntil(a, 11);
	for (const page of [a, b]) {
		await expect(page.getByTestId('count-consulted')).toHaveText('2');
		await expect(page.getByTestId('count-completed')).toHaveText('5');
		await expect(page.getByTestId('count-refused')).toHaveText('1');
		await expect(page.getByTestId('count-waiting')).toHaveText('4');
		await expect(page.getByTestId('volume-day-total')).toHaveText('今日受理合计 13');
	}
	// After a reload the numbers are the server's confirmed rows, not the local overlay.
	await b.reload();
	await pick(b, 'B01');
	await expect(b.getByTestId('count-accepted')).toHaveText('11');
	await expect(b.getByTestId('volume-day-total')).toHaveText('今日受理合计 13');

	// The day's roll-up carries the counts into the review: this week includes Saturday.
	await a.getByRole('navigation', { name: '主要功能' }).getByRole('link', { name: '分析' }).click();
	await a.getByRole('button', { name: '本周' }).click();
	await a.locator('[data-chart="daily"]').getByRole('button', { name: '数据表' }).click();
	const saturday = a.locator('[data-chart="daily"] tbody tr', { hasText: date });
	await expect(saturday.locator('td').nth(1)).toHaveText('13');

	for (const page of [a, b]) await page.context().close();
});

test('a hall that counts on paper types in the day, the platforms’ totals and a year of history', async ({
	page
}, info) => {
	await login(page, 'duty');
	await page.goto('/volume');
	await page.getByRole('button', { name: '收工补录' }).click();
	await page.getByRole('combobox', { name: '业务类别' }).selectOption('税务');
	const first = page.getByRole('row').nth(1);
	const hour = (await first.getByRole('rowheader').textContent())!;
	const accepted = first.getByRole('textbox', { name: `${hour} 受理` });
	const before = Number(await accepted.inputValue());
	await accepted.fill(String(before + 30));
	await first.getByRole('textbox', { name: `${hour} 一次办成` }).fill('99999');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByTestId('sheet-status')).toHaveText('有 1 处需要更正，已标红');
	await expect(first.getByText('一次办成不能多于办结')).toBeVisible();
	await page.screenshot({ path: 'docs/screenshots/volume-sheet.png', fullPage: true });
	await first.getByRole('textbox', { name: `${hour} 一次办成` }).fill('0');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByTestId('sheet-status')).toHaveText('已保存 1 行的变化');
	await expect(accepted).toHaveValue(String(before + 30));

	// Platform totals: the online portal's figure for 税务, typed as a total.
	await page.getByRole('button', { name: '平台日合计' }).click();
	await page.getByRole('combobox', { name: '渠道' }).selectOption('online');
	await page.getByRole('textbox', { name: '税务 受理' }).fill('57');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByTestId('sheet-status')).toHaveText('已保存 1 行的变化');
	await page.screenshot({ path: 'docs/screenshots/volume-platform.png', fullPage: true });

	// Import: a file with a bad row imports nothing and names the row and column.
	await page.getByRole('button', { name: '导入历史数据' }).click();
	const header = '日期,时段,类别,渠道,窗口,受理,办结,咨询,一次办成,一次告知,告知原因';
	const good = [
		header,
		'2024-03-04,9,税务,现场办,,12,11,3,10,1,材料不全:1',
		'2024-03-04,10,税务,现场办,,15,15,2,14,0,',
		'2024-03-04,0,税务,网上办,,40,40,0,38,0,'
	];
	const bad = [...good.slice(0, 2), '2024-03-04,10,税务,柜台办,,15,15,2,14,0,', good[3]];
	const badFile = info.outputPath('bad.csv');
	const goodFile = info.outputPath('good.csv');
	writeFileSync(badFile, bad.join('\n'));
	writeFileSync(goodFile, good.join('\n'));
	// The typed counts reach the server first, so that a queue that stays empty says the bad
	// file queued nothing (reading a count mid-sync raced the sync).
	const pending = page.getByTestId('sync-waiting');
	await expect(pending).toHaveText('已全部同步', { timeout: 30_000 });
	const queuedBefore = await pending.textContent();
	await page.getByLabel('选择文件').setInputFiles(badFile);
	await expect(page.getByTestId('import-errors')).toContainText(
		'第 3 行“渠道”列：“柜台办”应为现场办、网上办、掌上办或自助办。'
	);
	await expect(page.getByRole('button', { name: '导入', exact: true })).toHaveCount(0);
	await page.screenshot({ path: 'docs/screenshots/volume-import.png', fullPage: true });
	expect(await pending.textContent()).toBe(queuedBefore);

	await page.getByLabel('选择文件').setInputFiles(goodFile);
	await expect(page.getByTestId('import-preview')).toHaveText(
		'3 行，2024-03-04 至 2024-03-04 共 1 天，受理合计 67 件。'
	);
	await page.getByRole('button', { name: '导入', exact: true }).click();
	await expect(page.getByTestId('import-status')).toHaveText(/已从 good.csv 导入 3 行/);
	const progress = page.getByRole('progressbar', { name: '导入进度' });
	await expect(progress).toHaveAttribute('aria-valuenow', '3');
	await expect(progress).toHaveAttribute('aria-valuemax', '3');
	await expect(progress).toHaveAttribute('aria-valuetext', '已写入 3 / 3 行');
	await expect(pending).toHaveText('已全部同步', { timeout: 30_000 });

	// The imported day reaches the review through its roll-up.
	await page
		.getByRole('navigation', { name: '主要功能' })
		.getByRole('link', { name: '分析' })
		.click();
	await page.getByRole('button', { name: '自定义' }).click();
	await page.getByLabel('开始日期').fill('2024-03-04');
	await page.getByLabel('结束日期').fill('2024-03-04');
	await expect(page.getByTestId('summary-daily')).toContainText('1 天共受理 67 件');
});
