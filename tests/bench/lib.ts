/**
 * Helpers shared by the benchmarks: the JSON line every figure prints, throwaway PostgreSQL
 * databases, the built server on loopback, and a logged-in HTTP client for it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import postgres from 'postgres';
import { versionHeaders } from '$lib/sync/client';

export interface Figure {
	name: string;
	value: number;
	unit: string;
	ratio: number | null;
	against: string | null;
	[extra: string]: unknown;
}

/** Prints one figure as one JSON line on stdout; the runner collects every such line. */
export function emit(figure: Figure): void {
	const round = (n: number | null) => (n === null ? null : Number(n.toPrecision(4)));
	process.stdout.write(
		JSON.stringify({ ...figure, value: round(figure.value), ratio: round(figure.ratio) }) + '\n'
	);
}

/** Progress for a person watching; stderr, so it never mixes with the figures. */
export const log = (...parts: unknown[]) => console.error('  ·', ...parts);

export async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const start = performance.now();
	const value = await run();
	return { ms: performance.now() - start, value };
}

/**
 * A day the demo has planned, for a board with its plan and window advice: the hall's today on a
 * Saturday or Sunday, else the coming Saturday (the demo plans the non-working days only).
 */
export function plannedDay(): string {
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
	const noon = Date.parse(`${today}T12:00:00Z`);
	const weekday = new Date(noon).getUTCDay();
	const ahead = weekday === 0 || weekday === 6 ? 0 : 6 - weekday;
	return new Date(noon + ahead * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Waits until a signed-in tablet's first-sync history has ended: no progress bar on screen and
 * no resumable history mark left in the device's IndexedDB.
 */
export async function historyEnded(page: Page, polling = 200): Promise<void> {
	await page.waitForFunction(
		() =>
			!document.querySelector('[data-testid="sync-progress"]') &&
			new Promise<boolean>((resolve) => {
				const open = indexedDB.open('budayang');
				open.onerror = () => resolve(false);
				open.onsuccess = () => {
					const get = open.result.transaction('meta').objectStore('meta').get('history');
					get.onsuccess = () => {
						open.result.close();
						resolve(get.result === undefined);
					};
					get.onerror = () => resolve(false);
				};
			}),
		undefined,
		{ timeout: 300_000, polling }
	);
}

export const perSecond = (count: number, ms: number) => (count * 1000) / ms;

export const adminUrl =
	process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Throwaway {
	url: string;
	drop(): Promise<void>;
}

/** A fresh PostgreSQL database for one benchmark, dropped afterwards. */
export async function throwawayDatabase(prefix = 'budayang_bench'): Promise<Throwaway> {
	const name = `${prefix}_${randomBytes(5).toString('hex')}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
	await admin.unsafe(`create database ${name}`);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		async drop() {
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	};
}

export async function freePort(): Promise<number> {
	return new Promise((ok, fail) => {
		const s = createServer();
		s.once('error', fail);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => ok(port));
		});
	});
}

export const buildDir = resolve(process.env.BENCH_BUILD_DIR ?? 'build-bench');

export interface Server {
	origin: string;
	process: ChildProcess;
	stop(): Promise<void>;
}

/** Starts the production server (`node server.js` over the bench build) on 127.0.0.1 and waits
 * for /api/health. */
export async function startServer(env: Record<string, string>, timeoutMs = 180_000) {
	// BENCH_PORT pins the port where the machine is shared and each person keeps to their own.
	const port = Number(process.env.BENCH_PORT) || (await freePort());
	const origin = `http://127.0.0.1:${port}`;
	const dataDir = env.DATA_DIR ?? `.bench-data-${port}`;
	// BENCH_SERVER_NODE_ARGS (`--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the server alone.
	const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
	const child = spawn(process.execPath, [...nodeArgs, resolve('server.js')], {
		env: {
			...process.env,
			BUILD_DIR: buildDir,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			BODY_SIZE_LIMIT: '2M',
			DATA_DIR: dataDir,
			LOGIN_MAX_FAILURES_PER_ADDRESS: '10000',
			// The load figure shares one session over up to 1,000 devices: the per-user push limit
			// (docs/security.md) would measure the limiter, not the server.
			SYNC_PUSHES_PER_MINUTE_PER_USER: '1000000',
			SYNC_PUSH_BURST_PER_USER: '1000000',
			...env
		},
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let stderr = '';
	child.stderr?.on('data', (d) => (stderr = (stderr + String(d)).slice(-4000)));
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
		try {
			const res = await fetch(`${origin}/api/health`);
			if (res.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`server did not start: ${stderr}`);
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	return {
		origin,
		process: child,
		async stop() {
			if (child.exitCode === null) {
				const exited = new Promise((r) => child.once('exit', r));
				child.kill('SIGTERM');
				const t = setTimeout(() => child.kill('SIGKILL'), 5000);
				await exited;
				clearTimeout(t);
			}
			if (!env.DATA_DIR) await rm(dataDir, { recursive: true, force: true });
		}
	} satisfies Server;
}

/** Logs in and returns the session cookie. */
export async function login(origin: string, username: string, password = 'demo-pass-2026') {
	const res = await fetch(`${origin}/api/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin },
		body: JSON.stringify({ username, password })
	});
	if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
	const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]);
	return cookie.join('; ');
}

export interface Api {
	/**
	 * `position`: the device's cursor and scope, for an answer that carries the page since it;
	 * `confirmed`: the highest id the server has confirmed to the device, as the app sends it.
	 */
	push(
		deviceId: string,
		mutations: unknown[],
		position?: { since: number; scope?: string; confirmed?: number }
	): Promise<Response>;
	/**
	 * Without a device id, as a tablet with nothing awaiting a verdict pulls. `as` is what the app
	 * sends then (src/lib/sync/client.ts): `device`, who is pulling, and `poked`, the highest
	 * version a poke announced.
	 */
	pull(
		deviceId: string | undefined,
		cursor: number,
		scope?: string,
		as?: { device?: string; poked?: number }
	): Promise<Response>;
}

/** The app's handshake headers (src/lib/sync/client.ts) go with every call, as the app sends them. */
export function api(origin: string, cookie: string): Api {
	return {
		push: (deviceId, mutations, position) =>
			fetch(`${origin}/api/sync/push`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin, cookie, ...versionHeaders },
				body: JSON.stringify({ protocol: 1, deviceId, mutations, ...position })
			}),
		pull: (deviceId, cursor, scope, as) => {
			const query = new URLSearchParams({ cursor: String(cursor) });
			if (scope) query.set('scope', scope);
			if (deviceId) query.set('deviceId', deviceId);
			else if (as?.device) query.set('device', as.device);
			if (as?.poked !== undefined) query.set('poked', String(as.poked));
			return fetch(`${origin}/api/sync/pull?${query}`, { headers: { cookie, ...versionHeaders } });
		}
	};
}

export { distinctVolumeAdd, mutationOf } from './data';
