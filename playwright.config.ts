import { defineConfig } from '@playwright/test';

// E2E_PORT and BUILD_DIR let two runs share a machine without meeting.
const port = Number(process.env.E2E_PORT ?? 4180);
const buildDir = process.env.BUILD_DIR ?? 'build';
const dataDir = `.e2e-data-${port}`;

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 120_000,
	expect: { timeout: 15_000 },
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: [['list']],
	use: {
		baseURL: `http://localhost:${port}`,
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
	webServer: {
		command: `rm -rf ${dataDir} && node server.js`,
		url: `http://localhost:${port}/api/health`,
		timeout: 180_000,
		reuseExistingServer: false,
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://localhost:${port}`,
			DEMO: '1',
			BODY_SIZE_LIMIT: '1M',
			DATA_DIR: dataDir,
			BUILD_DIR: buildDir
		}
	}
});
