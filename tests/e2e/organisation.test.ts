import { expect, test, type Page } from './fixtures';
import { readSheet } from 'read-excel-file/node';
import { controlledByServiceWorker, login } from './helpers';

const shot = (page: Page, name: string) =>
	page.screenshot({ path: `docs/screenshots/organisation-${name}.png`, fullPage: false });

const windowsCsv = (category: string) => ({
	name: '窗口清单.csv',
	mimeType: 'text/csv',
	buffer: Buffer.from(
		'\uFEFF窗口号,窗口类型,业务类别,所属部门\r\n' +
			'T01,综合受理窗口,行政审批,税务局\r\n' +
			`T02,综合受理窗口,${category},税务局\r\n`
	)
});

test('a manager keeps the organisation offline: staff, R6 contact, an all-or-nothing window import, XLSX export', async ({
	page,
	context,
	browser
}) => {
	await login(page, 'manager');
	await page
		.getByRole('navigation', { name: '主要功能' })
		.getByRole('link', { name: '设置' })
		.click();
	await page.getByRole('link', { name: '管理科室、人员、专班与窗口' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('组织管理');
	await expect(page.getByTestId('org-staff-row').first()).toBeVisible();
	await shot(page, 'overview');

	await controlledByServiceWorker(page);
	// The XLSX module is not precached: this screen fetches it while online, and the service
	// worker's runtime cache keeps it, so the export below works offline.
	await expect
		.poll(
			() =>
				page.evaluate(async () => {
					const cache = await caches.open('budayang-spreadsheet');
					return (await cache.keys()).map((r) => new URL(r.url).pathname);
				}),
			{ timeout: 30_000 }
		)
		.toContainEqual(expect.stringMatching(/\/chunks\/spreadsheet-[^/]+\.js$/));
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('sync-state')).toHaveText('离线');

	// A new member of 税务局, phone masked on screen until a manager reveals it.
	const add = page.getByRole('form', { name: '添加工作人员' });
	await add.getByLabel('姓名').fill('测试员甲');
	await add.getByLabel('所属部门').selectOption({ label: '税务局' });
	await add.getByLabel('职务').fill('预约专员');
	await add.getByLabel('手机号').fill('13900009999');
	await add.getByRole('button', { name: '添加工作人员' }).click();
	const row = page.getByTestId('org-staff-row').filter({ hasText: '测试员甲' });
	await expect(row).toContainText('139****9999');
	await row.getByRole('button', { name: '显示 测试员甲 的号码' }).click();
	await expect(row).toContainText('13900009999');
	await row.getByRole('button', { name: '隐藏 测试员甲 的号码' }).click();
	await expect(row).not.toContainText('13900009999');

	// R6: the new member becomes 税务局's appointment contact.
	const tax = page.getByRole('form', { name: '税务局 预约专人（R6）' });
	await tax.getByLabel('预约专人（R6）').selectOption({ label: '测试员甲 · 预约专员' });
	await tax.getByRole('button', { name: '保存' }).click();
	await expect(page.getByText('已保存税务局的预约专人')).toBeVisible();

	// The office gains a member, and loses them again.
	const office = page.getByTestId('task-force-office');
	await office.getByLabel('人员').selectOption({ label: '测试员甲 · 税务局' });
	await office.getByLabel('角色').selectOption({ label: '成员' });
	await office.getByRole('button', { name: '添加到专班办公室' }).click();
	const inOffice = office.getByRole('listitem').filter({ hasText: '测试员甲' });
	await expect(inOffice).toContainText('成员');
	await office.getByRole('button', { name: '将 测试员甲 移出' }).click();
	await expect(inOffice).toHaveCount(0);

	// A window file with one bad row: the message names row and column, and nothing is imported.
	const input = page.getByLabel('导入窗口（CSV 或 XLSX）');
	await input.setInputFiles(windowsCsv(''));
	const errors = page.getByTestId('import-errors');
	await expect(errors).toContainText('窗口清单.csv 有 1 处错误，未导入任何数据');
	await expect(errors).toContainText('第 3 行 C 列（业务类别）：综合受理窗口必须填写业务类别');
	await expect(page.getByTestId('org-window-row').filter({ hasText: 'T01' })).toHaveCount(0);
	await errors.scrollIntoViewIfNeeded();
	await shot(page, 'import-error');

	// Fixed, the same file goes in whole.
	await input.setInputFiles(windowsCsv('不动产登记'));
	await expect(page.getByTestId('import-status')).toHaveText('已从 窗口清单.csv 导入 2 行');
	const importing = page.getByRole('progressbar', { name: '导入进度' }).first();
	await expect(importing).toHaveAttribute('aria-valuenow', '2');
	await expect(importing).toHaveAttribute('aria-valuemax', '2');
	await expect(importing).toHaveAttribute('aria-valuetext', '已读取 2 行 · 已写入 2 / 2 行');
	await expect(errors).toHaveCount(0);
	await expect(page.getByTestId('org-window-row').filter({ hasText: 'T02' })).toContainText(
		'不动产登记'
	);

	// XLSX export works offline, from the runtime cache filled above.
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: '导出窗口 XLSX' }).click();
	const download = await downloading;
	const exporting = page.getByRole('progressbar', { name: '导出进度' });
	await expect(exporting).toHaveAttribute('aria-valuetext', /^已写入文件 (\d+) \/ \1 行$/);
	expect(download.suggestedFilename()).toMatch(/^窗口清单-\d{4}-\d{2}-\d{2}\.xlsx$/);
	const cells = (await readSheet(await download.path())).flat().map(String);
	expect(cells).toContain('窗口号');
	expect(cells).toContain('T02');
	expect(cells).toContain('不动产登记');

	// Everything survives a reload offline, still waiting to sync.
	await page.reload();
	await expect(page.getByTestId('org-window-row').filter({ hasText: 'T02' })).toBeVisible();
	await expect(page.getByTestId('org-staff-row').filter({ hasText: '测试员甲' })).toHaveClass(
		/pending/
	);
	await page.setViewportSize({ width: 800, height: 1280 });
	await page.getByTestId('org-staff-row').filter({ hasText: '测试员甲' }).scrollIntoViewIfNeeded();
	await shot(page, 'offline-tablet');
	await page.setViewportSize({ width: 1280, height: 800 });

	await context.setOffline(false);
	await page.getByRole('button', { name: '立即同步' }).click();
	await expect(page.getByTestId('sync-waiting')).toHaveText('已全部同步', { timeout: 30_000 });
	await page.reload();
	await expect(page.getByTestId('org-staff-row').filter({ hasText: '测试员甲' })).not.toHaveClass(
		/pending/
	);

	// Another tablet sees what the server kept.
	const other = await browser.newContext();
	const second = await other.newPage();
	await login(second, 'manager');
	await second.goto('/settings/organisation');
	await expect(second.getByTestId('org-window-row').filter({ hasText: 'T01' })).toContainText(
		'行政审批'
	);
	await expect(second.getByTestId('org-staff-row').filter({ hasText: '测试员甲' })).toBeVisible();
	await expect(
		second
			.getByRole('form', { name: '税务局 预约专人（R6）' })
			.getByLabel('预约专人（R6）')
			.locator('option:checked')
	).toHaveText('测试员甲 · 预约专员');
	await other.close();
});
