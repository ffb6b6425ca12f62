import { readFileSync } from 'node:fs';
import writeXlsxFile from 'write-excel-file/node';
import { expect, test, type Page } from './fixtures';
import { PASSWORD, controlledByServiceWorker, login, routes } from './helpers';

test('a duty lead keeps working offline: every page opens, a count survives reloads and syncs later', async ({
	page,
	context
}) => {
	await login(page, 'duty');

	// Demo data arrived: staff in settings, a year of volume in the review.
	await page.getByRole('link', { name: '设置' }).click();
	await expect(page.getByTestId('staff-row').first()).toBeVisible();
	expect(await page.getByTestId('staff-row').count()).toBeGreaterThan(40);
	await page.getByRole('link', { name: '分析' }).click();
	await expect(page.getByTestId('review-summary')).toContainText(/共受理 [1-9]/);

	await controlledByServiceWorker(page);
	// The monthly report is not precached (vite.config.ts, lazyScreens): opened once online, it
	// is kept for offline use like the precached screens.
	await page.goto('/report');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('不打烊·延时服务月报');
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('sync-state')).toHaveText('离线');

	// Every route opens offline, by navigation and by a fresh load.
	for (const route of routes) {
		await page.goto(route.path);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(route.heading);
	}
	await page.goto('/');
	for (const name of ['排班', '预约', '业务量', '分析', '督导', '设置', '今日']) {
		await page.getByRole('navigation', { name: '主要功能' }).getByRole('link', { name }).click();
		await expect(
			page.getByRole('navigation', { name: '主要功能' }).getByRole('link', { name })
		).toHaveAttribute('aria-current', 'page');
	}

	// Add a record offline: three accepted cases at a window.
	await page.goto('/volume');
	const accepted = page.getByTestId('count-accepted');
	const before = Number(await accepted.textContent());
	const plusOne = page.getByRole('button', { name: '+1 受理' });
	await plusOne.click();
	await plusOne.click();
	await plusOne.click();
	await expect(accepted).toHaveText(String(before + 3));
	await expect(page.getByTestId('sync-waiting')).toHaveText('3 项待同步');

	await page.reload();
	await expect(page.getByTestId('count-accepted')).toHaveText(String(before + 3));
	await expect(page.getByTestId('sync-waiting')).toHaveText('3 项待同步');

	// Back online: the changes go out and the count is now the server's.
	await context.setOffline(false);
	await page.getByRole('button', { name: '立即同步' }).click();
	await expect(page.getByTestId('sync-waiting')).toHaveText('已全部同步', { timeout: 30_000 });
	await page.reload();
	await expect(page.getByTestId('count-accepted')).toHaveText(String(before + 3));
	const stored = await page.evaluate(async () => {
		const res = await fetch('/api/sync/pull?cursor=0&deviceId=probe');
		const body = await res.json();
		return body.changes.length > 0;
	});
	expect(stored).toBe(true);
});

/** The paths the service worker keeps in one of its runtime caches (vite.config.ts). */
const cached = (page: Page, name: string) =>
	page.evaluate(async (name) => {
		const cache = await caches.open(name);
		return (await cache.keys()).map((r) => new URL(r.url).pathname);
	}, name);

