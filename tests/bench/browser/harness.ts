/**
 * Runs in headless Chromium against real IndexedDB: the app's local write path, pull apply and
 * the 12-month review, each beside its raw Dexie baseline in the same page. Bundled with esbuild
 * by browser.bench.ts; the results travel back through `window.bench`.
 */
import { generateDemo, type DemoRecord } from '$lib/demo';
import {
	HallDatabase,
	applyPull,
	entityTables,
	outbox,
	rollup,
	sealing,
	type Actor
} from '$lib/local';
import type { StoredRow } from '$lib/local/db';
import { byCategory, dailyFigures, noFilter } from '$lib/domain/review-figures';
import { sumCounters } from '$lib/domain/volume';
import type { Change, EntityName, VolumeEntry } from '$lib/schemas';
import { loadDay, loadPast } from '$lib/state/advice-reads';
import { distinctVolumeAdd } from '../data';

const TODAY = '2026-06-06';
const FROM = '2025-06-06';
const TO = '2026-06-05';
const PAGE = 2000;
const PER_VERSION = 1000;

const now = () => performance.now();

async function fresh(name: string): Promise<HallDatabase> {
	await HallDatabase.delete(name);
	const db = new HallDatabase(name);
	await db.open();
	return db;
}

const actorFor = (centreId: string): Actor => ({
	centreId,
	userId: 'bench-duty',
	role: 'duty',
	deviceId: 'bench-device'
});

/** N named mutations through outbox.mutate against raw bulkPut of the rows they produce. */
async function localWrite(n: number) {
	const centreId = 'bench-centre';
	const db = await fresh('bench-write');
	const actor = actorFor(centreId);
	// Warm-up outside the clock: JIT and the first transaction.
	for (let i = 1; i <= 20; i++) {
		await outbox.mutate(db, actor, 'volume.add', distinctVolumeAdd(i, 900_000), TODAY);
	}
	await db.outbox.clear();
	await db.overlay.clear();
	await db.dailyVolume.clear();
	const t0 = now();
	for (let i = 1; i <= n; i++) {
		await outbox.mutate(db, actor, 'volume.add', distinctVolumeAdd(i), `${TODAY}T09:00:00+08:00`);
	}
	const appMs = now() - t0;
	const rows = (await db.overlay.where('[entity+centreId]').equals(['volume', centreId]).toArray())
		.filter((r) => r.data)
		.map((r) => r.data!);
	const outboxCount = await db.outbox.count();
	db.close();

	const raw = await fresh('bench-write-raw');
	await raw.volume.bulkPut(rows.slice(0, 20).map((r) => ({ ...r, id: `warm-${r.id}` })));
	const t1 = now();
	await raw.volume.bulkPut(rows);
	const bulkMs = now() - t1;
	const t2 = now();
	for (const r of rows)
		await raw.transaction('rw', raw.volume, () => raw.volume.put({ ...r, id: `1-${r.id}` }));
	const putMs = now() - t2;
	raw.close();
	await HallDatabase.delete('bench-write');
	await HallDatabase.delete('bench-write-raw');
	return { n, rows: rows.length, outbox: outboxCount, appMs, bulkMs, putMs };
}

/** The demo year, `copies` times over with distinct ids, as the server's pull pages. */
function* pages(records: DemoRecord[], centreId: string, copies: number) {
	let version = 1;
	let inVersion = 0;
	let page: Change[] = [];
	for (let k = 0; k < copies; k++) {
		for (const r of records) {
			if (r.entity === 'centre' && k > 0) continue;
			if (r.entity === 'ruleSet' && k > 0) continue;
			const data = r.data as { id: string };
			const id = k === 0 ? data.id : `${data.id}~${k}`;
			page.push({ version, entity: r.entity, id, op: 'put', data: { ...data, id } });
			if (++inVersion === PER_VERSION) {
				version += 1;
				inVersion = 0;
				// Pages end on a whole version, as the server's do.
				if (page.length >= PAGE) {
					yield page;
					page = [];
				}
			}
		}
	}
	if (page.length) yield page;
	void centreId;
}

