/**
 * A server raised above the tablet's protocol (SYNC_MIN_PROTOCOL): the tablet stops syncing, shows
 * the update prompt, and keeps what it recorded offline until a server serves it again. Runs its
 * own server (`node $BUILD_DIR`, embedded PGlite in a throwaway directory) and restarts it on the
 * same data and port with another minimum (docs/sync-protocol.md, "Versions and handshake").
 */
import { expect, test } from './fixtures';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { login } from './helpers';

const buildDir = resolve(process.env.BUILD_DIR ?? 'build');

async function freePort(): Promise<number> {
	return new Promise((ok) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => ok(port));
		});
	});
}

async function start(port: number, dataDir: string, minProtocol: number): Promise<ChildProcess> {
	const origin = `http://localhost:${port}`;
	const child = spawn(process.execPath, [buildDir], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			DATA_DIR: dataDir,
			DEMO: '1',
			LOG_LEVEL: 'silent',
			// An open event stream would otherwise hold a restart for the default 30 s.
			SHUTDOWN_TIMEOUT: '3',
			SYNC_MIN_PROTOCOL: String(minProtocol)
		},
		stdio: 'ignore'
	});
	for (let i = 0; i < 900; i++) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
		try {
			if ((await fetch(`${origin}/api/health`)).ok) return child;
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	child.kill('SIGKILL');
	throw new Error('server did not start');
}

async function stop(child: ChildProcess) {
	if (child.exitCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	child.kill('SIGTERM');
	await exited;
}

const outboxSize = () =>
	new Promise<number>((ok, fail) => {
		const open = indexedDB.open('budayang');
		open.onerror = () => fail(open.error);
		open.onsuccess = () => {
			const req = open.result.transaction('outbox').objectStore('outbox').count();
			req.onsuccess = () => {
				ok(req.result);
				open.result.close();
			};
			req.onerror = () => fail(req.error);
		};
	});

test('a tablet older than the server asks for an update and keeps its offline work', async ({
	browser
}) => {
	test.setTimeout(300_000);
	const port = await freePort();
	const dataDir = mkdtempSync(join(tmpdir(), 'budayang-protocol-'));
	let server = await start(port, dataDir, 1);
	const context = await browser.newContext({ baseURL: `http://localhost:${port}` });
	const page = await context.newPage();
	try {
		await login(page, 'duty');

		// Offline, the clerk counts three cases; meanwhile the server is upgraded past this build.
		await page.goto('/volume');
		await context.setOffline(true);
		await expect(page.getByTestId('sync-state')).toHaveText('离线');
		const accepted = page.getByTestId('count-accepted');
		const before = Number(await accepted.textContent());
		const plusOne = page.getByRole('button', { name: '+1 受理' });
		for (let i = 0; i < 3; i++) await plusOne.click();
		await expect(accepted).toHaveText(String(before + 3));
		await stop(server);
		server = await start(port, dataDir, 99);

		// Back online, the first push is answered 426: the prompt shows and nothing is lost.
		await context.setOffline(false);
		const prompt = page.getByTestId('update-required');
		await expect(prompt).toContainText('应用版本过旧', { timeout: 30_000 });
		await expect(prompt.getByRole('button', { name: '更新并重新加载' })).toBeVisible();
		await expect(page.getByTestId('sync-state')).toHaveText('需要更新应用');
		await expect(page.getByTestId('sync-waiting')).toHaveText('3 项待同步');
		await expect(page.getByRole('button', { name: '立即同步' })).toBeDisabled();
		expect(await page.evaluate(outboxSize)).toBe(3);
		await expect(accepted).toHaveText(String(before + 3));

		// A reload shows the prompt again at once, and still sends nothing the server refuses.
		await page.reload();
		await expect(page.getByTestId('update-required')).toBeVisible();
		await expect(page.getByTestId('sync-waiting')).toHaveText('3 项待同步');
		expect(await page.evaluate(outboxSize)).toBe(3);

		// The server serves this build again: the button reloads, and the three cases go out.
		await stop(server);
		server = await start(port, dataDir, 1);
		await page.getByTestId('update-required').getByRole('button').click();
		// The outbox itself, not the header: a freshly loaded page reads its count a moment later.
		await expect.poll(() => page.evaluate(outboxSize).catch(() => -1), { timeout: 60_000 }).toBe(0);
		await expect(page.getByTestId('sync-waiting')).toHaveText('已全部同步');
		await expect(page.getByTestId('update-required')).toHaveCount(0);
		await expect(page.getByTestId('count-accepted')).toHaveText(String(before + 3));
	} finally {
		await context.close();
		await stop(server);
		rmSync(dataDir, { recursive: true, force: true });
	}
});
