/**
 * load: N simulated devices (50, 200, 1000) against one built server (`node server.js` over build-bench) on a
 * throwaway PostgreSQL database, all on 127.0.0.1, for a bounded time each. A device is a person
 * tapping 1–3 volume taps (delta mutations on the day's cells, so devices meet on the same rows)
 * every 0.75–1.75 s whatever the network does, and the sync engine of a tablet at the counter
 * (src/lib/sync/engine.ts) with its rules: the event stream open; one cycle at a time and one more
 * asked for while it runs; a sync TAP_DELAY_MS after a tap, POKE_DELAY_MS after a poke above the
 * cursor (one at or below it is ignored); a push carrying everything in the outbox (up to 100)
 * and the cursor, whose answer's page is taken, pulling on only while pages remain; a pull with
 * the device id only while verdicts are awaited, otherwise with `device` and `poked` as the app
 * sends them; a failed cycle retried after the engine's backoff. Device ids are UUIDs, as the app
 * makes them. When the time is up the devices stop tapping and drain their outboxes. Devices
 * start from the centre's current cursor (already synced) and share one duty session (one argon2
 * login, not N).
 */
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { PROTOCOL_VERSION, SCHEMA_VERSION } from '$lib/schemas';
import { retryDelay } from '$lib/sync/backoff';
import { TAP_DELAY_MS, POKE_DELAY_MS } from '$lib/sync/engine';
import { api, emit, log, login, startServer, throwawayDatabase } from './lib';

const SIZES = (process.env.BENCH_LOAD_DEVICES ?? '50,200,1000').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 15);
/**
 * How long devices may take to empty their outboxes once tapping stops. What is left then was
 * never sent (a request under way is always waited for), so it is reported as left, not lost.
 */
const DRAIN_SECONDS = Number(process.env.BENCH_LOAD_DRAIN_SECONDS ?? 60);

interface Tally {
	latencies: number[];
	push: number[];
	pull: number[];
	errors: number;
	statuses: Record<string, number>;
	mutations: number;
	pokes: number;
	ignoredPokes: number;
	/** Taps made, and (mutations) taps the server acknowledged. */
	made: number;
	/** Taps still in an outbox when the drain time ran out (never sent, so never stored). */
	left: number;
}

interface Page {
	cursor: number;
	hasMore: boolean;
	scope?: string;
	results?: { id: number }[];
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
		ignoredPokes: 0,
		made: 0,
		left: 0
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