let pullDbName = '';

/** One page of a first sync, applied as the engine applies it: applyPull, one transaction. */
const applyPage = (db: HallDatabase, actor: Actor, page: Change[], hasMore: boolean) =>
	applyPull(
		db,
		actor,
		{ cursor: page.at(-1)!.version, changes: page, hasMore, lastMutationId: 0, results: [] },
		`${TODAY}T09:00:00+08:00`
	);

async function pullApply(copies: number) {
	const demo = generateDemo({ seed: 2026, today: TODAY });
	const centreId = demo.centre.id;

	// Both sides get the same pages, made before either clock starts.
	const all = [...pages(demo.records, centreId, copies)];

	// A logged-in device holds the key its login brought (src/lib/session/device-key.ts) and seals
	// the personal fields of what it pulls (sealing.ts); the bench device does the same.
	const share = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
	const { key, kid } = await sealing.keyFromShare(share);

	// Raw stores the same sealed rows the app stores. Sealing them is done before its clock and
	// timed on its own, so the figure can be read both ways: against a bulkPut of rows already
	// sealed, and against a bulkPut that has to seal them first.
	const sealer = await fresh('bench-pull-sealer');
	await sealing.holdKey(sealer, key, kid);
	const rawPages: Map<EntityName, StoredRow[]>[] = [];
	let sealed = 0;
	const ts = now();
	for (const page of all) {
		const byEntity = new Map<EntityName, StoredRow[]>();
		for (const c of page) {
			const list = byEntity.get(c.entity as EntityName) ?? [];
			list.push(c.data as StoredRow);
			byEntity.set(c.entity as EntityName, list);
		}
		const unsealed = new Map(byEntity);
		await sealing.sealPage(sealer, byEntity);
		// sealPage replaces only the lists it sealed.
		for (const [entity, list] of byEntity) if (list !== unsealed.get(entity)) sealed += list.length;
		rawPages.push(byEntity);
	}
	const sealMs = now() - ts;
	sealer.close();
	await HallDatabase.delete('bench-pull-sealer');

	// Raw: the same pages, each in one transaction, bulkPut by table, nothing else.
	const raw = await fresh('bench-pull-raw');
	let rows = 0;
	const t0 = now();
	for (const [i, byEntity] of rawPages.entries()) {
		await raw.transaction(
			'rw',
			entityTables.map((t) => raw.entityTable(t)),
			async () => {
				for (const [entity, list] of byEntity) {
					await raw.entityTable(entity).bulkPut(list as never[]);
				}
			}
		);
		rows += all[i].length;
	}
	const rawMs = now() - t0;
	const rawSealed = await raw.appointment
		.filter((r) => sealing.isSealed((r as StoredRow).applicant))
		.count();
	raw.close();
	await HallDatabase.delete('bench-pull-raw');

	// The app: applyPull per page (parse, results, settle, rebase, roll-ups), one transaction each.
	const db = await fresh('bench-pull-app');
	await sealing.holdKey(db, key, kid);
	const actor = actorFor(centreId);
	let applied = 0;
	let pageCount = 0;
	const t1 = now();
	for (const [i, page] of all.entries()) {
		const result = await applyPage(db, actor, page, i < all.length - 1);
		applied += result.applied;
		pageCount += 1;
	}
	const appMs = now() - t1;
	const stored = await db.volume.count();
	const dailies = await db.dailyVolume.count();
	// Proof both sides stored sealed personal values, not one sealed and one in the clear.
	const appSealed = await db.appointment
		.filter((r) => sealing.isSealed((r as StoredRow).applicant))
		.count();
	db.close();
	pullDbName = 'bench-pull-app';
	return {
		rows,
		applied,
		pages: pageCount,
		rawMs,
		appMs,
		sealMs,
		sealed,
		rawSealed,
		appSealed,
		stored,
		dailies,
		centreId
	};
}

