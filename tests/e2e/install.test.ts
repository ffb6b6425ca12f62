import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from './fixtures';
import { PASSWORD, controlledByServiceWorker, login } from './helpers';

// Chromium calls every context Playwright makes incognito, and an incognito window can install
// nothing ("in-incognito"): these journeys run in a profile on disk, as on a tablet.
let profile: string;
let context: BrowserContext;
let page: Page;

test.beforeEach(async ({ baseURL, launchOptions }) => {
	profile = mkdtempSync(join(tmpdir(), 'budayang-profile-'));
	context = await chromium.launchPersistentContext(profile, {
		...launchOptions,
		baseURL,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		viewport: { width: 1280, height: 800 }
	});
	page = context.pages()[0] ?? (await context.newPage());
	// Counts the browser's install events before the app sees them, so a test can tell "no hint"
	// from "no event yet".
	await page.addInitScript(() => {
		const w = window as unknown as { installEvents: number };
		w.installEvents = 0;
		addEventListener('beforeinstallprompt', () => w.installEvents++);
	});
	mkdirSync('docs/screenshots', { recursive: true });
});

test.afterEach(async () => {
	await context?.close();
	rmSync(profile, { recursive: true, force: true });
});

const installEvents = () =>
	page.evaluate(() => (window as unknown as { installEvents: number }).installEvents);

async function expectInstallable() {
	await expect(page.locator('link[rel="manifest"]')).toHaveAttribute(
		'href',
		'/manifest.webmanifest'
	);
	const cdp = await context.newCDPSession(page);
	const manifest = await cdp.send('Page.getAppManifest');
	expect(manifest.url).toMatch(/\/manifest\.webmanifest$/);
	expect(manifest.errors).toEqual([]);
	const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
	expect(installabilityErrors).toEqual([]);
	await cdp.detach();
}

/** Serious or critical axe findings on the page as it is now, hint and bars included. */
async function seriousViolations() {
	const result = await new AxeBuilder({ page }).analyze();
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Loads an image the way the browser's install UI would and returns its size. */
const imageSize = (src: string) =>
	page.evaluate(async (src) => {
		const image = new Image();
		image.src = src;
		await image.decode();
		return `${image.naturalWidth}x${image.naturalHeight}`;
	}, src);

test('a new tablet: offline-ready once, installable from the login page and from today, first sync shows its progress', async () => {
	await page.goto('/');
	await expect(page).toHaveURL(/\/login$/);

	// The first worker stores the app: the tablet hears once that it now works offline.
	const offlineReady = page.getByText('已可离线使用');
	await expect(offlineReady).toBeVisible();
	await page.screenshot({ path: 'docs/screenshots/pwa-offline-ready-zh.png' });

	await controlledByServiceWorker(page);
	await expectInstallable();

	// Chromium offers the install, and the app turns it into its own hint.
	const hint = page.getByTestId('install-hint');
	await expect(hint).toBeVisible();
	await expect(hint.getByRole('button', { name: '安装' })).toBeVisible();
	await expect(hint.getByRole('button', { name: '不再提示' })).toBeVisible();
	await expect(offlineReady).toHaveCount(0);
	await page.screenshot({ path: 'docs/screenshots/pwa-install-hint-zh.png' });
	expect(await seriousViolations()).toEqual([]);

	// The same worker on a reload: no second offline-ready notice.
	await page.reload();
	await expect.poll(installEvents).toBeGreaterThan(0);
	await expect(hint).toBeVisible();
	await expect(offlineReady).toHaveCount(0);

	// The manifest: a stable id, three shortcuts with icons, two screenshots, all of which load.
	const manifest = await (await page.request.get('/manifest.webmanifest')).json();
	expect(manifest.id).toBe('/');
	expect(manifest.display).toBe('standalone');
	expect(
		manifest.shortcuts.map((s: { short_name: string; url: string }) => [s.short_name, s.url])
	).toEqual([
		['今日', '/'],
		['预约', '/appointments'],
		['业务量', '/volume']
	]);
	for (const shortcut of manifest.shortcuts) {
		expect(shortcut.icons).toHaveLength(1);
		expect(await imageSize(shortcut.icons[0].src)).toBe(shortcut.icons[0].sizes);
	}
	expect(
		manifest.screenshots.map((s: { form_factor: string; sizes: string }) => [
			s.form_factor,
			s.sizes
		])
	).toEqual([
		['wide', '1280x800'],
		['narrow', '800x1280']
	]);
	for (const shot of manifest.screenshots) {
		expect(shot.label).toMatch(/今日值班/);
		expect(await imageSize(shot.src)).toBe(shot.sizes);
		const file = await page.request.get(shot.src);
		expect(file.headers()['content-type']).toBe('image/webp');
		// Shown only by the install dialog: not worth a place on every tablet.
		expect((await file.body()).length).toBeLessThan(60_000);
	}
	const precached = await page.evaluate(async () => {
		const urls: string[] = [];
		for (const name of await caches.keys()) {
			for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
		}
		return urls;
	});
	expect(precached.some((url) => url.includes('/login'))).toBe(true);
	expect(precached.filter((url) => url.includes('/screenshots/'))).toEqual([]);

	// Log in on the new device: the board opens from the first sync's priority set, without
	// waiting for the history (whose bar first-login.test.ts follows).
	await page.getByLabel('用户名').fill('duty');
	await page.getByLabel('密码').fill(PASSWORD);
	await page.getByRole('button', { name: '登录', exact: true }).click();
	await expect(page).toHaveURL(/\/$/, { timeout: 90_000 });
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^今日值班/);
	await expect(page.getByTestId('sync-state')).toHaveText('在线', { timeout: 90_000 });
	await page.screenshot({ path: 'docs/screenshots/pwa-first-sync-zh.png' });
	expect(await seriousViolations()).toEqual([]);
	await expectInstallable();

	// The public service list is rendered on the server, and links the manifest as well.
	await page.goto('/public/demo');
	await expect(page.locator('link[rel="manifest"]')).toHaveAttribute(
		'href',
		'/manifest.webmanifest'
	);
});

