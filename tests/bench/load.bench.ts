/**
 * load: N simulated devices (50, 200, 1000) against one built server (`node server.js` over build-bench) on a
 * throwaway PostgreSQL database, all on 127.0.0.1, for a bounded time each. A device behaves as the
 * sync engine of a tablet at the counter (src/lib/sync/engine.ts): it keeps the event stream open;
 * it taps 1–3 volume taps (delta mutations on the day's cells, so devices meet on the same rows)
 * within the engine's 250 ms and pushes them together with its cursor, takes the page the push
 * answers (pulling on only while pages remain), thinks for 0.5–1.5 s, again. A poke above its
 * cursor makes it pull 200 ms later, without its device id (it has no verdict waiting), unless a
 * push of its own is under way; one at or below the cursor is ignored. Devices start from the
 * centre's current cursor (already synced) and share one duty session (one argon2 login, not N).
 */
import postgres from 'postgres';
import { PROTOCOL_VERSION, SCHEMA_VERSION } from '$lib/schemas';
import { TAP_DELAY_MS, POKE_DELAY_MS } from '$lib/sync/engine';
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
	pokes: number;
	ignoredPokes: number;
}

interface Page {
	cursor: number;
	hasMore: boolean;
	scope?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function quantile(sorted: number[], q: number) {
	if (sorted.length === 0) return 0;
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function runDevices(origin: string, cookie: string, n: number, cursor0: number) {
	const http = api(origin, cookie);
	const tally: Tally = {
		latencies: [],
		push: [],
		pull: [],
		errors: 0,
		statuses: {},
		mutations: 0,
		pokes: 0,
		ignoredPokes: 0
	};
	const deadline = Date.now() + SECONDS * 1000;
	const streams = new AbortController();
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

	/** The event stream as an EventSource reads it: `onPoke` with each poke's version. */
	async function listen(onPoke: (version: number) => void) {
		const query = new URLSearchParams({
			protocol: String(PROTOCOL_VERSION),
			schema: String(SCHEMA_VERSION)
		});
		try {
			const res = await fetch(`${origin}/api/sync/events?${query}`, {
				headers: { cookie },
				signal: streams.signal
			});
			if (!res.ok || !res.body) {
				tally.errors += 1;
				tally.statuses[`events ${res.status}`] = (tally.statuses[`events ${res.status}`] ?? 0) + 1;
				return;
			}
			const decoder = new TextDecoder();
			let text = '';
			for await (const chunk of res.body) {
				text += decoder.decode(chunk, { stream: true });
				let end;
				while ((end = text.indexOf('\n\n')) >= 0) {
					const event = text.slice(0, end);
					text = text.slice(end + 2);
					const data = /^event: poke\ndata: (.*)$/m.exec(event);
					if (data) onPoke((JSON.parse(data[1]) as { version: number }).version);
				}
			}
		} catch (e) {
			if (!streams.signal.aborted) {
				tally.errors += 1;
				tally.statuses['events network'] = (tally.statuses['events network'] ?? 0) + 1;
				void e;
			}
		}
	}

	async function device(index: number) {
		const deviceId = `load-${n}-${index}`;
		let next = 1;
		let cursor = cursor0;
		let scope: string | undefined;
		// One cycle at a time, as the engine runs them; a poke during one is taken by the next.
		let running: Promise<void> = Promise.resolve();
		let pokeTimer: ReturnType<typeof setTimeout> | undefined;
		const serially = (cycle: () => Promise<void>) => (running = running.then(cycle));

		const take = (body: string) => {
			const page = JSON.parse(body) as Page;
			cursor = page.cursor;
			scope = page.scope ?? scope;
			return page;
		};
		const pullOn = async (withDevice: boolean) => {
			for (;;) {
				const pulled = await timedCall('pull', () =>
					http.pull(withDevice ? deviceId : undefined, cursor, scope)
				);
				if (pulled === undefined || !take(pulled).hasMore) return;
			}
		};
		void listen((version) => {
			tally.pokes += 1;
			if (version <= cursor) {
				tally.ignoredPokes += 1;
				return;
			}
			pokeTimer ??= setTimeout(() => {
				pokeTimer = undefined;
				if (version > cursor && Date.now() < deadline) void serially(() => pullOn(false));
			}, POKE_DELAY_MS);
		});

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
			// The taps of one run go up together once the engine's wait is over.
			await sleep(TAP_DELAY_MS);
			await serially(async () => {
				const pushed = await timedCall('push', () =>
					http.push(deviceId, mutations, { since: cursor, scope })
				);
				if (pushed === undefined) return;
				next += count;
				tally.mutations += count;
				const page = (JSON.parse(pushed) as { pull?: Page }).pull;
				if (!page) return pullOn(true);
				take(JSON.stringify(page));
				if (page.hasMore) await pullOn(true);
			});
			await sleep(500 + random() * 1000);
		}
		clearTimeout(pokeTimer);
		await running;
	}

	const started = performance.now();
	await Promise.all(Array.from({ length: n }, (_, i) => device(i)));
	const seconds = (performance.now() - started) / 1000;
	streams.abort();
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
			`  ${(requests / seconds).toFixed(0)} req/s (${push.length} pushes, ${pull.length} pulls), p50 ${quantile(all, 0.5).toFixed(0)} ms, p99 ${quantile(all, 0.99).toFixed(0)} ms, errors ${tally.errors}, pokes ${tally.pokes} (${tally.ignoredPokes} ignored)`
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
			mutationsPerSecond: tally.mutations / seconds,
			pushes: push.length,
			pulls: pull.length,
			pokes: tally.pokes,
			pokesIgnored: tally.ignoredPokes
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
