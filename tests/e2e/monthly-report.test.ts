import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';
import { hallDate, login } from './helpers';

interface Report {
	month: string;
	status: string;
	versions: { version: number; notes: string }[];
}

/** The month's report as the server holds it, read through the sync API the app itself uses. */
async function serverReport(page: Page, month: string): Promise<Report | undefined> {
	let cursor = 0;
	let found: Report | undefined;
	for (;;) {
		const res = await page.request.get(`/api/sync/pull?cursor=${cursor}`);
		expect(res.ok()).toBe(true);
		const body = (await res.json()) as {
			cursor: number;
			hasMore: boolean;
			changes: { entity: string; data?: Report }[];
		};
		for (const c of body.changes) {
			if (c.entity === 'monthlyReport' && c.data?.month === month) found = c.data;
		}
		cursor = body.cursor;
		if (!body.hasMore) return found;
	}
}

/** Last month, YYYY-MM, in the hall's time zone. */
function lastMonth(): string {
	const [y, m] = hallDate().split('-').map(Number);
	return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

test('a manager sends last month’s report, reopens it, corrects a note and sends it again', async ({
	page
}) => {
	const month = lastMonth();
	await login(page, 'manager');
	await page.getByRole('link', { name: '月报' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('不打烊·延时服务月报');
	await expect(page.getByTestId('report-month')).toHaveValue(month);
	await expect(page.getByTestId('report-status')).toHaveText('尚未填报');
	const centre = page.getByTestId('report-centre');
	await expect(centre.getByRole('row', { name: /不打烊开放天数/ })).toBeVisible();
	await expect(page.getByText('尚无报送记录。')).toBeVisible();

	const axe = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
	const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(serious.map((v) => v.id)).toEqual([]);

	// Send: the report is frozen as sent, and the server holds its first version.
	await page.getByTestId('report-notes').fill('本月不打烊运行平稳。');
	await page.getByRole('button', { name: '报送', exact: true }).click();
	await expect(page.getByTestId('report-status')).toHaveText('已报送');
	await expect(page.getByTestId('report-versions').getByRole('listitem')).toHaveCount(1);
	await expect(page.getByTestId('report-notes')).toHaveAttribute('readonly', '');
	await expect(centre.getByRole('columnheader', { name: '最近报送（第1版）' })).toBeVisible();
	await expect
		.poll(async () => (await serverReport(page, month))?.versions.length, { timeout: 30_000 })
		.toBe(1);

	// Reopen, correct the note, send again.
	await page.getByRole('button', { name: '退回修改' }).click();
	await expect(page.getByTestId('report-status')).toHaveText('草稿');
	await page.getByTestId('report-notes').fill('更正：补记月末周六的延时服务情况。');
	await page.getByRole('button', { name: '保存说明' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
	await page.getByRole('button', { name: '报送', exact: true }).click();
	await expect(page.getByTestId('report-status')).toHaveText('已报送');

	// Both versions are listed, the latest first, and each can be viewed as it was sent.
	const versions = page.getByTestId('report-versions').getByRole('listitem');
	await expect(versions).toHaveCount(2);
	await expect(versions.nth(0)).toContainText('第2版');
	await expect(versions.nth(1)).toContainText('第1版');
	await page.getByRole('button', { name: '查看第1版' }).click();
	await expect(page.getByTestId('report-version')).toContainText('本月不打烊运行平稳。');
	await page.getByRole('button', { name: '查看第2版' }).click();
	await expect(page.getByTestId('report-version')).toContainText(
		'更正：补记月末周六的延时服务情况。'
	);

	await expect
		.poll(async () => (await serverReport(page, month))?.versions.map((v) => v.notes), {
			timeout: 30_000
		})
		.toEqual(['本月不打烊运行平稳。', '更正：补记月末周六的延时服务情况。']);
	expect((await serverReport(page, month))?.status).toBe('sent');

	// The A4 print: title, notes and tables, without the app's bars and buttons.
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('navigation')).toBeHidden();
	await expect(page.getByRole('button', { name: '退回修改' })).toBeHidden();
	await expect(page.locator('.print-header')).toContainText(
		/\d{4}年\d{1,2}月 不打烊·延时服务月报$/
	);
	await expect(page.getByRole('heading', { level: 1 })).toBeHidden();
	mkdirSync('docs/screenshots', { recursive: true });
	await page.screenshot({ path: 'docs/screenshots/monthly-report-print.png', fullPage: true });
	await page.emulateMedia({ media: 'screen' });
});

test('a viewer reads the report and cannot send or reopen it', async ({ page }) => {
	await login(page, 'viewer');
	await page.goto('/report');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('不打烊·延时服务月报');
	await expect(page.getByText('当前账号只能查看月报。')).toBeVisible();
	await expect(page.getByRole('button', { name: '报送', exact: true })).toHaveCount(0);
	await expect(page.getByRole('button', { name: '退回修改' })).toHaveCount(0);
	await expect(page.getByTestId('report-versions').getByRole('listitem')).toHaveCount(2);
});
