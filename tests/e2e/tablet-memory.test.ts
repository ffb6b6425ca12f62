/**
 * Issue 18 on a 10-inch tablet, in the Chinese UI: the ledger and the volume page open where this
 * device left them, the address winning over that memory; an address asking for what cannot be
 * shown says so; the roster steps by week, keeps a weekend on one row and marks today. The
 * tablets believe it is 10:05 on a coming Saturday in the hall.
 */
import { expect, test, type Page } from './fixtures';
import { comingSaturday, login, shiftDate } from './helpers';

const DAY = comingSaturday();
const PORTRAIT = { width: 800, height: 1280 };
const LANDSCAPE = { width: 1280, height: 800 };

async function openAt(page: Page, username: string) {
	await page.clock.setFixedTime(new Date(`${DAY}T10:05:00+08:00`));
	await login(page, username);
}

test('the ledger and the volume page remember their choice across reloads; the address wins', async ({
	page
}) => {
	await page.setViewportSize(PORTRAIT);
	await openAt(page, 'manager');

	// The ledger: a day next week and one department.
	await page.goto('/appointments');
	const date = page.getByLabel('日期', { exact: true });
	const department = page.getByRole('combobox', { name: '部门' });
	await expect(date).toHaveValue(DAY);
	const chosen = await department.locator('option').nth(1).getAttribute('value');
	const chosenName = (await department.locator('option').nth(1).textContent())!.trim();
	await date.fill(shiftDate(DAY, 3));
	await department.selectOption(chosen!);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('预约台账');
	await expect(date).toHaveValue(shiftDate(DAY, 3));
	await expect(department).toHaveValue(chosen!);
	await expect(department.locator('option:checked')).toHaveText(chosenName);

	// The address wins over what the device remembers, and then becomes what it remembers.
	await page.goto(`/appointments?date=${shiftDate(DAY, 1)}&department=`);
	await expect(date).toHaveValue(shiftDate(DAY, 1));
	await expect(department).toHaveValue('');
	await page.goto('/appointments');
	await expect(date).toHaveValue(shiftDate(DAY, 1));
	await expect(department).toHaveValue('');

	// What is stored is checked: a bad value falls back to the default, the page still opens.
	await page.evaluate(() => {
		localStorage.setItem(
			'budayang.view.ledger',
			JSON.stringify({ on: '2026-02-30', choice: { date: 'abc', department: 12 } })
		);
	});
	await page.reload();
	await expect(date).toHaveValue(DAY);
	await expect(department).toHaveValue('');
	await page.evaluate(() => localStorage.setItem('budayang.view.ledger', '{not json'));
	await page.reload();
	await expect(date).toHaveValue(DAY);

	// The volume page: yesterday, a category, its first window, 11:00.
	await page.goto('/volume');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('业务量登记');
	const category = page.getByRole('combobox', { name: '业务类别' });
	const windowPick = page.getByRole('combobox', { name: '窗口' });
	const hour = page.getByRole('combobox', { name: '时段' });
	const second = (await category.locator('option').nth(1).textContent())!.trim();
	await page.getByLabel('日期', { exact: true }).fill(shiftDate(DAY, -1));
	await category.selectOption(second);
	const firstWindow = (await windowPick.locator('option').nth(1).getAttribute('value'))!;
	await windowPick.selectOption(firstWindow);
	await hour.selectOption('11');
	await page.reload();
	await expect(page.getByLabel('日期', { exact: true })).toHaveValue(shiftDate(DAY, -1));
	await expect(category).toHaveValue(second);
	await expect(windowPick).toHaveValue(firstWindow);
	await expect(hour).toHaveValue('11');
	// ?date= wins here too.
	await page.goto(`/volume?date=${DAY}`);
	await expect(page.getByLabel('日期', { exact: true })).toHaveValue(DAY);
	await expect(category).toHaveValue(second);
});

test('an address asking for what cannot be shown says so, in Chinese, with the way back', async ({
	page
}) => {
	await openAt(page, 'manager');
	for (const [address, text, back] of [
		['/volume?date=2026-02-30', '网址中的日期“2026-02-30”不存在', /^回到今天/],
		['/volume?date=abc', '网址中的日期“abc”不存在', /^回到今天/],
		['/roster/day?date=2026-13-01', '网址中的日期“2026-13-01”不存在', /^回到今天/],
		['/appointments?department=no-such-dept', '网址中的部门“no-such-dept”不在本中心', /^全部部门$/]
	] as const) {
		await page.goto(address);
		const notice = page.getByRole('alert').filter({ hasText: text });
		await expect(notice).toBeVisible();
		await expect(page.getByText('正在读取本机数据…')).toHaveCount(0);
		await notice.getByRole('link', { name: back }).click();
		await expect(notice).toHaveCount(0);
	}
	await expect(page.getByRole('combobox', { name: '部门' })).toHaveValue('');
	await expect(page.getByLabel('日期', { exact: true })).toHaveValue(DAY);
});