test('spreadsheets and charts are not precached, and work offline once they have been used', async ({
	page,
	context
}, info) => {
	await login(page, 'duty');
	await controlledByServiceWorker(page);
	const precached = await page.evaluate(async () => {
		const urls: string[] = [];
		for (const name of await caches.keys()) {
			if (!name.startsWith('workbox-precache')) continue;
			for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
		}
		return urls;
	});
	expect(precached.length).toBeGreaterThan(50);
	expect(precached.filter((url) => /\/chunks\/(spreadsheet|charts)-/.test(url))).toEqual([]);

	// First use, online: the import screen fetches the XLSX code, the review draws its charts.
	await page.goto('/volume');
	await page.getByRole('button', { name: '导入历史数据' }).click();
	await expect
		.poll(() => cached(page, 'budayang-spreadsheet'), { timeout: 30_000 })
		.toContainEqual(expect.stringMatching(/\/chunks\/spreadsheet-[^/]+\.js$/));
	await page.goto('/review');
	await expect(page.locator('[data-chart="daily"] canvas')).toHaveAttribute('data-ready', 'true');
	await expect
		.poll(() => cached(page, 'budayang-charts'), { timeout: 30_000 })
		.toContainEqual(expect.stringMatching(/\/chunks\/charts-[^/]+\.js$/));

	await context.setOffline(true);

	// Offline, after a fresh load: the charts come from the runtime cache.
	await page.reload();
	await expect(page.getByTestId('sync-state')).toHaveText('离线');
	await expect(page.locator('[data-chart="daily"] canvas')).toHaveAttribute('data-ready', 'true');
	await expect(page.locator('canvas[data-unavailable]')).toHaveCount(0);

	// An XLSX file is read offline and its rows checked, as online.
	await page.goto('/volume');
	await expect(page.getByTestId('sync-state')).toHaveText('离线');
	await page.getByRole('button', { name: '导入历史数据' }).click();
	const xlsx = info.outputPath('history.xlsx');
	await writeXlsxFile([
		[
			'日期',
			'时段',
			'类别',
			'渠道',
			'窗口',
			'受理',
			'办结',
			'咨询',
			'一次办成',
			'一次告知',
			'告知原因'
		],
		['2024-05-06', 9, '税务', '现场办', '', 8, 8, 1, 7, 1, '材料不全:1'],
		['2024-05-06', 10, '税务', '现场办', '', 5, 5, 0, 5, 0, '']
	]).toFile(xlsx);
	await page.getByLabel('选择文件').setInputFiles(xlsx);
	await expect(page.getByTestId('import-preview')).toHaveText(
		'2 行，2024-05-06 至 2024-05-06 共 1 天，受理合计 13 件。'
	);
	await expect(page.getByText('表格（XLSX）组件尚未下载到本机', { exact: false })).toHaveCount(0);
	await page.getByRole('button', { name: '导入', exact: true }).click();
	await expect(page.getByTestId('import-status')).toHaveText(/已从 history.xlsx 导入 2 行/);
});

test('rarely used screens are not precached: kept once opened, and say so offline before that', async ({
	page,
	context
}) => {
	await login(page, 'manager');
	await controlledByServiceWorker(page);
	const heading = page.getByRole('heading', { level: 1 });

	// Opened once online: the rules screen's code is now in the runtime cache.
	await page.goto('/settings/rules');
	await expect(heading).toHaveText('值班规则');
	await expect
		.poll(async () => (await cached(page, 'budayang-screens')).length, { timeout: 30_000 })
		.toBeGreaterThan(0);

	await context.setOffline(true);
	// A fresh load and a navigation both open it offline.
	await page.reload();
	await expect(page.getByTestId('sync-state')).toHaveText('离线');
	await expect(heading).toHaveText('值班规则');
	await page.goto('/');
	await page.goto('/settings/rules');
	await expect(heading).toHaveText('值班规则');

	// Never opened on this tablet: the calendar screen says it needs one visit with a network.
	await page.goto('/settings/calendar');
	await expect(page.getByText(/这个页面还没有保存到本设备/)).toBeVisible();

	// Back online, it opens, and from then on offline too.
	await context.setOffline(false);
	await page.reload();
	await expect(heading).toHaveText('节假日与闭厅安排');
	await context.setOffline(true);
	await page.reload();
	await expect(heading).toHaveText('节假日与闭厅安排');
	await context.setOffline(false);
});

test('a frame whose navigation cannot be fetched says so, and a reload mends it', async ({
	browser,
	baseURL
}) => {
	// The build's manifest names the navigation's chunk; the service worker is kept out so the
	// page's own request is the one refused, as on a tablet whose network drops at sign-in.
	const built = JSON.parse(
		readFileSync('.svelte-kit/output/client/.vite/manifest.json', 'utf8')
	) as Record<string, { file: string }>;
	const navChunk = built['src/lib/components/nav-bar.svelte'].file;
	const context = await browser.newContext({
		baseURL,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		serviceWorkers: 'block'
	});
	await context.route(`**/${navChunk}`, (route) => route.abort());
	const page = await context.newPage();
	await page.goto('/login');
	await page.getByLabel('用户名').fill('duty');
	await page.getByLabel('密码').fill(PASSWORD);
	await page.getByRole('button', { name: '登录', exact: true }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'界面的一部分未能加载。请检查网络，然后重新加载。',
		{
			timeout: 90_000
		}
	);

	await context.unroute(`**/${navChunk}`);
	await page.getByRole('button', { name: '重新加载' }).click();
	await expect(page.getByRole('navigation', { name: '主要功能' })).toBeVisible({ timeout: 90_000 });
	await expect(page.getByRole('alert')).toHaveCount(0);
	await context.close();
});
