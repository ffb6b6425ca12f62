import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { login } from './helpers';

/** The centre's line of the figures table: ratings, rate, bad, bad not followed up. */
async function totals(page: Page) {
	const cells = await page.getByTestId('evaluation-figures-total').locator('td').allInnerTexts();
	return { count: Number(cells[0]), bad: Number(cells[2]), unfollowed: Number(cells[3]) };
}

const openEvaluations = (page: Page) =>
	page.getByRole('navigation', { name: '主要功能' }).getByRole('link', { name: '好差评' }).click();

async function seriousIssues(page: Page) {
	const axe = await new AxeBuilder({ page }).analyze();
	return axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const optionAt = async (select: Locator, index: number) => {
	await select.selectOption({ index });
	return select.locator('option:checked').innerText();
};

test('a duty lead records a bad rating on a tablet, a manager follows it up, figures and supervision change', async ({
	browser
}) => {
	// Each its own context: two devices, and axe needs a context it made the page in.
	const tablet = await (
		await browser.newContext({ viewport: { width: 800, height: 1280 } })
	).newPage();
	await login(tablet, 'duty');
	await openEvaluations(tablet);
	await expect(tablet.getByRole('heading', { level: 1 })).toHaveText('好差评');
	const figures = tablet.getByTestId('evaluation-figures');
	await expect(figures).toContainText('合计');
	await expect.poll(async () => (await totals(tablet)).count).toBeGreaterThan(0);
	const before = await totals(tablet);
	// A duty lead records ratings but does not follow them up.
	await expect(tablet.getByRole('form', { name: '差评整改' })).toHaveCount(0);

	const entry = tablet.getByRole('form', { name: '窗口登记评价' });
	// Everything missing is named at once, in Chinese.
	await entry.getByRole('button', { name: '登记评价' }).click();
	await expect(entry.getByRole('alert')).toHaveText([
		'评价编号只能包含字母、数字和 - _ / .，最长 40 位',
		'请选择被评价工作人员',
		'请选择事项',
		'请选择评价等级'
	]);
	await entry.getByLabel('评价编号').fill('E2E-HCP-0001');
	await entry.getByLabel('评价渠道').selectOption({ label: '二维码' });
	const staff = await optionAt(entry.getByLabel('被评价工作人员'), 1);
	await entry.getByLabel(/^窗口/).selectOption({ index: 1 });
	await entry.getByLabel('事项').selectOption({ label: '企业注销登记' });
	await entry.getByLabel('非常不满意').check();
	await entry.getByLabel(/评价内容/).fill('材料要求没有一次说清楚');
	await entry.getByRole('button', { name: '登记评价' }).click();

	const awaiting = tablet.getByTestId('evaluations-awaiting');
	await expect(awaiting).toContainText('E2E-HCP-0001');
	await expect(awaiting).toContainText(staff);
	// Sent and confirmed by the server before the manager looks.
	await expect(awaiting.locator('li.pending')).toHaveCount(0, { timeout: 30_000 });
	await expect
		.poll(() => totals(tablet))
		.toEqual({ count: before.count + 1, bad: before.bad + 1, unfollowed: before.unfollowed + 1 });
	// The same number again is refused in words.
	await entry.getByLabel('评价编号').fill('E2E-HCP-0001');
	await entry.getByLabel('满意', { exact: true }).check();
	await entry.getByRole('button', { name: '登记评价' }).click();
	await expect(
		tablet.getByText('评价编号 E2E-HCP-0001 已登记，不能重复登记').first()
	).toBeVisible();
	expect(await seriousIssues(tablet)).toEqual([]);
	await expect
		.poll(() => tablet.evaluate(() => document.documentElement.scrollWidth))
		.toBeLessThanOrEqual(800);

	// The manager finds it on the supervision page, as an item to act on.
	const desk = await (
		await browser.newContext({ viewport: { width: 1280, height: 800 } })
	).newPage();
	await login(desk, 'manager');
	await desk
		.getByRole('navigation', { name: '主要功能' })
		.getByRole('link', { name: '督导' })
		.click();
	const toAct = desk.getByTestId('supervision-evaluations');
	await expect(toAct).toContainText('E2E-HCP-0001');
	await desk.getByRole('link', { name: '去整改' }).click();
	await expect(desk.getByRole('heading', { level: 1 })).toHaveText('好差评');
	const managerBefore = await totals(desk);

	await desk.getByRole('button', { name: '整改 E2E-HCP-0001' }).click();
	const form = desk.getByRole('form', { name: '差评整改' });
	await expect(form.getByLabel('差评编号')).toHaveValue('evaluation-E2E-HCP-0001');
	await form.getByRole('button', { name: '保存整改情况' }).click();
	await expect(form.getByRole('alert')).toHaveText(['请选择整改负责人', '请填写整改情况']);
	await form.getByLabel('整改负责人').selectOption({ index: 1 });
	await form.getByLabel('整改情况').fill('约谈窗口人员，修订一次性告知单');
	await form.getByLabel('已回访评价人').check();
	await form.getByRole('button', { name: '保存整改情况' }).click();
	await expect(desk.getByTestId('evaluations-awaiting')).not.toContainText('E2E-HCP-0001');
	await expect
		.poll(() => totals(desk))
		.toEqual({ ...managerBefore, unfollowed: managerBefore.unfollowed - 1 });
	expect(await seriousIssues(desk)).toEqual([]);
	await desk.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
	await desk.screenshot({ path: 'docs/screenshots/evaluations-overview.png', fullPage: false });

	// Gone from the supervision list, on the manager's screen and then on the duty lead's tablet.
	await desk
		.getByRole('navigation', { name: '主要功能' })
		.getByRole('link', { name: '督导' })
		.click();
	await expect(desk.getByTestId('supervision-evaluations')).not.toContainText('E2E-HCP-0001');
	await tablet.reload();
	await expect(tablet.getByTestId('evaluations-awaiting')).not.toContainText('E2E-HCP-0001', {
		timeout: 60_000
	});
});
