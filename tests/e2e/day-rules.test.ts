/**
 * Rules that match the hall's day (issue 16): a duty lead logs 延时 on a weekday the hall has no
 * plan for, with the last person served and no one left waiting; a manager opens a public service
 * window the plan left out and sees R3 flag it, citing the plan's clause in words.
 */
import { expect, test } from './fixtures';
import { comingSaturday, hallDate, login, shiftDate, weekdayOf } from './helpers';

/** The last Monday–Friday before today: a working day the demo has no plan for. */
function lastWeekday(): string {
	let day = shiftDate(hallDate(), -1);
	while ([0, 6].includes(weekdayOf(day))) day = shiftDate(day, -1);
	return day;
}

/**
 * The Saturday two weeks after the coming one: planned by the demo (four weeks ahead), touched by
 * no other journey (the advice journey replans the one a week sooner).
 */
const saturdayInThreeWeeks = () => comingSaturday(2);

test('a duty lead logs 延时 on a weekday without a plan; a manager sees R3 flag a window off the plan', async ({
	page,
	browser
}) => {
	test.setTimeout(150_000);
	const weekday = lastWeekday();
	await login(page, 'duty');
	await page.goto(`/?date=${weekday}`);
	await expect(page.getByText('今天没有排班计划')).toBeVisible();
	const extended = page.getByRole('region', { name: '延时服务' });
	await expect(extended.getByText('今天尚无延时服务记录')).toBeVisible();
	await extended.getByLabel('时段').selectOption({ label: '下班延时' });
	await extended.getByLabel('开始', { exact: true }).fill('17:00');
	await extended.getByLabel('结束', { exact: true }).fill('17:40');
	await extended.getByLabel('延时服务人数').fill('3');
	await extended.getByLabel('最后服务的办事人（取号号码或姓名）').fill('A031');
	// Without the word that no one is left waiting, the form does not go.
	await extended.getByRole('button', { name: '记录延时服务' }).click();
	await expect(extended.getByTestId('extended-list')).toHaveCount(0);
	await extended.getByLabel('确认已无群众等候').check();
	await extended.getByRole('button', { name: '记录延时服务' }).click();
	const row = '下班延时 · 整个大厅 17:00–17:40，服务 3 人，最后一位：A031，无人等候';
	await expect(extended.getByTestId('extended-list')).toHaveText(row);
	await page.getByRole('button', { name: '立即同步' }).click();
	await expect(page.getByTestId('sync-waiting')).toHaveText('已全部同步', { timeout: 30_000 });

	// The manager's tablet receives it, and then leaves a public-service window out of a Saturday's plan.
	const other = await browser.newContext();
	const manager = await other.newPage();
	await login(manager, 'manager');
	await manager.goto(`/?date=${weekday}`);
	await expect(
		manager.getByRole('region', { name: '延时服务' }).getByTestId('extended-list')
	).toHaveText(row, { timeout: 30_000 });

	const saturday = saturdayInThreeWeeks();
	await manager.goto(`/roster/day?date=${saturday}`);
	await expect(manager.getByRole('heading', { level: 1 })).toContainText('排班计划');
	// The demo plans two public-service windows for that Saturday; once the plan has been read
	// (the page first draws a new plan), the manager takes the first of them out.
	const plannedPublic = manager.locator('[data-testid^="plan-window-F"]').filter({
		has: manager.getByRole('checkbox', { checked: true })
	});
	await expect(plannedPublic).toHaveCount(2, { timeout: 30_000 });
	const testId = (await plannedPublic.first().getAttribute('data-testid'))!;
	const code = testId.replace('plan-window-', '');
	await manager.getByTestId(testId).getByRole('checkbox').uncheck();
	await manager.getByRole('button', { name: '保存计划' }).click();
	await expect(manager.getByText(/^计划已保存/)).toBeVisible();
	await expect(manager.getByTestId(testId).getByRole('checkbox')).not.toBeChecked();

	// On the day, the window is opened anyway: R3 flags it, in the plan's words.
	await manager.goto(`/?date=${saturday}`);
	const opened = manager.getByTestId(`board-window-${code}`);
	await expect(opened.getByTestId('window-state')).toHaveText('已关闭');
	await opened.getByRole('button', { name: /^开放窗口/ }).click();
	await expect(opened.getByTestId('window-state')).toHaveText('开放中');
	const rules = manager.getByRole('region', { name: '规则检查' });
	const flagged = `公共服务窗口${code}不在当天计划中却已开放`;
	const finding = rules.getByRole('listitem').filter({ hasText: flagged });
	await expect(finding).toBeVisible();
	await expect(finding).toContainText('方案条款：每个公共服务窗口当天至少安排 1 名工作人员');

	// Closed again, the finding goes; the plan stays as the manager saved it.
	await opened.getByRole('button', { name: /^关闭窗口/ }).click();
	await expect(rules.getByText(flagged)).toHaveCount(0);
	await expect(manager.getByTestId('sync-waiting')).toHaveText('已全部同步', { timeout: 30_000 });
	await other.close();
});
