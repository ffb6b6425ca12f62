/**
 * Window advice a manager can act on (issue 17): a manager plans a Saturday from the advice. The
 * advice never asks for more windows than the hall has, shows the predicted wait for the planned
 * and the advised windows, and is taken into the plan with one button, then saved. The staffing
 * status stands beside the rule status in the planner and on the week view.
 */
import { mkdirSync } from 'node:fs';
import { expect, test } from './fixtures';
import { comingSaturday, login, seriousIssues, shiftDate } from './helpers';

test('a manager plans a Saturday from the window advice', async ({ page }) => {
	test.setTimeout(150_000);
	mkdirSync('docs/screenshots', { recursive: true });
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	// The Saturday two weeks on: no other journey plans it.
	const day = comingSaturday(1);
	await login(page, 'manager');

	// The week view: every planned day shows its staffing status beside its rule status.
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.goto('/roster');
	await expect(page.getByTestId('staffing-status').first()).toBeVisible({ timeout: 30_000 });
	await expect(page.getByTestId('staffing-status').first()).not.toHaveText('暂无预测');
	await page.screenshot({ path: 'docs/screenshots/advice-week-1280.png', fullPage: false });
	expect(await seriousIssues(page)).toEqual([]);

	await page.goto(`/roster/day?date=${day}`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('排班计划');
	const advice = page.getByTestId('window-advice');
	const rows = advice.getByTestId('advice-row');
	await expect(rows.first()).toBeVisible({ timeout: 30_000 });
	const status = page.getByTestId('staffing-status');
	await expect(status).toBeVisible();
	expect(await seriousIssues(page)).toEqual([]);

	// Never more than the hall has: 建议开窗 ≤ 大厅窗口 on every row; waits in words, never ∞.
	// The advice table's own header (the demand breakdown above it is a table too).
	const table = advice.locator('table').filter({ has: page.getByTestId('advice-row') });
	const header = await table.locator('thead th').allTextContents();
	const col = (name: string) => header.indexOf(name);
	const [capacityCol, recommendedCol, plannedCol] = ['大厅窗口', '建议开窗', '计划窗口'].map(col);
	expect(capacityCol).toBeGreaterThan(0);
	const read = async () =>
		Promise.all(
			(await rows.all()).map(async (r) => {
				const cells = await r.locator('th, td').allTextContents();
				return {
					capacity: Number(cells[capacityCol]),
					recommended: Number(cells[recommendedCol]),
					planned: Number(cells[plannedCol]),
					text: cells.join(' ')
				};
			})
		);
	const before = await read();
	expect(before.length).toBeGreaterThan(4);

	// Known demand first: the Saturday's bookings stand apart from the walk-ins, in words and
	// per session, and no session expects more people by appointment than in all.
	await expect(advice.getByTestId('advice-known')).toHaveText(
		/预计到访 [\d,]+ 人，其中预约 \d+ 人（已约 \d+ 个名额，按以往到场率 \d+% 计），现场办理 [\d,]+ 人。/
	);
	const [forecastCol, bookedCol] = ['预测到访', '其中预约'].map(col);
	expect(bookedCol).toBe(forecastCol + 1);
	const split = await Promise.all(
		(await rows.all()).map(async (r) => {
			const cells = await r.locator('th, td').allTextContents();
			return [cells[forecastCol], cells[bookedCol]].map((t) => Number(t.replace(/,/g, '')));
		})
	);
	expect(split.some(([, booked]) => booked > 0)).toBe(true);
	for (const [all, booked] of split) expect(booked).toBeLessThanOrEqual(all);
	for (const r of before) {
		expect(r.recommended).toBeLessThanOrEqual(r.capacity);
		expect(r.text).not.toContain('∞');
		expect(r.text).toMatch(/平均 \d+ 分钟，结束时 \d+ 分钟|无人受理/);
	}
	await expect(advice.getByText(/“结束时”指时段结束时新来的人还要等多久/)).toBeVisible();
	// The units are stated: visits (人次), and the times a consultation and a refusal take.
	await expect(
		advice.getByText(/到访按人次计.*咨询按 \d+ 分钟，一次告知按 \d+ 分钟/)
	).toBeVisible();
	// The most urgent first: the first sentence names the session with the worst wait.
	await expect(advice.getByTestId('advice-sentence').first()).toHaveClass(/more/);

	await advice.scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'docs/screenshots/advice-plan-1280.png', fullPage: false });
	await advice.locator('table').scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/advice-table-1280.png', fullPage: false });

	// Take the advice into the plan: the planned windows follow it, row by row.
	await advice.getByTestId('advice-apply').click();
	await expect(page.getByTestId('plan-unsaved')).toBeVisible();
	await expect
		.poll(async () => (await read()).filter((r) => r.planned !== r.recommended).length)
		.toBe(0);
	await expect(advice.getByTestId('advice-apply')).toHaveCount(0);
	await expect(status).toHaveClass(/ok/);

	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.getByRole('heading', { name: '规则检查' }).scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'docs/screenshots/advice-plan-1920.png', fullPage: false });

	await page.getByRole('button', { name: '保存计划' }).click();
	await expect(page.getByText(/计划已保存/).first()).toBeVisible();
	await expect(page.getByTestId('plan-unsaved')).toHaveCount(0);

	// The saved plan reads back with the advised windows.
	await page.reload();
	await expect(rows.first()).toBeVisible({ timeout: 30_000 });
	const after = await read();
	for (const r of after) expect(r.planned).toBe(r.recommended);

	// A Saturday a year on: no figure the history cannot support, and the reason in words.
	const far = shiftDate(day, 364);
	await page.goto(`/roster/day?date=${far}`);
	await expect(advice.getByTestId('advice-beyond')).toContainText(
		/距最近一天的业务量数据（.*）已有 \d+ 天，超过 62 天，预测不可靠，暂不给出开窗建议/
	);
	await expect(rows).toHaveCount(0);
	await expect(status).toHaveText(/暂无预测/);
	expect(errors).toEqual([]);
});
