/**
 * The server process killed in the middle of a device's pushes and restarted: nothing is lost,
 * nothing is applied twice or by halves, and two devices converge. Runs the built app
 * (`node $BUILD_DIR`) on a throwaway PostgreSQL database, SIGKILLs it while a device pushes 400
 * mutations in batches of 20 (each batch commits whole, in its group), starts it again on the same
 * database and lets the device push all 400 again in one batch.
 */
import { expect, test } from './fixtures';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import postgres from 'postgres';

const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const buildDir = resolve(process.env.BUILD_DIR ?? 'build');
const DATE = '2026-06-07';
const CELLS = 4;
const BATCH = 400;
const PART = 20;

async function freePort(): Promise<number> {
	return new Promise((ok) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => ok(port));
		});
	});
}

async function start(databaseUrl: string, port: number): Promise<ChildProcess> {
	const origin = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [buildDir], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			DATABASE_URL: databaseUrl,
			DEMO: '1',
			BODY_SIZE_LIMIT: '2M'
		},
		stdio: 'ignore'
	});
	for (let i = 0; i < 600; i++) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
		try {
			// A login opens the database (and seeds the demo once), so readiness means that too.
			const res = await fetch(`${origin}/api/health`);
			if (res.ok) return child;
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	child.kill('SIGKILL');
	throw new Error('server did not start');
}

const tap = (id: number) => ({
	id,
	name: 'volume.add',
	args: {
		date: DATE,
		hour: 9 + (id % CELLS),
		category: '崩溃测试',
		channel: 'window',
		delta: { accepted: 1 }
	},
	createdAt: '2026-06-07T09:00:00+08:00'
});

type Change = { version: number; entity: string; id: string; op: string; data?: unknown };

test('a server killed mid-batch loses nothing, applies nothing twice, and devices converge', async () => {
	test.setTimeout(180_000);
	const name = `budayang_crash_${randomBytes(5).toString('hex')}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const sql = postgres(url.toString(), { max: 2, onnotice: () => {} });
	let port = await freePort();
	let origin = `http://127.0.0.1:${port}`;
	let server = await start(url.toString(), port);
	try {
		const login = await fetch(`${origin}/api/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin },
			body: JSON.stringify({ username: 'duty', password: 'demo-pass-2026' })
		});
		expect(login.status).toBe(200);
		const cookie = login.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; ');
		const [{ version: before }] = await sql`select version from centre_versions`;
		const push = (deviceId: string, mutations: unknown[]) =>
			fetch(`${origin}/api/sync/push`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin, cookie },
				body: JSON.stringify({ protocol: 1, deviceId, mutations }),
				signal: AbortSignal.timeout(60_000)
			});
		const lastApplied = async (deviceId: string) => {
			const rows = await sql`select last_mutation_id from devices where device_id = ${deviceId}`;
			return Number(rows[0]?.last_mutation_id ?? 0);
		};

		// Device A sends 400 taps, 20 a batch; the server dies while it is part-way through.
		const batch = Array.from({ length: BATCH }, (_, i) => tap(i + 1));
		const inFlight = (async () => {
			for (let i = 0; i < BATCH; i += PART) {
				const status = await push('crash-a', batch.slice(i, i + PART)).then(
					(r) => r.status,
					() => 'connection lost'
				);
				if (status !== 200) return status;
			}
			return 'finished';
		})();
		await expect
			.poll(() => lastApplied('crash-a'), { intervals: [10], timeout: 60_000 })
			.toBeGreaterThan(20);
		server.kill('SIGKILL');
		await new Promise((r) => server.once('exit', r));
		expect(await inFlight).toBe('connection lost');
		const applied = await lastApplied('crash-a');
		expect(applied).toBeGreaterThan(0);
		expect(applied).toBeLessThan(BATCH);
		// A batch is applied whole or not at all.
		expect(applied % PART).toBe(0);

		// Restart on the same database; the session survives. A sends its whole batch again.
		// A new port: no pooled connection to the dead process is reused.
		port = await freePort();
		origin = `http://127.0.0.1:${port}`;
		server = await start(url.toString(), port);
		const again = await push('crash-a', batch);
		expect(again.status).toBe(200);
		const { results } = (await again.json()) as { results: { id: number; status: string }[] };
		expect(results).toEqual(batch.map((m) => ({ id: m.id, status: 'applied' })));
		// Device B taps too, after the restart.
		const fromB = Array.from({ length: 20 }, (_, i) => tap(i + 1));
		expect((await push('crash-b', fromB)).status).toBe(200);

		// Exactly once: one audit entry per mutation and no stored result (only rejections are
		// stored), totals equal the taps.
		expect(await lastApplied('crash-a')).toBe(BATCH);
		const [{ n: resultsA }] =
			await sql`select count(*)::int as n from mutation_results where device_id = 'crash-a'`;
		const [{ n: auditA }] =
			await sql`select count(*)::int as n from audit_log where device_id = 'crash-a'`;
		expect(resultsA).toBe(0);
		expect(auditA).toBe(BATCH);
		const stored = await sql`select id, data from records
			where entity = 'volume' and data->>'date' = ${DATE} and data->>'category' = '崩溃测试'`;
		const total = stored.reduce(
			(n, r) => n + (r.data as { counters: { accepted: number } }).counters.accepted,
			0
		);
		expect(total).toBe(BATCH + fromB.length);

		// Both devices pull from where they were and end with the same rows as the server.
		async function pullAll(deviceId: string) {
			const rows = new Map<string, unknown>();
			let cursor = Number(before);
			for (;;) {
				const res = await fetch(`${origin}/api/sync/pull?cursor=${cursor}&deviceId=${deviceId}`, {
					headers: { cookie }
				});
				expect(res.status).toBe(200);
				const page = (await res.json()) as {
					cursor: number;
					hasMore: boolean;
					changes: Change[];
					lastMutationId: number;
				};
				for (const c of page.changes) {
					if (c.op === 'put') rows.set(`${c.entity}/${c.id}`, c.data);
					else rows.delete(`${c.entity}/${c.id}`);
				}
				cursor = page.cursor;
				if (!page.hasMore) return { rows, lastMutationId: page.lastMutationId };
			}
		}
		const a = await pullAll('crash-a');
		const b = await pullAll('crash-b');
		expect(a.lastMutationId).toBe(BATCH);
		expect(b.lastMutationId).toBe(fromB.length);
		expect([...a.rows].sort()).toEqual([...b.rows].sort());
		const onServer = new Map(stored.map((r) => [`volume/${r.id}`, r.data]));
		for (const [key, data] of onServer) expect(a.rows.get(key)).toEqual(data);
	} finally {
		// SIGKILL: a graceful stop waits on open connections, and there is nothing to keep here.
		if (server.exitCode === null) {
			const exited = new Promise((r) => server.once('exit', r));
			server.kill('SIGKILL');
			await exited;
		}
		await sql.end();
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	}
});
