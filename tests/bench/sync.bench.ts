/**
 * sync-vs-pouchdb: the time for the same rows to travel from one device to another through the
 * server, against PouchDB replicating the same documents through an in-process PouchDB server.
 *
 * Ours: the built app (`node server.js` over build-bench) on PostgreSQL; device A holds N volume.add mutations in
 * its outbox (Dexie on fake-indexeddb, written before the clock starts), pushes them as the engine
 * does (outbox.nextPush: up to 500 a push), and device B pulls and applies them with applyPull. PouchDB: database A (memory adapter)
 * holds the same N rows as documents; A replicates to express-pouchdb (memory) on loopback and B
 * replicates from it. Both clocks run from "A has the data" to "B has all of it".
 */
import 'fake-indexeddb/auto';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import { HallDatabase, applyPull, outbox, type Actor } from '$lib/local';
import { pullResponse, type Mutation } from '$lib/schemas';
import { distinctVolumeAdd } from './data';
import { api, emit, log, login, perSecond, startServer, throwawayDatabase, timed } from './lib';

const N = Number(process.env.BENCH_SYNC_ROWS ?? 1000);
// PouchDB lives in its own package (tests/bench/pouchdb), installed by run.js for this bench only.
const require = createRequire(new URL('./pouchdb/package.json', import.meta.url));

async function ours() {
	const pg = await throwawayDatabase();
	const server = await startServer({ DATABASE_URL: pg.url, DEMO: '1' });
	try {
		const cookie = await login(server.origin, 'duty');
		const http = api(server.origin, cookie);
		const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
		const [{ id: centreId, version: seeded }] =
			await admin`select v.centre_id as id, v.version from centre_versions v
				join users u on u.centre_id = v.centre_id where u.username = 'duty'`;
		let version = Number(seeded);
		await admin.end();
		const actorA: Actor = { centreId, userId: 'duty', role: 'duty', deviceId: 'bench-a' };
		const actorB: Actor = { ...actorA, deviceId: 'bench-b' };

		async function device(name: string, actor: Actor, batch: boolean) {
			const a = new HallDatabase(`${name}-a`);
			const b = new HallDatabase(`${name}-b`);
			if (!batch) {
				for (let i = 1; i <= N; i++) {
					await outbox.mutate(
						a,
						actor,
						'volume.add',
						distinctVolumeAdd(i),
						'2026-06-06T09:00:00+08:00'
					);
				}
			} else {
				// The same cells as end-of-day sheets: one volume.addBatch per date.
				const byDate = new Map<string, ReturnType<typeof distinctVolumeAdd>[]>();
				for (let i = 1; i <= N; i++) {
					const add = distinctVolumeAdd(i);
					byDate.set(add.date, [...(byDate.get(add.date) ?? []), add]);
				}
				for (const [date, adds] of byDate) {
					const cells = adds.map(({ hour, category, channel, delta }) => ({
						hour,
						category,
						channel,
						delta
					}));
					await outbox.mutate(
						a,
						actor,
						'volume.addBatch',
						{ date, cells, source: 'bench' },
						'2026-06-06T09:00:00+08:00'
					);
				}
			}
			const queued = await a.outbox.count();
			return { a, b, queued };
		}

		async function syncOnce(
			d: { a: HallDatabase; b: HallDatabase },
			deviceA: string,
			deviceB: string
		) {
			let requests = 0;
			const started = performance.now();
			for (;;) {
				const entries = await outbox.nextPush(d.a);
				if (entries.length === 0) break;
				const mutations: Mutation[] = entries.map((e) => ({
					id: e.mutationId,
					name: e.name,
					args: e.args,
					createdAt: e.createdAt
				}));
				const res = await http.push(deviceA, mutations);
				requests += 1;
				if (!res.ok) throw new Error(`push ${res.status}`);
				const { results } = (await res.json()) as { results: { id: number; status: string }[] };
				if (results.some((r) => r.status !== 'applied')) throw new Error('push rejected');
				await d.a.outbox.bulkDelete(results.map((r) => r.id));
			}
			const pushMs = performance.now() - started;
			let cursor = version;
			let rows = 0;
			for (;;) {
				const res = await http.pull(deviceB, cursor);
				requests += 1;
				if (!res.ok) throw new Error(`pull ${res.status}`);
				const page = pullResponse.parse(await res.json());
				const applied = await applyPull(
					d.b,
					{ ...actorB, deviceId: deviceB },
					page,
					'2026-06-06T09:00:00+08:00'
				);
				rows += applied.applied;
				cursor = page.cursor;
				if (!page.hasMore) break;
			}
			// Where the time goes: A's pushes, then B's pulls with their apply (fake-indexeddb here).
			return { rows, requests, cursor, pushMs, pullMs: performance.now() - started - pushMs };
		}

		const single = await device('one', actorA, false);
		const t1 = await timed(() => syncOnce(single, 'bench-a', 'bench-b'));
		version = t1.value.cursor;
		const onB = await single.b.volume.count();
		if (onB !== N) throw new Error(`device B has ${onB} rows of ${N}`);

		const batched = await device('batch', actorA, true);
		const t2 = await timed(() => syncOnce(batched, 'bench-a2', 'bench-b2'));
		return {
			single: { ms: t1.ms, ...t1.value, mutations: single.queued },
			batched: { ms: t2.ms, ...t2.value, mutations: batched.queued }
		};
	} finally {
		await server.stop();
		await pg.drop();
	}
}

