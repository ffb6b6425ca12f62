/**
 * The district view (issue 19): the district office logs in, sees the demo district's three
 * centres side by side, changes the month, reads the findings across centres, holds no centre's
 * records on the tablet, and still sees the last figures (with their time) when offline.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from './fixtures';
import { hallDate, PASSWORD, readTable, seriousIssues } from './helpers';

const centres = ['示范区东部政务服务分中心', '示范区政务服务中心', '示范区西部政务服务分中心'];

async function loginDistrict(page: Page) {
	await page.goto('/');
	await expect(page).toHaveURL(/\/login$/);
	await page.getByLabel(/用户名|User name/).fill('district');
	await page.getByLabel(/密码|Password/).fill(PASSWORD);
	await page.getByRole('button', { name: /^(登录|Log in)$/ }).click();
	// Its one screen: the district view, whatever the login page opens.
	await expect(page).toHaveURL(/\/district$/, { timeout: 90_000 });
	await expect(page.getByTestId('sync-state')).toHaveText(/在线|Online/, { timeout: 90_000 });
}

interface Answer {
	centres: { name: string; figures: { received: number; casesAccepted: number } }[];
	findings: { centreId: string }[];
}

const answer = async (page: Page, month: string): Promise<Answer> => {
	const res = await page.request.get(`/api/district?month=${month}`);
	expect(res.status()).toBe(200);
	return (await res.json()) as Answer;
};

const monthBefore = (month: string) => {
	const [y, m] = month.split('-').map(Number);
	return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

test('the district office compares the centres month by month and reads the findings', async ({
	page
}) => {
	const thisMonth = hallDate().slice(0, 7);
	const lastMonth = monthBefore(thisMonth);
	await loginDistrict(page);

	// Its bar holds the district view and the settings, nothing of a centre's day.
	const nav = page.getByRole('navigation', { name: '主要功能' });
	await expect(nav.getByRole('link')).toHaveText(['全区汇总', '设置']);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('全区各中心月度汇总');
	await expect(page.getByTestId('district-month')).toHaveValue(lastMonth);

	// Three centres side by side, each column the figures the server worked out.
	const table = page.getByTestId('district-table');
	await expect(table.getByRole('columnheader')).toHaveText(['指标', ...centres]);
	const last = await answer(page, lastMonth);
	expect(last.centres.map((c) => c.name)).toEqual(centres);
	expect(last.centres.every((c) => c.figures.received > 0)).toBe(true);
	const received = table.getByRole('row', { name: /^接待人次/ });
	await expect(received.getByRole('cell')).toHaveText(
		last.centres.map((c) => c.figures.received.toLocaleString('zh-CN'))
	);
	await expect(page.getByTestId('district-fetched')).toContainText('数据取得时间');

	expect(await seriousIssues(page)).toEqual([]);

	const findingRows = async (month: string) => {
		const expected = (await answer(page, month)).findings.length;
		if (expected === 0) {
			await expect(page.getByTestId('district-no-findings')).toBeVisible();
		} else {
			const rows = page.getByTestId('district-findings').locator('tbody tr');
			await expect(rows).toHaveCount(expected);
			// Each names its centre, department, check item and status; never a person.
			await expect(rows.first().getByRole('cell').nth(1)).toHaveText(new RegExp(centres.join('|')));
		}
		return expected;
	};
	const lastFindings = await findingRows(lastMonth);
	mkdirSync('docs/screenshots', { recursive: true });
	await page.screenshot({ path: 'docs/screenshots/district.png', fullPage: true });

	// Another month: the columns change with it. The demo's rounds fall on the last Saturday and
	// four weeks before, so this month and the last hold at least one finding between them.
	await page.getByTestId('district-month').fill(thisMonth);
	await page.getByTestId('district-month').dispatchEvent('change');
	const now = await answer(page, thisMonth);
	await expect(received.getByRole('cell')).toHaveText(
		now.centres.map((c) => c.figures.received.toLocaleString('zh-CN'))
	);
	expect(lastFindings + (await findingRows(thisMonth))).toBeGreaterThan(0);

	// Nothing of any centre is on this tablet: the pull gave the district office no record.
	for (const name of ['appointment', 'staff', 'inspection', 'volume', 'attendance']) {
		expect(await readTable(page, name), name).toEqual([]);
	}
	// And the server refuses it the centre's other screens' data (the audit log, a reveal).
	expect((await page.request.get('/api/audit')).status()).toBe(403);

	// Offline, the last figures fetched stay, with their time.
	await page.context().setOffline(true);
	await page.getByTestId('district-month').fill(lastMonth);
	await page.getByTestId('district-month').dispatchEvent('change');
	await expect(page.getByText(/当前离线：显示的是 .* 取得的数据/)).toBeVisible();
	await expect(received.getByRole('cell')).toHaveText(
		last.centres.map((c) => c.figures.received.toLocaleString('zh-CN'))
	);
	// A month never fetched says it needs the network.
	await page.getByTestId('district-month').fill(monthBefore(lastMonth));
	await page.getByTestId('district-month').dispatchEvent('change');
	await expect(page.getByText(/需要联网后才能获取/)).toBeVisible();
	await page.context().setOffline(false);
});

test('a manager has no district view: no link, and the endpoint answers 403', async ({ page }) => {
	await page.goto('/');
	await page.getByLabel(/用户名|User name/).fill('manager');
	await page.getByLabel(/密码|Password/).fill(PASSWORD);
	await page.getByRole('button', { name: /^(登录|Log in)$/ }).click();
	await expect(page).toHaveURL(/\/$/, { timeout: 90_000 });
	await expect(page.getByRole('link', { name: '全区汇总' })).toHaveCount(0);
	const res = await page.request.get(`/api/district?month=${hallDate().slice(0, 7)}`);
	expect(res.status()).toBe(403);
});
