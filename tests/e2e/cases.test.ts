import { expect, test, type Page } from './fixtures';
import { login, seriousIssues } from './helpers';

const shot = (page: Page, name: string) =>
	page.screenshot({ path: `docs/screenshots/cases-${name}.png`, fullPage: false });

/** A day a month back: a case accepted then with a three-day promise is long overdue. */
const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);

const csv = (rows: string[]) => ({
	name: '审批系统导出.csv',
	mimeType: 'text/csv',
	buffer: Buffer.from(
		'\uFEFF办件编号,事项名称,受理日期,法定时限,承诺时限,办结日期,办理结果,原因,补正材料\r\n' +
			rows.join('\r\n') +
			'\r\n'
	)
});

const good = [
	`E2E-0002,企业注销登记,${monthAgo},20,3,,,,`,
	`E2E-0003,企业注销登记,${monthAgo},20,3,${monthAgo},不予受理,不属于本部门职权范围,`
];

test('a manager enters a case, imports an export twice, and follows an overdue case to its outcome', async ({
	page
}) => {
	await page.setViewportSize({ width: 1280, height: 800 });
	await login(page, 'manager');
	await page
		.getByRole('navigation', { name: '主要功能' })
		.getByRole('link', { name: '办件' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('限时办结');
	// The demo's cases: some past their promised day, and a rates table.
	await expect(page.getByTestId('cases-overdue').locator('li').first()).toBeVisible();
	await expect(page.getByTestId('case-rates')).toContainText('合计');
	await shot(page, 'overview');

	// Entered at the window, a month ago, with a three-day promise: overdue at once.
	const entry = page.getByRole('form', { name: '窗口登记办件' });
	await entry.getByLabel('办件编号').fill('E2E-0001');
	await entry.getByLabel('事项').selectOption({ label: '企业注销登记' });
	await expect(entry.getByLabel('承诺时限（工作日）')).toHaveValue('3');
	await entry.getByLabel('受理日期').fill(monthAgo);
	await entry.getByRole('button', { name: '登记办件' }).click();
	const overdue = page.getByTestId('cases-overdue');
	await expect(overdue).toContainText('E2E-0001');
	// The same number again is refused in words.
	await entry.getByLabel('办件编号').fill('E2E-0001');
	await entry.getByLabel('受理日期').fill('2026-01-05');
	await entry.getByRole('button', { name: '登记办件' }).click();
	await expect(page.getByText('办件编号 E2E-0001 已登记，不能重复登记').first()).toBeVisible();

	// An export with one bad row: its row and column are named, and nothing is imported.
	const file = page.getByTestId('case-import-file');
	await file.setInputFiles(csv([...good, `E2E-0004,企业注销登记,2026-13-01,20,3,,,,`]));
	await expect(page.getByTestId('case-import-errors')).toContainText(
		'第 4 行 C 列（受理日期）：日期「2026-13-01」无法识别'
	);
	await expect(overdue).not.toContainText('E2E-0002');
	// Mended, it goes in; the same file a second time adds nothing.
	await file.setInputFiles(csv(good));
	await expect(page.getByTestId('case-import-status')).toContainText('导入 2 件新办件');
	await expect(overdue).toContainText('E2E-0002');
	await file.setInputFiles(csv(good));
	await expect(page.getByTestId('case-import-status')).toContainText('2 件都已导入过');
	await expect(overdue.getByText('E2E-0002', { exact: true })).toHaveCount(1);

	// The overdue case ends with 一次性告知: its reason and every material to supplement.
	await overdue.getByRole('button', { name: '办结 E2E-0001' }).click();
	const outcome = page.getByRole('form', { name: '办结登记' });
	await expect(outcome.getByLabel('办件编号')).toHaveValue('E2E-0001');
	await outcome.getByLabel('一次性告知').check();
	await outcome.getByRole('button', { name: '保存办理结果' }).click();
	// Everything missing is named at once.
	await expect(outcome.getByRole('alert')).toHaveText(['请选择原因', '请填写需补正的材料']);
	await outcome.locator('select').selectOption({ label: '材料不齐全' });
	await outcome.getByLabel('需补正的材料').fill('身份证复印件\n授权委托书');
	await outcome.getByRole('button', { name: '保存办理结果' }).click();
	await expect(overdue).not.toContainText('E2E-0001');

	expect(await seriousIssues(page)).toEqual([]);

	await page.setViewportSize({ width: 800, height: 1280 });
	await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
	await expect
		.poll(() => page.evaluate(() => document.documentElement.scrollWidth))
		.toBeLessThanOrEqual(800);
	await shot(page, 'portrait');
});