test('the roster steps a week at a time, keeps Saturday and Sunday on one row and marks today', async ({
	page
}) => {
	await page.clock.setFixedTime(new Date(`${shiftDate(DAY, 1)}T09:00:00+08:00`)); // a Sunday
	await login(page, 'manager');
	await page.goto('/roster');
	await expect(page.getByRole('button', { name: '上一周', exact: true })).toBeVisible();
	await expect(page.getByRole('button', { name: '下一周', exact: true })).toBeVisible();
	await expect(page.getByText(/上一段|下一段/)).toHaveCount(0);

	const today = page.locator('a[aria-current="date"]');
	await expect(today).toHaveCount(1);
	await expect(today).toHaveAttribute('href', `/roster/day?date=${shiftDate(DAY, 1)}`);
	await expect(page.locator('.days li').filter({ has: today })).toContainText('今天');

	for (const size of [PORTRAIT, LANDSCAPE]) {
		await page.setViewportSize(size);
		const cards = page.locator('.days > li');
		await expect(cards).toHaveCount(7);
		// Monday first: the week holding the Sunday today began six days before.
		await expect(cards.first().getByRole('link')).toHaveAttribute(
			'href',
			`/roster/day?date=${shiftDate(DAY, -5)}`
		);
		// Both read in one frame: the header may still grow (a sync, 待处理) and move the page
		// between two separate reads.
		const rowGap = () =>
			page.evaluate(() => {
				const [saturday, sunday] = [...document.querySelectorAll('.days > li')]
					.slice(5)
					.map((li) => li.getBoundingClientRect().top);
				return Math.abs(saturday - sunday);
			});
		await expect.poll(rowGap).toBeLessThan(2);
		await page.screenshot({
			path: `docs/screenshots/roster-week-${size.width}x${size.height}.png`
		});
	}

	// 下一周 moves a whole week and today is no longer on screen.
	await page.getByRole('button', { name: '下一周', exact: true }).click();
	await expect(page.locator('.days > li').first().getByRole('link')).toHaveAttribute(
		'href',
		`/roster/day?date=${shiftDate(DAY, 2)}`
	);
	await expect(page.locator('a[aria-current="date"]')).toHaveCount(0);
	await page.getByRole('button', { name: '上一周', exact: true }).click();
	await expect(page.locator('a[aria-current="date"]')).toHaveCount(1);
});

test("the today page follows the duty lead's morning: check-in, windows, counting, one tap to each", async ({
	page
}) => {
	await page.setViewportSize(PORTRAIT);
	await openAt(page, 'duty');
	const jump = page.getByRole('navigation', { name: '本页分区' });
	await expect(jump.getByRole('link')).toHaveText([
		'到岗情况',
		'窗口开放',
		'今日预约',
		'今日业务量',
		'值班记录'
	]);
	// Check-in comes first, then the windows, then the counting.
	const order = await page.evaluate(() =>
		['staff-h', 'windows-h', 'appt-h', 'vol-h'].map(
			(id) => document.getElementById(id)!.getBoundingClientRect().top
		)
	);
	expect([...order].sort((a, b) => a - b)).toEqual(order);
	await page.screenshot({ path: 'docs/screenshots/today-800x1280.png' });

	for (const [label, id] of [
		['窗口开放', 'windows-h'],
		['今日业务量', 'vol-h']
	] as const) {
		await jump.getByRole('link', { name: label }).click();
		await expect(page.locator(`#${id}`)).toBeInViewport();
		// The bar stays on screen and the heading lands below it, not under it.
		await expect(jump).toBeInViewport();
		const bar = (await jump.boundingBox())!;
		const heading = (await page.locator(`#${id}`).boundingBox())!;
		expect(heading.y).toBeGreaterThanOrEqual(bar.y + bar.height - 1);
	}

	await page.setViewportSize(LANDSCAPE);
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.screenshot({ path: 'docs/screenshots/today-1280x800.png' });
});
