import { expect, test, type Locator, type Page } from './fixtures';
import { login, seriousIssues } from './helpers';

/** The centre's line of the figures table: ratings, rate, bad, bad not followed up. */
async function totals(page: Page) {
	const cells = await page.getByTestId('evaluation-figures-total').locator('td').allInnerTexts();
	return { count: Number(cells[0]), bad: Number(cells[2]), unfollowed: Number(cells[3]) };
}

const openEvaluations = (page: Page) =>
	page.getByRole('navigation', { name: '主要功能' }).getByRole('link', { name: '好差评' }).click();

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
	// The figures are read once the desk's evaluations have loaded, as on the tablet above.
	await expect.poll(async () => (await totals(desk)).count).toBeGreaterThan(0);
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

test('a manager imports the 好差评 system export: bad cells named, then the ratings once, with a GBK file too', async ({
	page
}) => {
	await login(page, 'manager');
	await openEvaluations(page);
	await expect.poll(async () => (await totals(page)).count).toBeGreaterThan(0);
	const entry = page.getByRole('form', { name: '窗口登记评价' });
	// Names as the export writes them: the people and windows of this centre.
	const staff = await optionAt(entry.getByLabel('被评价工作人员'), 2);
	const window = await optionAt(entry.getByLabel(/^窗口/), 1);
	const before = await totals(page);
	const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
	const header = '评价编号,评价日期,评价等级,评价渠道,工作人员,窗口,事项名称,评价内容';
	const good = [
		`E2E-IMP-0001,${today},非常满意,二维码,${staff},${window},企业注销登记,`,
		`E2E-IMP-0002,${today},非常不满意,短信,${staff},,企业注销登记,等了很久没人告知材料`
	];
	const file = (name: string, rows: string[], encoding: 'utf-8' | 'gbk' = 'utf-8') => ({
		name,
		mimeType: 'text/csv',
		buffer:
			encoding === 'utf-8'
				? Buffer.from('\uFEFF' + [header, ...rows].join('\r\n') + '\r\n')
				: gbk([header, ...rows].join('\r\n') + '\r\n')
	});
	const input = page.getByLabel('选择导出文件');
	const status = page.getByTestId('evaluation-import-status');
	const errors = page.getByTestId('evaluation-import-errors');

	// One bad row: each bad cell by row and column, and nothing goes in.
	await input.setInputFiles(
		file('好差评导出.csv', [...good, `E2E-IMP-0003,${today},很好,短信,查无此人,,企业注销登记,`])
	);
	await expect(status).toContainText('「好差评导出.csv」有 2 处问题，未导入任何评价');
	await expect(errors).toContainText('第 4 行 C 列（评价等级）：无法识别的评价等级「很好」');
	await expect(errors).toContainText('第 4 行 E 列（工作人员）：没有名为「查无此人」的工作人员');
	expect(await totals(page)).toEqual(before);

	// Mended, both go in; the bad one waits for its follow-up.
	await input.setInputFiles(file('好差评导出.csv', good));
	await expect(status).toHaveText('已从「好差评导出.csv」导入 2 条新评价，跳过已有的 0 条');
	await expect
		.poll(() => totals(page))
		.toEqual({
			count: before.count + 2,
			bad: before.bad + 1,
			unfollowed: before.unfollowed + 1
		});
	await expect(page.getByTestId('evaluations-awaiting')).toContainText('E2E-IMP-0002');

	// The same export saved by a Chinese spreadsheet in GBK adds nothing a second time.
	await input.setInputFiles(file('好差评导出-gbk.csv', good, 'gbk'));
	await expect(status).toHaveText('「好差评导出-gbk.csv」中的 2 条都已导入过，没有新评价');
	expect((await totals(page)).count).toBe(before.count + 2);
	// And the server holds them: a reload reads them back from the device after the sync.
	await page.reload();
	await expect(page.getByTestId('evaluations-awaiting')).toContainText('E2E-IMP-0002');
});

/** The text in GBK, as Excel on a Chinese Windows saves a CSV; Node has no GBK encoder. */
function gbk(text: string): Buffer {
	const bytes: number[] = [];
	const decoder = new TextDecoder('gbk');
	const table = new Map<string, number[]>();
	// Build the reverse map for the characters used, by decoding every two-byte GBK code.
	const wanted = new Set([...text].filter((c) => c.charCodeAt(0) > 0x7f));
	for (let hi = 0x81; hi <= 0xfe && table.size < wanted.size; hi++)
		for (let lo = 0x40; lo <= 0xfe; lo++) {
			if (lo === 0x7f) continue;
			const c = decoder.decode(new Uint8Array([hi, lo]));
			if (wanted.has(c) && !table.has(c)) table.set(c, [hi, lo]);
		}
	for (const c of text) {
		const code = c.charCodeAt(0);
		if (code <= 0x7f) bytes.push(code);
		else {
			const pair = table.get(c);
			if (!pair) throw new Error(`no GBK code for ${c}`);
			bytes.push(...pair);
		}
	}
	return Buffer.from(bytes);
}