	/**
	 * One tablet: a person who taps at their own pace, whatever the network does, and the engine's
	 * rules for when to sync (src/lib/sync/engine.ts): one cycle at a time, one more asked for
	 * while it runs, a later sync timer the first asker sets (TAP_DELAY_MS after a tap,
	 * POKE_DELAY_MS after a poke above the cursor), a push per cycle while the outbox holds
	 * entries, a pull only when the push's page says more remain or nothing was pushed, and a
	 * failed cycle retried after the engine's backoff with the outbox kept.
	 */
	async function device() {
		const deviceId = randomUUID();
		const outbox: { id: number }[] = [];
		let made = 0;
		let acked = 0;
		let cursor = cursor0;
		let scope: string | undefined;
		let poked: number | undefined;
		let settled = false;
		let running = false;
		let again = false;
		let stopped = false;
		let attempt = 0;
		let soon: ReturnType<typeof setTimeout> | undefined;
		let retry: ReturnType<typeof setTimeout> | undefined;
		let idle: (() => void) | undefined;

		const take = (page: Page) => {
			cursor = page.cursor;
			scope = page.scope ?? scope;
			return page;
		};
		/** The verdicts of a push or pull settle the outbox, as applyPull does. */
		const settle = (results: { id: number }[] | undefined) => {
			for (const r of results ?? []) {
				const at = outbox.findIndex((e) => e.id === r.id);
				if (at >= 0) outbox.splice(at, 1);
				acked = Math.max(acked, r.id);
			}
		};
		const later = (ms: number) => {
			if (soon !== undefined || stopped) return;
			soon = setTimeout(() => {
				soon = undefined;
				void syncNow();
			}, ms);
		};
		const pullAll = async (first?: Page) => {
			for (let pages = 0; pages < 1000; pages++) {
				const pushed = pages === 0 && first !== undefined;
				const verdicts = pushed || !settled || outbox.length > 0;
				let page = first;
				if (!pushed) {
					const body = await timedCall('pull', () =>
						http.pull(verdicts ? deviceId : undefined, cursor, scope, {
							device: deviceId,
							poked
						})
					);
					if (body === undefined) throw new Error('pull failed');
					page = JSON.parse(body) as Page;
				}
				settle(page!.results);
				take(page!);
				if (verdicts) settled = true;
				if (!page!.hasMore) return;
			}
		};
		const cycle = async () => {
			clearTimeout(soon);
			soon = undefined;
			try {
				let pulled = false;
				while (outbox.length > 0) {
					const batch = outbox.slice(0, 100);
					const body = await timedCall('push', () =>
						http.push(deviceId, batch, { since: cursor, scope, confirmed: acked })
					);
					if (body === undefined) throw new Error('push failed');
					const answer = JSON.parse(body) as { results: { id: number }[]; pull?: Page };
					settle(answer.results);
					await pullAll(answer.pull);
					pulled = true;
					if (answer.results.length === 0) break;
				}
				if (!pulled) await pullAll();
				attempt = 0;
			} catch {
				clearTimeout(retry);
				retry = setTimeout(
					() => {
						retry = undefined;
						void syncNow();
					},
					retryDelay(attempt++, random, undefined)
				);
			}
		};
		const syncNow = async () => {
			if (stopped) return;
			if (running) {
				again = true;
				return;
			}
			running = true;
			do {
				again = false;
				await cycle();
			} while (again);
			running = false;
			idle?.();
		};

		void listen((version) => {
			tally.pokes += 1;
			poked = Math.max(poked ?? 0, version);
			if (version <= cursor) {
				tally.ignoredPokes += 1;
				return;
			}
			later(POKE_DELAY_MS);
		});

		await sleep(random() * 1000); // staggered start
		while (Date.now() < deadline) {
			// A run of 1–3 taps (受理, 受理, 办结), each stored in the outbox at once.
			const count = 1 + Math.floor(random() * 3);
			for (let i = 0; i < count; i++) {
				made += 1;
				outbox.push({
					id: made,
					name: 'volume.add',
					args: {
						date: '2026-06-06',
						hour: 9 + Math.floor(random() * 8),
						category: `类别${Math.floor(random() * 8)}`,
						channel: 'window',
						delta: { accepted: 1 }
					},
					createdAt: '2026-06-06T09:00:00+08:00'
				} as { id: number });
				later(TAP_DELAY_MS);
			}
			// The person's pause does not wait for the network; the same pace as the engine's wait
			// plus 0.5–1.5 s of thought.
			await sleep(TAP_DELAY_MS + 500 + random() * 1000);
		}
		// Time is up: no more taps; the outbox drains as the engine would drain it.
		const drainBy = Date.now() + DRAIN_SECONDS * 1000;
		while (outbox.length > 0 && Date.now() < drainBy) {
			if (!running && soon === undefined && retry === undefined) void syncNow();
			await new Promise<void>((r) => {
				idle = r;
				setTimeout(r, 250);
			});
		}
		stopped = true;
		clearTimeout(soon);
		clearTimeout(retry);
		while (running) await new Promise<void>((r) => (idle = r));
		tally.mutations += acked;
		tally.made += made;
		tally.left += outbox.length;
	}

	const started = performance.now();
	await Promise.all(Array.from({ length: n }, () => device()));
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
	let made = 0;
	for (const n of SIZES) {
		// The duty's own centre: the demo has three, and the row order of centre_versions moves
		// with every update (a `limit 1` once gave the second size another centre's cursor, so
		// each of its devices pulled the whole demo year).
		const [{ version }] = await admin`
			select v.version from centre_versions v join users u on u.centre_id = v.centre_id
			where u.username = 'duty'`;
		log(`load: ${n} devices for ${SECONDS} s`);
		const { tally, seconds } = await Promise.race([
			runDevices(server.origin, cookie, n, Number(version)),
			sleep((SECONDS + DRAIN_SECONDS + 120) * 1000).then(() => {
				throw new Error(`load ${n}: did not finish`);
			})
		]);
		applied += tally.mutations;
		made += tally.made;
		const all = [...tally.latencies].sort((a, b) => a - b);
		const push = [...tally.push].sort((a, b) => a - b);
		const pull = [...tally.pull].sort((a, b) => a - b);
		const requests = all.length + tally.errors;
		log(
			`  ${(requests / seconds).toFixed(0)} req/s (${push.length} pushes, ${pull.length} pulls), p50 ${quantile(all, 0.5).toFixed(0)} ms, p99 ${quantile(all, 0.99).toFixed(0)} ms, errors ${tally.errors}, taps ${tally.mutations} acknowledged of ${tally.made} (${tally.left} left unsent), pokes ${tally.pokes} (${tally.ignoredPokes} ignored)`
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
			mutationsMade: tally.made,
			mutationsLeftInOutboxes: tally.left,
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
	log(
		`load: server holds ${sum} accepted taps; devices had ${applied} acknowledged of ${made} made`
	);
	if (Number(sum) !== applied) throw new Error(`load: ${sum} taps stored, ${applied} acknowledged`);
	await admin.end();
} finally {
	await server.stop();
	await pg.drop();
}
process.exit(0);
