/**
 * load: N simulated devices (50, 200, 1000) against one built server (`node server.js` over build-bench) on a
 * throwaway PostgreSQL database, all on 127.0.0.1, for a bounded time each. A device behaves as a
 * tablet at the counter: push 1–3 volume taps (delta mutations on the day's cells, so devices
 * meet on the same rows), pull from its cursor, think for 0.5–1.5 s, again. Devices start from the
 * centre's current cursor (already synced) and share one duty session (one argon2 login, not N).
 */
import postgres from 'postgres';
import { api, emit, log, login, startServer, throwawayDatabase } from './lib';

const SIZES = (process.env.BENCH_LOAD_DEVICES ?? '50,200,1000').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 15);

interface Tally {
	latencies: number[];
	push: number[];
	pull: number[];
	errors: number;
	statuses: Record<string, number>;
	mutations: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function quantile(sorted: number[], q: number) {
	if (sorted.length === 0) return 0;
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function runDevices(origin: string, cookie: string, n: number, cursor0: number) {
	const http = api(origin, cookie);
	const tally: Tally = { latencies: [], push: [], pull: [], errors: 0, statuses: {}, mutations: 0 };
	const deadline = Date.now() + SECONDS * 1000;
	let seed = n * 7919;
	const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

	async function timedCall(kind: 'push' | 'pull', call: () => Promise<Response>) {
		const start = performance.now();
		try {
			const res = await call();
			const body = await res.text();
			const ms = performance.now() - start;
			tally.statuses[res.status] = (tally.statuses[res.status] ?? 0) + 1;
			if (!res.ok) {
				tally.errors += 1;
				return undefined;
			}
			tally.latencies.push(ms);
			tally[kind].push(ms);
			return body;
		} catch {
			tally.errors += 1;
			tally.statuses.network = (tally.statuses.network ?? 0) + 1;
			return undefined;
		}
	}

	async function device(index: number) {
		const deviceId = `load-${n}-${index}`;
		let next = 1;
		let cursor = cursor0;
		await sleep(random() * 1000); // staggered start
		while (Date.now() < deadline) {
			const count = 1 + Math.floor(random() * 3);
			const mutations = Array.from({ length: count }, (_, i) => ({
				id: next + i,
				name: 'volume.add',
				args: {
					date: '2026-06-06',
					hour: 9 + Math.floor(random() * 8),
					category: `类别${Math.floor(random() * 8)}`,
					channel: 'window',
					delta: { accepted: 1 }
				},
				createdAt: '2026-06-06T09:00:00+08:00'
			}));
			const pushed = await timedCall('push', () => http.push(deviceId, mutations));
			if (pushed !== undefined) {
				next += count;
				tally.mutations += count;
			}
			const pulled = await timedCall('pull', () => http.pull(deviceId, cursor));
			if (pulled !== undefined) cursor = (JSON.parse(pulled) as { cursor: number }).cursor;
			await sleep(500 + random() * 1000);
		}
	}

	const started = performance.now();
	await Promise.all(Array.from({ length: n }, (_, i) => device(i)));
	const seconds = (performance.now() - started) / 1000;
	return { tally, seconds };
}

const pg = await throwawayDatabase();
const server = await startServer({ DATABASE_URL: pg.url, DEMO: '1', DB_POOL_SIZE: '20' });
try {
	const cookie = await login(server.origin, 'duty');
	const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
	let applied = 0;
	for (const n of SIZES) {
		const [{ version }] = await admin`select version from centre_versions limit 1`;
		log(`load: ${n} devices for ${SECONDS} s`);
		const { tally, seconds } = await Promise.race([
			runDevices(server.origin, cookie, n, Number(version)),
			sleep((SECONDS + 60) * 1000).then(() => {
				throw new Error(`load ${n}: did not finish`);
			})
		]);
		applied += tally.mutations;
		const all = [...tally.latencies].sort((a, b) => a - b);
		const push = [...tally.push].sort((a, b) => a - b);
		const pull = [...tally.pull].sort((a, b) => a - b);
		const requests = all.length + tally.errors;
		log(
			`  ${(requests / seconds).toFixed(0)} req/s, p50 ${quantile(all, 0.5).toFixed(0)} ms, p99 ${quantile(all, 0.99).toFixed(0)} ms, errors ${tally.errors}`
		);
		emit({
			name: `load-${n}-devices`,
			value: requests / seconds,
			unit: 'requests/s',
			ratio: null,
			against: null,
			devices: n,
			seconds: Number(seconds.toFixed(1)),
			requests,
			p50ms: quantile(all, 0.5),
			p99ms: quantile(all, 0.99),
			pushP50ms: quantile(push, 0.5),
			pushP99ms: quantile(push, 0.99),
			pullP50ms: quantile(pull, 0.5),
			pullP99ms: quantile(pull, 0.99),
			errors: tally.errors,
			statuses: tally.statuses,
			mutationsApplied: tally.mutations,
			mutationsPerSecond: tally.mutations / seconds
		});
	}
	// Nothing lost under load: the server's totals equal the accepted deltas.
	const [{ sum }] =
		await admin`select coalesce(sum((data->'counters'->>'accepted')::int), 0) as sum from records where entity = 'volume' and data->>'date' = '2026-06-06' and data->>'category' like '类别%'`;
	log(`load: server holds ${sum} accepted taps; devices had ${applied} acknowledged`);
	if (Number(sum) !== applied) throw new Error(`load: ${sum} taps stored, ${applied} acknowledged`);
	await admin.end();
} finally {
	await server.stop();
	await pg.drop();
}
process.exit(0);
