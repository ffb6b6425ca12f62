import { expect, test, type APIResponse } from './fixtures';

/**
 * server.js gives the files adapter-node serves from disk the same security headers as the app's
 * own answers: the prerendered shell, the service worker, the manifest and the bundles.
 */
function expectSecured(res: APIResponse, path: string) {
	const h = res.headers();
	expect(res.status(), path).toBe(200);
	expect(h['x-content-type-options'], path).toBe('nosniff');
	expect(h['x-frame-options'], path).toBe('DENY');
	expect(h['referrer-policy'], path).toBe('same-origin');
	expect(h['cross-origin-opener-policy'], path).toBe('same-origin');
	expect(h['permissions-policy'], path).toContain('camera=()');
	const csp = h['content-security-policy'] ?? '';
	expect(csp, path).toContain("frame-ancestors 'none'");
	expect(csp, path).toContain("object-src 'none'");
	expect(csp, path).toContain("default-src 'self'");
	return h;
}

test('static files and pages carry the security headers and the CSP', async ({ request }) => {
	for (const path of ['/', '/login', '/roster/day']) {
		const res = await request.get(path);
		const h = expectSecured(res, path);
		expect(h['content-type']).toContain('text/html');
		expect(h['cache-control'], path).toBe('no-cache');
		// The header carries the page's own script hashes, so its inline start-up script still runs.
		const html = await res.text();
		const meta = /<meta http-equiv="content-security-policy" content="([^"]*)"/.exec(html);
		expect(meta, path).not.toBeNull();
		expect(h['content-security-policy']).toBe(`${meta![1]}; frame-ancestors 'none'`);
	}

	const sw = expectSecured(await request.get('/sw.js'), '/sw.js');
	expect(sw['content-type']).toContain('javascript');
	expect(sw['cache-control']).toBe('no-cache');
	// The service worker's own CSP governs its fetches: it must reach the server it came from.
	expect(sw['content-security-policy']).toContain("connect-src 'self'");

	const manifest = expectSecured(
		await request.get('/manifest.webmanifest'),
		'/manifest.webmanifest'
	);
	expect(manifest['content-type']).toContain('application/manifest+json');

	expectSecured(await request.get('/favicon.png'), '/favicon.png');
	const html = await (await request.get('/')).text();
	const bundle = /(?:src|href)="(\/_app\/immutable\/[^"]+\.js)"/.exec(html)?.[1];
	expect(bundle).toBeDefined();
	const asset = expectSecured(await request.get(bundle!), bundle!);
	expect(asset['cache-control']).toContain('immutable');

	// What the app renders keeps its own headers.
	const api = expectSecured(await request.get('/api/health'), '/api/health');
	expect(api['cache-control']).toBe('no-store');
});

test('the shell runs under its CSP header and refuses to be framed', async ({ page }) => {
	const violations: string[] = [];
	page.on('console', (m) => {
		if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
	});
	await page.goto('/login');
	await expect(page.getByRole('button', { name: /^(登录|Log in)$/ })).toBeVisible();
	expect(violations).toEqual([]);

	// A page of another site that frames the app gets nothing: frame-ancestors 'none'.
	const app = new URL('/login', page.url()).href;
	await page.route('http://framing.invalid/', (route) =>
		route.fulfill({
			contentType: 'text/html',
			body: `<title>framing</title><iframe src="${app}" title="app"></iframe>`
		})
	);
	await page.goto('http://framing.invalid/');
	const framed = () => page.frames().find((f) => f !== page.mainFrame());
	// Chromium puts its error page in place of a frame the app's CSP refused.
	await expect.poll(() => framed()?.url()).toMatch(/^chrome-error:/);
	expect(await framed()!.locator('input').count()).toBe(0);
});