test('on a phone-sized screen the hint is drawn where it stays: opening the board moves nothing', async () => {
	await page.setViewportSize({ width: 412, height: 823 });
	await page.goto('/');
	await controlledByServiceWorker(page);
	await login(page, 'manager');
	const hint = page.getByTestId('install-hint');
	await expect(hint).toBeVisible();
	// Every layout shift of the next load, with what moved; a slow tablet's pace (four times
	// slower) is when the bottom bar's two rows once arrived a frame after the hint.
	await page.addInitScript(() => {
		const w = window as unknown as { shifts: { value: number; moved: string[] }[] };
		w.shifts = [];
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries() as unknown as {
				value: number;
				hadRecentInput: boolean;
				sources?: { node?: Node | null }[];
			}[]) {
				if (entry.hadRecentInput) continue;
				const moved = (entry.sources ?? []).map((s) =>
					s.node instanceof Element ? `${s.node.tagName}.${s.node.className}` : '?'
				);
				w.shifts.push({ value: entry.value, moved });
			}
		}).observe({ type: 'layout-shift', buffered: true });
	});
	const cdp = await context.newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^今日值班/);
	await expect(page.getByRole('navigation', { name: '主要功能' })).toBeVisible();
	await expect(hint).toBeVisible();
	// Two frames more, for a shift the bar's measure would cause after it was drawn.
	await page.evaluate(
		() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
	);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
	const shifts = await page.evaluate(
		() => (window as unknown as { shifts: { value: number; moved: string[] }[] }).shifts
	);
	expect(shifts.filter((s) => s.moved.some((m) => m.includes('install')))).toEqual([]);
});

test('the install hint stays away once turned down, speaks English, and never shows in the installed window', async () => {
	await page.goto('/login');
	const hint = page.getByTestId('install-hint');
	await expect(hint).toBeVisible({ timeout: 30_000 });
	await hint.getByRole('button', { name: '不再提示' }).click();
	await expect(hint).toHaveCount(0);

	await page.reload();
	await expect.poll(installEvents).toBeGreaterThan(0);
	await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
	await expect(hint).toHaveCount(0);

	// In English, for a device where nobody has turned it down yet.
	await page.evaluate(() => {
		localStorage.removeItem('budayang:install-hint-dismissed');
		localStorage.setItem('PARAGLIDE_LOCALE', 'en');
	});
	await page.reload();
	await expect(hint).toBeVisible();
	await expect(hint).toContainText('Install on the home screen');
	await expect(hint.getByRole('button', { name: 'Install', exact: true })).toBeVisible();
	await page.screenshot({ path: 'docs/screenshots/pwa-install-hint-en.png' });
	expect(await seriousViolations()).toEqual([]);
	// Both actions are real touch targets.
	for (const button of await hint.getByRole('button').all()) {
		const box = await button.boundingBox();
		expect(box?.height).toBeGreaterThanOrEqual(44);
		expect(box?.width).toBeGreaterThanOrEqual(44);
	}

	// The installed window reports display-mode standalone. Chromium's headless mode cannot open
	// one, so the page is told so through matchMedia before it starts.
	await page.addInitScript(() => {
		const real = window.matchMedia.bind(window);
		window.matchMedia = (query: string) =>
			query === '(display-mode: standalone)'
				? ({ ...real(query), matches: true, media: query } as MediaQueryList)
				: real(query);
	});
	await page.reload();
	await expect.poll(installEvents).toBeGreaterThan(0);
	await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
	await expect(hint).toHaveCount(0);
});

test('an open tablet asks for a new version every hour and when it is looked at again', async () => {
	await page.addInitScript(() => {
		const w = window as unknown as { updateChecks: number };
		w.updateChecks = 0;
		const update = ServiceWorkerRegistration.prototype.update;
		ServiceWorkerRegistration.prototype.update = function () {
			w.updateChecks++;
			return update.call(this);
		};
	});
	await page.clock.install();
	await page.goto('/login');
	await controlledByServiceWorker(page);
	const checks = () =>
		page.evaluate(() => (window as unknown as { updateChecks: number }).updateChecks);
	expect(await checks()).toBe(0);

	// The checks start once the worker's registration has settled, a moment after the load:
	// let hours pass until the first one, then count exactly.
	await expect
		.poll(async () => {
			await page.clock.fastForward('01:00:00');
			return checks();
		})
		.toBeGreaterThan(0);
	const hourly = await checks();
	await page.clock.fastForward('00:59:00');
	expect(await checks()).toBe(hourly);
	await page.clock.fastForward('00:01:00');
	await expect.poll(checks).toBe(hourly + 1);

	// Six minutes later the tablet is put aside and picked up again. Headless Chromium keeps every
	// tab visible, so the page hears it as a browser tells it: visibilityState and its event.
	await page.clock.fastForward('00:06:00');
	const turn = (state: DocumentVisibilityState) =>
		page.evaluate((state) => {
			Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
			document.dispatchEvent(new Event('visibilitychange'));
		}, state);
	await turn('hidden');
	expect(await checks()).toBe(hourly + 1);
	await turn('visible');
	await expect.poll(checks).toBe(hourly + 2);
	// The check found no new worker: no prompt, and the page was not taken over.
	await expect(page.getByText('有新版本可用')).toHaveCount(0);
	await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
});
