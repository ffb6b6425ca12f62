/**
 * Every route of the app (src/routes), signed in as the demo manager, in Chinese and English on a
 * 10-inch tablet held either way. Each page is opened once per language and size, and there:
 * - it is photographed for docs/screenshots (the main routes);
 * - nothing lies over the bottom navigation, at the top of the page or scrolled to its end, and
 *   the document never scrolls sideways (issue 18);
 * - axe finds no serious or critical issue (landscape, both languages);
 * - no page throws or logs an error.
 * One visit serves all four checks: they used to be three sweeps that each opened every page.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from './fixtures';
import { login, routes, seriousIssues } from './helpers';

// Each size is a sign-in of its own: the two run side by side (playwright.config.ts).
test.describe.configure({ mode: 'parallel' });

const SIZES = [
	{ name: 'landscape', width: 1280, height: 800, axe: true },
	{ name: 'portrait', width: 800, height: 1280, axe: false }
] as const;

interface Stop {
	path: string;
	heading: RegExp;
	/** The screenshot's name, for the main routes. */
	shot?: string;
	/** Whether axe reads this page. */
	axe: boolean;
}

const anyHeading = /.+/;

/** Every page under src/routes, with a realistic address where it reads one. */
function stops(today: string, round: string | null): Stop[] {
	return [
		// The day's whole ledger is some 200 rows of the same component, and axe spends 20 s on
		// it; one department's ledger (below) checks the same rows, filters and forms.
		...routes.map((r) => ({
			path: r.path,
			heading: r.heading,
			shot: r.path === '/' ? 'today' : r.path.slice(1),
			axe: r.path !== '/appointments'
		})),
		{
			path: '/appointments?department=dept-tax',
			heading: /预约台账|Appointment ledger/,
			axe: true
		},
		{ path: '/roster/day', heading: /排班计划|Duty plan/, axe: true },
		{ path: '/settings/organisation', heading: anyHeading, axe: true },
		{ path: '/settings/services', heading: anyHeading, axe: true },
		{ path: '/settings/centre', heading: /中心信息与服务时间|Centre and service hours/, axe: true },
		{ path: '/settings/rules', heading: /值班规则|Duty rules/, axe: true },
		{ path: '/settings/calendar', heading: /节假日与闭厅安排|Holidays and closures/, axe: true },
		{ path: '/settings/audit', heading: /审计|Audit/, axe: true },
		{ path: `/?date=${today}`, heading: anyHeading, axe: false },
		{ path: `/roster/day?date=${today}`, heading: anyHeading, axe: false },
		{ path: `/appointments?date=${today}`, heading: anyHeading, axe: false },
		...(round
			? [
					{
						path: `/supervision?round=${encodeURIComponent(round)}`,
						heading: anyHeading,
						axe: false
					}
				]
			: []),
		{ path: '/public/demo', heading: anyHeading, axe: false }
	];
}

interface Finding {
	sideways: number;
	covered: string[];
}

/** What covers the navigation's items, and how far the document scrolls sideways. */
async function measure(page: Page): Promise<Finding> {
	return page.evaluate(() => {
		const nav = document.querySelector('.frame > nav');
		const covered: string[] = [];
		for (const item of nav ? Array.from(nav.querySelectorAll('a')) : []) {
			const r = item.getBoundingClientRect();
			if (r.width === 0 || r.height === 0) continue;
			const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
			if (!hit || !nav!.contains(hit)) {
				const what = hit
					? `${hit.tagName.toLowerCase()}.${[...hit.classList].join('.')}`
					: 'nothing';
				covered.push(`${item.textContent?.trim()} ← ${what}`);
			}
		}
		const root = document.documentElement;
		return { sideways: root.scrollWidth - root.clientWidth, covered };
	});
}

for (const size of SIZES) {
	test(`every route at ${size.width}×${size.height} in Chinese and English: ${size.axe ? 'axe, ' : ''}screenshots, navigation uncovered, no sideways scroll, no errors`, async ({
		page
	}) => {
		// Some 30 pages twice, each settled and measured, and axe reading every element on 2 cores.
		test.setTimeout(size.axe ? 600_000 : 300_000);
		mkdirSync('docs/screenshots', { recursive: true });
		await page.setViewportSize({ width: size.width, height: size.height });
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(`${page.url()} threw ${e.message}`));
		page.on('console', (msg) => {
			if (msg.type() === 'error') errors.push(`${page.url()} logged ${msg.text()}`);
		});
		await login(page, 'manager');
		const today = await page.evaluate(() =>
			new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date())
		);
		await page.goto('/supervision');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		const roundLink = page.locator('a[href*="?round="]').first();
		const round = (await roundLink.count())
			? new URL((await roundLink.getAttribute('href'))!, page.url()).searchParams.get('round')
			: null;

		const problems: string[] = [];
		for (const lang of ['zh', 'en'] as const) {
			await page.evaluate((l) => localStorage.setItem('PARAGLIDE_LOCALE', l), lang);
			for (const stop of stops(today, round)) {
				const where = `${stop.path} [${lang}]`;
				await page.goto(stop.path);
				await expect(page.getByRole('heading', { level: 1 }).first()).toHaveText(stop.heading);
				// The public page is the citizens', in the language its address asks for.
				if (!stop.path.startsWith('/public/'))
					await expect(page.locator('html')).toHaveAttribute(
						'lang',
						lang === 'zh' ? 'zh-CN' : 'en'
					);
				await expect(page.getByText(/^(正在读取本机数据…|Reading local data…)$/)).toHaveCount(0);
				if (stop.path.startsWith('/appointments'))
					await expect(page.getByTestId('ledger')).toBeVisible();
				// Charts and late rows settle before anything is judged.
				await page.waitForLoadState('networkidle');
				if (stop.shot)
					await page.screenshot({
						path: `docs/screenshots/${stop.shot}-${lang}-${size.name}.png`
					});
				if (size.axe && stop.axe) problems.push(...(await seriousIssues(page, `${where} `)));
				// The top of the page, then its end.
				for (const end of [false, true]) {
					if (end)
						await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
					const found = await measure(page);
					const at = `${where} (${end ? 'end' : 'top'})`;
					if (found.sideways > 0) problems.push(`${at} scrolls sideways by ${found.sideways}px`);
					for (const c of found.covered) problems.push(`${at} covers ${c}`);
				}
			}
		}
		expect(problems).toEqual([]);
		expect(errors).toEqual([]);
	});
}
