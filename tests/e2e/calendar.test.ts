/**
 * A centre keeps its own calendar (issue 16): an admin enters next year's State Council notice
 * when the shipped data ends and closes the hall for a day; every tablet of the centre, a
 * manager's included, then reads the same days on the board and the roster. The tablets believe
 * it is 4 December 2026, when the shipped data ends with 2026.
 */
import { expect, test, type Page } from './fixtures';
import { login } from './helpers';

const NOW = new Date('2026-12-04T10:00:00+08:00');

const shot = (page: Page, name: string) =>
	page.screenshot({ path: `docs/screenshots/calendar-${name}.png`, fullPage: false });

async function dayBadge(page: Page, date: string) {
	await page.goto(`/roster/day?date=${date}`);
	return page.getByRole('heading', { level: 1 }).locator('.badge');
}

test('an admin enters the 2027 notice and a closed day; a manager tablet reads the same calendar', async ({
	page,
	browser
}) => {
	test.setTimeout(180_000);
	await page.clock.setFixedTime(NOW);
	await login(page, 'admin');

	// The board asks for the notice the calendar lacks, and leads to where it is entered.
	const wanted = page.getByTestId('notice-wanted');
	await expect(wanted).toContainText('日历还没有 2027 年的节假日安排');
	await wanted.getByRole('link', { name: '录入国务院通知' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('节假日与闭厅安排');
	const years = page.getByTestId('calendar-year');
	await expect(years.filter({ hasText: '2026 年' })).toContainText('系统自带');
	const y2027 = years.filter({ hasText: '2027 年' });
	await expect(y2027).toContainText('缺少国务院通知');

	await y2027.getByRole('button', { name: '录入通知' }).click();
	const form = page.getByRole('form', { name: '录入 2027 年节假日安排' });
	// Half a line is refused in words, and nothing is saved.
	await form.getByLabel('清明节 放假开始').fill('2027-04-03');
	await form.getByRole('button', { name: '保存 2027 年安排' }).click();
	await expect(form.getByText('请填写放假开始和结束日期')).toBeVisible();
	await form.getByLabel('清明节 放假开始').fill('');
	await form.getByLabel('劳动节 放假开始').fill('2027-05-01');
	await form.getByLabel('劳动节 放假结束').fill('2027-05-05');
	await form.getByLabel('劳动节 第 1 个调休上班日').fill('2027-04-25');
	await shot(page, 'notice-form');
	await form.getByRole('button', { name: '保存 2027 年安排' }).click();
	await expect(form).toHaveCount(0);
	await expect(y2027).toContainText('已录入本中心');
	await expect(y2027).toContainText('劳动节：5/1周六 至 5/5周三 放假');
	await expect(y2027).toContainText('4/25周日 上班');

	// A closed day, with its reason.
	const dayForm = page.getByRole('form', { name: '新增单日调整' });
	await dayForm.getByLabel('日期').fill('2027-03-17');
	await dayForm.getByLabel('闭厅（暂停服务）').check();
	await dayForm.getByLabel('说明（可选）').fill('停电检修');
	await dayForm.getByRole('button', { name: '保存调整' }).click();
	const closed = page.getByTestId('calendar-day').filter({ hasText: '停电检修' });
	await expect(closed).toContainText('2027年3月17日');
	await expect(closed).toContainText('闭厅（暂停服务）');
	await shot(page, 'settings');
	await expect(page.getByTestId('sync-waiting')).toHaveText('已全部同步', { timeout: 30_000 });

	// The board no longer asks, and the roster reads the entered days.
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('今日值班');
	await expect(page.getByTestId('notice-wanted')).toHaveCount(0);
	await expect(await dayBadge(page, '2027-05-03')).toHaveText('劳动节 假期');
	await expect(await dayBadge(page, '2027-04-25')).toHaveText('工作日');
	await expect(await dayBadge(page, '2027-03-17')).toHaveText('闭厅');

	// Another tablet, a manager's: the same calendar arrives with the sync; only an admin enters notices.
	const other = await browser.newContext({ viewport: { width: 800, height: 1280 } });
	const tablet = await other.newPage();
	await tablet.clock.setFixedTime(NOW);
	await login(tablet, 'manager');
	await expect(await dayBadge(tablet, '2027-05-03')).toHaveText('劳动节 假期');
	await expect(await dayBadge(tablet, '2027-03-17')).toHaveText('闭厅');
	await tablet.goto('/settings/calendar');
	await expect(tablet.getByTestId('calendar-year').filter({ hasText: '2027 年' })).toContainText(
		'已录入本中心'
	);
	await expect(tablet.getByRole('button', { name: '录入通知' })).toHaveCount(0);
	await expect(
		tablet.getByRole('button', { name: '撤销 2027年3月17日星期三 的调整' })
	).toBeVisible();
	await shot(tablet, 'manager-portrait');
	await other.close();

	// The admin takes both back, so the shared demo centre is as it was for other journeys.
	await page.goto('/settings/calendar');
	page.once('dialog', (d) => void d.accept());
	await y2027.getByRole('button', { name: '删除录入' }).click();
	await expect(y2027).toContainText('缺少国务院通知');
	await page.getByRole('button', { name: '撤销 2027年3月17日星期三 的调整' }).click();
	await expect(page.getByTestId('calendar-day')).toHaveCount(0);
	await expect(page.getByTestId('sync-waiting')).toHaveText('已全部同步', { timeout: 30_000 });
});

/** A notice for 2027 in the government website's form. The dates are the test's own, not the State Council's. */
const notice2027 = `国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至11日（农历正月初六、周四）放假调休，共7天。2月14日（周日）上班。
三、清明节：另行通知。
四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。`;

test('an admin pastes the notice, or opens it as a saved page, and checks the dates read before saving', async ({
	page
}) => {
	test.setTimeout(150_000);
	await page.clock.setFixedTime(NOW);
	await login(page, 'admin');
	await page.goto('/settings/calendar');
	const y2027 = page.getByTestId('calendar-year').filter({ hasText: '2027 年' });
	await y2027.getByRole('button', { name: '录入通知' }).click();
	const form = page.getByRole('form', { name: '录入 2027 年节假日安排' });
	const paste = form.getByTestId('notice-paste');
	await paste.getByText('从通知原文识别日期').click();
	const status = paste.getByTestId('notice-paste-status');

	// Last year's notice is not taken for this year's.
	await paste.getByLabel('通知原文').fill(notice2027.replace('2027年部分', '2026年部分'));
	await paste.getByRole('button', { name: '识别日期' }).click();
	await expect(status).toHaveText('这份通知是 2026 年的，正在录入的是 2027 年，未填入。');
	await expect(form.getByLabel('劳动节 放假开始')).toHaveValue('');

	// This year's: three festivals read, the one without dates named, nothing saved yet.
	await paste.getByLabel('通知原文').fill(notice2027);
	await paste.getByRole('button', { name: '识别日期' }).click();
	await expect(status).toHaveText('识别出 3 个节日，已填入下表，请逐项核对后保存。');
	await expect(paste.getByTestId('notice-paste-problems')).toHaveText(
		'清明节：没有找到放假日期，请手工填写'
	);
	await expect(form.getByLabel('春节 放假开始')).toHaveValue('2027-02-05');
	await expect(form.getByLabel('春节 放假结束')).toHaveValue('2027-02-11');
	await expect(form.getByLabel('劳动节 第 2 个调休上班日')).toHaveValue('2027-05-08');
	await expect(y2027).toContainText('缺少国务院通知');
	await shot(page, 'notice-pasted');

	// The same notice saved from the website as a page reads the same.
	await form.getByLabel('劳动节 第 2 个调休上班日').fill('');
	const html = `<html><body><h1>国务院办公厅关于2027年部分节假日安排的通知</h1>${notice2027
		.split('\n')
		.slice(1)
		.map((l) => `<p>${l}</p>`)
		.join('')}</body></html>`;
	await paste.getByLabel('选择网页或文本文件').setInputFiles({
		name: 'notice-2027.html',
		mimeType: 'text/html',
		buffer: Buffer.from(html, 'utf8')
	});
	await expect(status).toHaveText('识别出 3 个节日，已填入下表，请逐项核对后保存。');
	await expect(form.getByLabel('劳动节 第 2 个调休上班日')).toHaveValue('2027-05-08');

	await form.getByRole('button', { name: '保存 2027 年安排' }).click();
	await expect(form).toHaveCount(0);
	await expect(y2027).toContainText('已录入本中心');
	await expect(y2027).toContainText('春节：2/5周五 至 2/11周四 放假');
	await expect(y2027).toContainText('4/25周日、5/8周六 上班');

	page.once('dialog', (d) => void d.accept());
	await y2027.getByRole('button', { name: '删除录入' }).click();
	await expect(y2027).toContainText('缺少国务院通知');
	await expect(page.getByTestId('sync-waiting')).toHaveText('已全部同步', { timeout: 30_000 });
});
