/**
 * A usable board first (issue 15): a manager's first login on a new tablet shows today's board,
 * the roster and the year's review while the history of raw rows still comes in the background
 * behind a progress bar (percent and rows); a reload in the middle goes on where it stopped, and
 * at the end the review still shows the whole year.
 *
 * The history's pages are held back a moment here, as a slow line would, so that the journey can
 * look at the tablet while they come; once it has seen the history resume, the rest comes freely.
 */
import { expect, test, type Page } from './fixtures';
import { PASSWORD, readTable, seriousIssues, thisWeekend } from './helpers';

const HISTORY_DELAY_MS = 1500;

interface Meta {
	key: string;
	value: unknown;
}
interface Position {
	after: number;
	upTo: number;
	received: number;
	total: number;
}

/** Today if the hall's today is a Saturday or Sunday, else the coming Saturday. */
async function historyPosition(page: Page): Promise<Position | undefined> {
	const meta = await readTable<Meta>(page, 'meta');
	return meta.find((m) => m.key === 'history')?.value as Position | undefined;
}

/** The review's total for the last twelve months, as its summary sentence says it. */
async function yearTotal(page: Page): Promise<string> {
	await page.getByRole('button', { name: '最近 12 个月', exact: true }).click();
	const summary = page.getByTestId('review-summary');
	await expect(summary).toContainText(/共受理 [1-9]/);
	return (await summary.textContent())!.match(/共受理 ([\d,，]+) 件/)![1];
}

test('a first login shows the board before the history, which resumes after a reload', async ({
	page
}) => {
	test.setTimeout(240_000);
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	const asked: URL[] = [];
	// Held back until the journey has seen the history resume after its reload; then it runs free.
	let holdBack = true;
	await page.route('**/api/sync/history?*', async (route) => {
		asked.push(new URL(route.request().url()));
		if (holdBack) await new Promise((r) => setTimeout(r, HISTORY_DELAY_MS));
		await route.continue();
	});

	await page.goto('/');
	await expect(page).toHaveURL(/\/login$/, { timeout: 60_000 });
	await page.getByLabel('用户名').fill('manager');
	await page.getByLabel('密码').fill(PASSWORD);
	await page.getByRole('button', { name: '登录', exact: true }).click();

	// The board: today's appointments and the window advice, from the priority set.
	await expect(page).toHaveURL(/\/$/, { timeout: 60_000 });
	await expect(page.getByTestId('board-appointments')).toHaveText(/[1-9]/, { timeout: 30_000 });
	// The demo plans its non-working days only, so on a weekday the advice is the coming
	// weekend's, which the priority set also brings.
	await page.goto(`/?date=${thisWeekend()}`);
	await expect(page.getByTestId('window-advice')).toBeVisible({ timeout: 30_000 });
	await expect(page.getByRole('heading', { name: '窗口开放' })).toBeVisible();

	// …while the history comes, with its bar: percent and rows.
	const bar = page.getByTestId('sync-progress');
	await expect(bar).toBeVisible();
	await expect(bar).toContainText('看板已可用，正在后台接收历史记录');
	await expect(bar).toContainText(/已接收 [\d,]+ \/ [\d,]+ 条（\d+%）/);
	const progressbar = bar.getByRole('progressbar');
	const percent = Number(await progressbar.getAttribute('aria-valuenow'));
	expect(percent).toBeGreaterThan(0);
	expect(percent).toBeLessThan(100);
	expect(await historyPosition(page)).toBeDefined();
	expect(await seriousIssues(page)).toEqual([]);
	await page.screenshot({ path: 'docs/screenshots/first-login-board.png', fullPage: false });

	// The roster works meanwhile.
	await page.goto('/roster');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('排班');
	await expect(page.getByTestId('staffing-status').first()).toBeVisible({ timeout: 30_000 });

	// So does the review, over the whole year: the roll-ups came with the priority set.
	await page.goto('/review');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('业务量分析');
	const during = await yearTotal(page);
	const inTheMiddle = await historyPosition(page);
	expect(inTheMiddle).toBeDefined();
	const days = await readTable<{ date: string }>(page, 'dailyVolume');
	expect(days.length).toBeGreaterThan(300);

	// A reload in the middle: the history goes on from the page it had reached.
	await expect.poll(async () => (await historyPosition(page))?.after ?? 0).toBeGreaterThan(0);
	const kept = (await historyPosition(page))!;
	const before = asked.length;
	await page.reload();
	await expect(page.getByTestId('sync-progress')).toBeVisible({ timeout: 30_000 });
	await expect.poll(() => asked.length).toBeGreaterThan(before);
	const resumedFrom = Number(asked[before].searchParams.get('after'));
	expect(resumedFrom).toBeGreaterThanOrEqual(kept.after);
	expect(resumedFrom).toBeGreaterThan(0);
	expect(asked.slice(before).every((u) => u.searchParams.get('after') !== '0')).toBe(true);
	holdBack = false;

	// The end of the history: the bar goes, and the review shows the same whole year.
	await expect(page.getByTestId('sync-progress')).toHaveCount(0, { timeout: 180_000 });
	expect(await historyPosition(page)).toBeUndefined();
	const volume = await readTable<{ date: string }>(page, 'volume');
	expect(volume.length).toBeGreaterThan(20_000);
	await page.goto('/review');
	expect(await yearTotal(page)).toBe(during);
	expect(errors).toEqual([]);
});
