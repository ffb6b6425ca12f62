import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';
import { hallDate, login, shiftDate, weekdayOf } from './helpers';

const shot = (page: Page, name: string) =>
	page.screenshot({ path: `docs/screenshots/overtime-${name}.png`, fullPage: true });

/** The first Monday to Friday after today in the hall: a working day to take time off on. */
function nextWeekday(): string {
	let day = shiftDate(hallDate(), 1);
	while ([0, 6].includes(weekdayOf(day))) day = shiftDate(day, 1);
	return day;
}

const hoursOf = (text: string) => Number(/([\d.]+)/.exec(text.replace(/,/g, ''))?.[1] ?? NaN);

test('a manager opens a month, approves a person, records half a day off and sees the balance', async ({
	page
}) => {
	await page.setViewportSize({ width: 1280, height: 800 });
	await login(page, 'manager');
	await page
		.getByRole('navigation', { name: '主要功能' })
		.getByRole('link', { name: '加班调休' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('加班与调休');

	// Last month: the demo's weekends of duty, checked in by their duty leads, wait for approval.
	await page.getByRole('button', { name: '上月' }).click();
	const table = page.getByTestId('overtime-people');
	await expect(table.getByText('待审批').first()).toBeVisible();
	// Someone with at least half a day to take: the first waiting row with four hours or more.
	const rows = table.locator('tbody tr').filter({ hasText: '待审批' });
	let name = '';
	for (let i = 0; i < (await rows.count()); i++) {
		const accrued = hoursOf((await rows.nth(i).locator('td').first().textContent()) ?? '');
		if (accrued >= 4) {
			name = ((await rows.nth(i).locator('th').textContent()) ?? '').trim();
			await rows.nth(i).getByRole('button', { name: '查看' }).click();
			break;
		}
	}
	expect(name).not.toBe('');

	const sheet = page.getByTestId('overtime-sheet');
	await expect(sheet.getByTestId('overtime-status')).toHaveText('待审批');
	await expect(sheet.getByTestId('overtime-lines')).toContainText('不打烊值班');
	const accrued = hoursOf((await sheet.getByTestId('overtime-accrued').textContent()) ?? '');
	expect(accrued).toBeGreaterThanOrEqual(4);

	// Approved: the month's figure is fixed, with who approved it.
	await page.getByTestId('overtime-approve').click();
	await expect(sheet.getByTestId('overtime-status')).toHaveText('已审批');
	await expect(sheet).toContainText('审批人：大厅负责人（演示）');
	await expect(page.getByTestId('overtime-approve')).toHaveCount(0);
	await expect
		.poll(async () => hoursOf((await sheet.getByTestId('overtime-balance').textContent()) ?? ''))
		.toBe(accrued);

	// Half a day off on a working day: refused on a weekend, taken on the next weekday.
	const form = page.getByRole('form', { name: '登记调休' });
	await form.getByRole('button', { name: '半天（4 小时）' }).click();
	await form.getByLabel('事由').fill('');
	await form.getByRole('button', { name: '登记调休' }).click();
	await expect(form.getByRole('alert')).toHaveText('请填写事由');
	await form.getByLabel('事由').fill('孩子家长会');
	const day = nextWeekday();
	await form.getByLabel('调休日期').fill(day);
	await form.getByRole('button', { name: '登记调休' }).click();

	// The time off belongs to the month it is taken in: the balance is read there.
	if (day.slice(0, 7) !== (await page.getByTestId('overtime-month').inputValue())) {
		await page.getByTestId('overtime-month').fill(day.slice(0, 7));
	}
	await expect(page.getByTestId('overtime-time-off')).toContainText('孩子家长会');
	await expect(page.getByTestId('overtime-time-off')).toContainText('4');
	await expect
		.poll(async () => hoursOf((await sheet.getByTestId('overtime-balance').textContent()) ?? ''))
		.toBe(accrued - 4);

	const axe = await new AxeBuilder({ page }).analyze();
	expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual(
		[]
	);

	// Back to the approved month for its A4 print view.
	await page.getByRole('button', { name: '上月' }).click();
	await expect(sheet.getByTestId('overtime-status')).toHaveText('已审批');
	await page.emulateMedia({ media: 'print' });
	await page.setViewportSize({ width: 794, height: 1123 });
	await expect(page.getByRole('navigation', { name: '主要功能' })).toBeHidden();
	await expect(page.getByTestId('time-off-form')).toBeHidden();
	await shot(page, 'print');
	await page.emulateMedia({ media: 'screen' });

	await page.setViewportSize({ width: 800, height: 1280 });
	await expect
		.poll(() => page.evaluate(() => document.documentElement.scrollWidth))
		.toBeLessThanOrEqual(800);
});

test('a duty lead reads the month and cannot approve or record time off', async ({ page }) => {
	await login(page, 'duty');
	await page.goto('/overtime');
	await page.getByRole('button', { name: '上月' }).click();
	const table = page.getByTestId('overtime-people');
	await table.getByRole('button', { name: '查看' }).first().click();
	await expect(page.getByTestId('overtime-sheet')).toBeVisible();
	await expect(page.getByTestId('overtime-approve')).toHaveCount(0);
	await expect(page.getByTestId('time-off-form')).toHaveCount(0);
});
