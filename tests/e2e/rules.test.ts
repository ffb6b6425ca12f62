/**
 * The rules as data (issue 16): a manager raises R1 for the centre, the plans are checked against
 * the new number at once, in the plan's words, and the change is kept as a revision; a duty lead
 * reads the rules but cannot change them.
 */
import { expect, test, type Page } from './fixtures';
import { comingSaturday, login } from './helpers';

/** The hall's date of the coming Saturday, a 不打烊 day the demo has a plan for. */
async function setR1(page: Page, count: number) {
	await page.goto('/settings/rules');
	const r1 = page.getByRole('region', { name: /^每类综合受理窗口每天至少开放/ });
	await r1.getByLabel('每类最少开放窗口数').fill(String(count));
	await expect(r1.getByRole('heading')).toHaveText(`每类综合受理窗口每天至少开放 ${count} 个`);
	const before = await page.getByTestId('rules-revision').textContent();
	await page.getByRole('button', { name: '保存规则' }).click();
	await expect(page.getByTestId('rules-revision')).not.toHaveText(before ?? '');
	await expect(page.getByTestId('rules-revision')).toHaveText(/^第 \d+ 版$/);
}

test('a manager raises R1; plans are checked against it at once; a duty lead only reads', async ({
	page,
	browser
}) => {
	test.setTimeout(150_000);
	const day = comingSaturday();
	await login(page, 'manager');
	await page.goto('/settings/rules');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('值班规则');
	await expect(
		page.getByRole('heading', { name: '每类综合受理窗口每天至少开放 2 个' })
	).toBeVisible();
	await expect(
		page.getByRole('heading', {
			name: '受理预约的科室和部门指定预约专人、建立预约台账，预约专人按时到岗'
		})
	).toBeVisible();

	// A number out of range is refused in words, and nothing is saved.
	const r1 = page.getByRole('region', { name: /^每类综合受理窗口每天至少开放/ });
	await r1.getByLabel('每类最少开放窗口数').fill('99');
	await page.getByRole('button', { name: '保存规则' }).click();
	await expect(page.getByText('每类最少开放窗口数应为 0 到 50 之间的整数')).toBeVisible();

	await setR1(page, 3);
	await page.screenshot({ path: 'docs/screenshots/rules-editor.png', fullPage: false });
	await page.goto(`/roster/day?date=${day}`);
	const finding = page.getByText(/综合受理窗口开放\d+个，少于规定的3个/).first();
	await expect(finding).toBeVisible();

	// A duty lead sees the same rules and cannot change them.
	const other = await browser.newContext();
	const duty = await other.newPage();
	await login(duty, 'duty');
	await duty.goto('/settings/rules');
	await expect(
		duty.getByRole('heading', { name: '每类综合受理窗口每天至少开放 3 个' })
	).toBeVisible();
	await expect(duty.getByLabel('每类最少开放窗口数')).toBeDisabled();
	await expect(duty.getByRole('button', { name: '保存规则' })).toHaveCount(0);
	await other.close();

	// Back to the plan's number, for the other journeys on the shared demo centre.
	await setR1(page, 2);
	await page.goto(`/roster/day?date=${day}`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('排班计划');
	await expect(page.getByText(/少于规定的3个/)).toHaveCount(0);
	await expect(page.getByTestId('sync-waiting')).toHaveText('已全部同步', { timeout: 30_000 });
});
