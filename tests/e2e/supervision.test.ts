import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from './fixtures';
import { hallDate, login } from './helpers';

interface Change {
	entity: string;
	data?: Record<string, unknown>;
}

/** Every record the manager's centre holds, read through the sync API the app itself uses. */
async function pullAll(page: Page): Promise<Change[]> {
	const changes: Change[] = [];
	let cursor = 0;
	for (;;) {
		const res = await page.request.get(`/api/sync/pull?cursor=${cursor}`);
		expect(res.ok()).toBe(true);
		const body = (await res.json()) as { cursor: number; changes: Change[]; hasMore: boolean };
		changes.push(...body.changes);
		cursor = body.cursor;
		if (!body.hasMore) return changes;
	}
}

/** The latest past duty day on which someone on the plan checked in late. */
async function lateCheckIn(page: Page) {
	const changes = await pullAll(page);
	const today = hallDate();
	const planned = new Map<string, Set<string>>();
	for (const c of changes.filter((c) => c.entity === 'dayPlan' && c.data)) {
		const plan = c.data as { date: string; windows: { staffIds: string[] }[] };
		planned.set(plan.date, new Set(plan.windows.flatMap((w) => w.staffIds)));
	}
	const late = changes
		.filter((c) => c.entity === 'attendance' && c.data)
		.map((c) => c.data as { date: string; staffId: string; status: string; minutesLate?: number })
		.filter((a) => a.status === 'late' && a.date < today && planned.get(a.date)?.has(a.staffId))
		.sort((a, b) => b.date.localeCompare(a.date));
	expect(late.length).toBeGreaterThan(0);
	return late[0] as { date: string; staffId: string; minutesLate: number };
}

async function shot(page: Page, name: string, fullPage = true) {
	mkdirSync('docs/screenshots', { recursive: true });
	await page.waitForTimeout(300);
	await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage });
}

test('an inspection round turns a late check-in into a confirmed, then corrected finding', async ({
	page
}) => {
	await login(page, 'manager');
	const late = await lateCheckIn(page);

	await page.goto('/supervision');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('督导检查');
	await shot(page, 'supervision-list-zh');

	await page.getByLabel('检查日期').fill(late.date);
	await page.getByRole('button', { name: '开始检查' }).click();
	await expect(page).toHaveURL(/\/supervision\?round=/);
	await expect(page.getByRole('heading', { name: '检查清单' })).toBeVisible();

	// The late check-in is proposed from the day's records, for a person to confirm.
	const lateText = `迟到${late.minutesLate}分钟`;
	const proposal = page.getByTestId('proposal').filter({ hasText: lateText });
	await expect(proposal).toHaveCount(1);
	await page.getByRole('radio', { name: '符合' }).nth(2).check();
	await shot(page, 'supervision-round-proposed-zh');
	await proposal.getByRole('button', { name: /^确认/ }).click();
	await expect(page.getByTestId('proposal').filter({ hasText: lateText })).toHaveCount(0);

	const finding = page.getByTestId('finding').filter({ hasText: lateText });
	await expect(finding.getByTestId('finding-status')).toHaveText('已确认，待整改');

	// Closing it needs the correction made; the screen says so in Chinese.
	await finding.getByRole('button', { name: '标记为已整改' }).click();
	await expect(finding.getByRole('alert')).toHaveText('标记已整改前请填写整改情况');
	await finding.getByLabel('整改情况').fill('已当面提醒，次日起按时到岗');
	await finding.getByLabel('处理建议').fill('批评教育');
	await finding.getByRole('button', { name: '标记为已整改' }).click();
	await expect(finding.getByTestId('finding-status')).toHaveText('已整改');

	// A commendation with its reason.
	const commend = page.getByRole('form', { name: '表扬' });
	await commend.getByLabel('检查对象').selectOption('department');
	await commend.getByLabel(/^对象/).selectOption({ index: 1 });
	await commend.getByLabel('表扬理由').fill('预约专人按时到岗，台账记录完整');
	await commend.getByRole('button', { name: '表扬' }).click();
	await expect(page.getByText('预约专人按时到岗，台账记录完整')).toBeVisible();

	// The server has it: after a reload and a sync the finding is still corrected.
	await expect(page.getByTestId('sync-state')).toHaveText(/在线/, { timeout: 30_000 });
	await expect(page.getByText(/项待同步/)).toHaveCount(0, { timeout: 30_000 });
	await page.reload();
	await expect(
		page.getByTestId('finding').filter({ hasText: lateText }).getByTestId('finding-status')
	).toHaveText('已整改');
	await shot(page, 'supervision-round-zh');

	// The month's summary counts the corrected finding and the commendation.
	await page.getByRole('link', { name: '返回检查列表' }).click();
	await page.getByLabel('月份').fill(late.date.slice(0, 7));
	await page.getByLabel('月份').dispatchEvent('change');
	const summary = page.getByTestId('monthly-summary');
	await expect(summary).toBeVisible();
	await expect(summary.locator('tbody tr').first()).toBeVisible();
	await shot(page, 'supervision-summary-zh');
});

test('the task-force office adds a service for non-working days and the public page lists it', async ({
	page,
	browser
}) => {
	await login(page, 'manager');
	await page.goto('/settings');
	await page.getByRole('link', { name: '维护事项清单' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('事项清单');

	const form = page.getByRole('form', { name: '新增事项' });
	await form.getByRole('button', { name: '保存事项' }).click();
	await expect(form.getByText('请填写事项名称')).toBeVisible();

	const name = `测试事项${Date.now() % 100000}`;
	await form.getByLabel('事项名称').fill(name);
	await form.getByLabel('所属部门').selectOption({ label: '税务局' });
	await form.getByLabel('业务类别').fill('税务');
	await form.getByLabel('网上办').check();
	await form.getByLabel(/办结时限/).fill('2');
	await form.getByRole('button', { name: '保存事项' }).click();
	const row = page.getByTestId('service-row').filter({ hasText: name });
	await expect(row).toContainText('2 个工作日');
	await expect(page.getByText(/项待同步/)).toHaveCount(0, { timeout: 30_000 });
	await shot(page, 'supervision-services-zh', false);

	// A citizen's fresh browser (no cached copy) sees it at once.
	const citizen = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const pub = await citizen.newPage();
	await pub.goto('/public/demo');
	await expect(pub.getByRole('region', { name: '税务局' })).toContainText(name);
	await citizen.close();

	// Retired, it leaves the public list.
	await row.getByRole('button', { name: `停用“${name}”` }).click();
	await expect(row).toHaveCount(0);
	await expect(page.getByText(/项待同步/)).toHaveCount(0, { timeout: 30_000 });
	const later = await browser.newContext();
	const pub2 = await later.newPage();
	await pub2.goto('/public/demo');
	await expect(pub2.getByRole('heading', { name: '非工作日可办事项' })).toBeVisible();
	await expect(pub2.getByText(name)).toHaveCount(0);
	await later.close();
});
