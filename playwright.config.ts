import { availableParallelism } from 'node:os';
import { defineConfig } from '@playwright/test';
import { e2ePort } from './tests/e2e/fixtures';

// E2E_PORT and BUILD_DIR let two runs share a machine without meeting.
const buildDir = process.env.BUILD_DIR ?? 'build';
// Two workers, each with its own server on E2E_PORT + its index (tests/e2e/fixtures.ts). A
// journey waits on the network and IndexedDB for much of its time, so a second one beside it
// uses that time: 66 tests took 18.3 and 19.8 min here, against 21.9 min one at a time. The two
// cores, busy with both browsers and both servers, are what limits it beyond that.
// E2E_WORKERS=1 runs them one after another, on one server.
const workers = Number(process.env.E2E_WORKERS ?? Math.min(2, availableParallelism()));
const ports = Array.from({ length: workers }, (_, i) => e2ePort(i));

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 120_000,
	expect: { timeout: 15_000 },
	fullyParallel: false,
	workers,
	retries: 0,
	reporter: [['list']],
	// The sweep of every route is the longest file by far: queued first, its two sizes start at
	// once, one in each worker, and the journeys share out what is left instead of one worker
	// finishing the sweep alone at the end.
	projects: [
		{ name: 'routes', testMatch: 'routes.test.ts' },
		{ name: 'journeys', testIgnore: 'routes.test.ts' }
	],
	use: {
		// baseURL is each worker's own server (tests/e2e/fixtures.ts).
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		viewport: { width: 1280, height: 800 },
		launchOptions: {
			executablePath: '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic'
			]
		}
	},
	// The built app: `vite dev` serves no service worker, and offline is what we test. server.js
	// is the production server: adapter-node plus the security headers on static files.
	webServer: ports.map((port) => ({
		command: `rm -rf .e2e-data-${port} && node server.js`,
		url: `http://localhost:${port}/api/health`,
		timeout: 180_000,
		reuseExistingServer: false,
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://localhost:${port}`,
			DEMO: '1',
			BODY_SIZE_LIMIT: '1M',
			DATA_DIR: `.e2e-data-${port}`,
			BUILD_DIR: buildDir
		}
	}))
});