/** The review's 12 months from roll-ups against a plain scan of the hourly rows. */
async function reviewQuery(centreId: string, rounds = 3) {
	const db = new HallDatabase(pullDbName);
	await db.open();
	const fromRollups = async () => {
		const days = await rollup.between(db, centreId, FROM, TO);
		const daily = dailyFigures(days, FROM, TO, noFilter);
		return {
			total: sumCounters(daily),
			categories: byCategory(days, noFilter).length,
			days: days.length
		};
	};
	const fromScan = async () => {
		const rows = (await db.volume
			.where('[centreId+date]')
			.between([centreId, FROM], [centreId, TO], true, true)
			.toArray()) as unknown as VolumeEntry[];
		const byDate = new Map<string, Record<string, number>>();
		const categories = new Set<string>();
		for (const r of rows) {
			const d = byDate.get(r.date) ?? {};
			for (const [k, v] of Object.entries(r.counters)) d[k] = (d[k] ?? 0) + v;
			byDate.set(r.date, d);
			categories.add(r.category);
		}
		const total: Record<string, number> = {};
		for (const d of byDate.values())
			for (const [k, v] of Object.entries(d)) total[k] = (total[k] ?? 0) + v;
		return { total, categories: categories.size, rows: rows.length };
	};
	const median = async (run: () => Promise<unknown>) => {
		const times: number[] = [];
		let value: unknown;
		for (let i = 0; i < rounds; i++) {
			const t = now();
			value = await run();
			times.push(now() - t);
		}
		times.sort((a, b) => a - b);
		return { ms: times[Math.floor(times.length / 2)], value };
	};
	const a = await median(fromRollups);
	const b = await median(fromScan);
	db.close();
	return { rollupMs: a.ms, rollup: a.value, scanMs: b.ms, scan: b.value };
}

/**
 * What the board's window advice reads again when something changes on its day, over the demo
 * year as a logged-in tablet holds it: since the year and the day became two live queries, only
 * the day (loadDay); before, the whole read, the year with it (both parts at once, as one query
 * ran them). Median of `rounds`, after one warm-up round each.
 */
async function adviceReads(rounds = 7) {
	const demo = generateDemo({ seed: 2026, today: TODAY });
	const centreId = demo.centre.id;
	const db = await fresh('bench-advice');
	const share = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
	const { key, kid } = await sealing.keyFromShare(share);
	await sealing.holdKey(db, key, kid);
	const actor = actorFor(centreId);
	const all = [...pages(demo.records, centreId, 1)];
	for (const [i, page] of all.entries()) {
		await applyPage(db, actor, page, i < all.length - 1);
	}
	const median = async (run: () => Promise<unknown>) => {
		await run();
		const times: number[] = [];
		for (let i = 0; i < rounds; i++) {
			const t = now();
			await run();
			times.push(now() - t);
		}
		times.sort((a, b) => a - b);
		return times[Math.floor(times.length / 2)];
	};
	const day = await loadDay(db, centreId, TODAY);
	const past = await loadPast(db, centreId, TODAY);
	const dayMs = await median(() => loadDay(db, centreId, TODAY));
	const bothMs = await median(() =>
		Promise.all([loadPast(db, centreId, TODAY), loadDay(db, centreId, TODAY)])
	);
	db.close();
	await HallDatabase.delete('bench-advice');
	return {
		dayMs,
		bothMs,
		pastDays: new Set(past.arrivals.map((r) => r.date)).size,
		pastBookings: past.bookings.length,
		dayBookings: day.bookings.length,
		staff: day.staff.length
	};
}

async function cleanup() {
	await HallDatabase.delete(pullDbName);
}

Object.assign(window, { bench: { localWrite, pullApply, reviewQuery, adviceReads, cleanup } });
document.title = 'bench ready';
