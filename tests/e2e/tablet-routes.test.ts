/**
 * Every route of the app (src/routes) on a 10-inch tablet in both orientations, signed in as the
 * demo manager (issue 18): nothing lies over the bottom navigation, at the top of the page or
 * scrolled to its end; the document never scrolls sideways; no page throws or logs an error.
 */
import { expect, test, type Page } from '@playwright/test';
import { login } from './helpers';

const SIZES = [
	{ name: 'portrait', width: 800, height: 1280 },
	{ name: 'landscape', width: 1280, height: 800 }
] as const;

/** Every page under src/routes, with a realistic address where it reads one. */
function addresses(today: string, round: string | undefined): string[] {
	return [
		'/',
		`/?date=${today}`,
		'/attention',
		'/roster',
		`/roster/day?date=${today}`,
		'/appointments',
		`/appointments?date=${today}`,
		'/volume',
		'/review',
		'/supervision',
		...(round ? [`/supervision?round=${encodeURIComponent(round)}`] : []),
		'/settings',
		'/settings/centre',
		'/settings/organisation',
		'/settings/services',
		'/settings/rules',
		'/settings/calendar',
		'/settings/audit',
		'/cases',
		'/evaluations',
		'/overtime',
		'/report',
		'/public/demo'
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
	test(`every route at ${size.width}×${size.height}: navigation uncovered, no sideways scroll, no errors`, async ({
		page
	}) => {
		test.setTimeout(300_000);
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
		for (const address of addresses(today, round ?? undefined)) {
			await page.goto(address);
			await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
			await expect(page.getByText('正在读取本机数据…')).toHaveCount(0);
			// Charts and late rows settle; then the top of the page, then its end.
			await page.waitForLoadState('networkidle');
			for (const where of ['top', 'end'] as const) {
				if (where === 'end')
					await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
				const found = await measure(page);
				if (found.sideways > 0)
					problems.push(`${address} (${where}) scrolls sideways by ${found.sideways}px`);
				for (const c of found.covered) problems.push(`${address} (${where}) covers ${c}`);
			}
		}
		await page.screenshot({ path: `test-results/routes-last-${size.name}.png` });
		expect(problems).toEqual([]);
		expect(errors).toEqual([]);
	});
}