async function pouch() {
	const PouchDB = require('pouchdb').plugin(require('pouchdb-adapter-memory'));
	const Memory = PouchDB.defaults({ adapter: 'memory' });
	const express = require('express');
	const app = express();
	app.use(
		'/db',
		require('express-pouchdb')(Memory, { mode: 'minimumForPouchDB', inMemoryConfig: true })
	);
	const server = app.listen(0, '127.0.0.1');
	await new Promise((ok) => server.once('listening', ok));
	const { port } = server.address() as AddressInfo;
	try {
		const a = new Memory('device-a');
		const b = new Memory('device-b');
		const docs = Array.from({ length: N }, (_, i) => {
			const add = distinctVolumeAdd(i + 1);
			const id = `c|${add.date}|${String(add.hour).padStart(2, '0')}|${add.category}|window|-`;
			return {
				_id: id,
				id,
				centreId: 'c',
				v: 1,
				date: add.date,
				hour: add.hour,
				category: add.category,
				channel: add.channel,
				counters: {
					accepted: add.delta.accepted,
					completed: 0,
					consulted: 0,
					oneVisit: 0,
					refused: 0
				},
				refusalReasons: {}
			};
		});
		await a.bulkDocs(docs);
		const remote = new PouchDB(`http://127.0.0.1:${port}/db/hall`);
		const t = await timed(async () => {
			await a.replicate.to(remote);
			await b.replicate.from(remote);
		});
		const info = await b.info();
		if (info.doc_count !== N) throw new Error(`pouch B has ${info.doc_count} of ${N}`);
		return { ms: t.ms };
	} finally {
		server.close();
	}
}

log(`sync-vs-pouchdb: ${N} rows`);
const p = await pouch();
log(`pouchdb: ${p.ms.toFixed(0)} ms`);
const o = await ours();
log(
	`ours: ${o.single.ms.toFixed(0)} ms one mutation a row, ${o.batched.ms.toFixed(0)} ms by day sheets`
);
emit({
	name: 'sync-vs-pouchdb',
	value: o.single.ms / 1000,
	unit: 's',
	ratio: o.single.ms / p.ms,
	against: `PouchDB 9 replication of the same ${N} documents through express-pouchdb (memory): ${(p.ms / 1000).toFixed(2)} s`,
	rows: N,
	mutations: o.single.mutations,
	requests: o.single.requests,
	pushMs: o.single.pushMs,
	pullMs: o.single.pullMs,
	rowsPerSecond: perSecond(N, o.single.ms)
});
emit({
	name: 'sync-vs-pouchdb-day-sheets',
	value: o.batched.ms / 1000,
	unit: 's',
	ratio: o.batched.ms / p.ms,
	against: `the same PouchDB replication: ${(p.ms / 1000).toFixed(2)} s`,
	rows: N,
	mutations: o.batched.mutations,
	requests: o.batched.requests
});
process.exit(0);
