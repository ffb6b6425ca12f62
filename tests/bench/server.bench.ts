/**
 * push-server and pull-server (issue 4's throughput figures) on PGlite and on PostgreSQL.
 *
 * push: volume.add mutations, each creating one hourly row, pushed through `push()` in batches of
 * 100 (each mutation its own transaction with the version bump, result, audit entry and device
 * row), against a raw batched INSERT of the same rows into `records`, 100 rows per statement.
 * pull: the demo centre's year (every record) pulled from cursor 0 in the server's pages, against
 * one raw SELECT of the same rows through the same driver.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { generateDemo } from '$lib/demo';
import { volumeEntryId, type SessionUser } from '$lib/schemas';
import { cheapHashCost } from '$lib/server/auth/password';
import { records } from '$lib/server/db/schema';
import { seedDemo } from '$lib/server/seed';
import { pull } from '$lib/server/sync/pull';
import { push } from '$lib/server/sync/push';
import { openTestDb, type Driver } from '$lib/server/testing/databases';
import { createTestCentre } from '$lib/server/testing/fixtures';
import { distinctVolumeAdd, emit, log, mutationOf, perSecond, timed } from './lib';

const MUTATIONS = Number(process.env.BENCH_PUSH_MUTATIONS ?? 1500);
const BATCH = 100;

async function benchDriver(driver: Driver) {
	const t = await openTestDb(driver);
	try {
		const centre = await createTestCentre(t.db, 'bench');
		const user = centre.users.duty;

		// Warm-up: the first statements plan and cache; not counted.
		await pushAll(t.db, user, 'warm', 200, 1_000_000);

		const pushed = await timed(() => pushAll(t.db, user, 'device-a', MUTATIONS, 0));
		const ids = pushed.value;
		const rows = await t.db.orm
			.select()
			.from(records)
			.where(and(eq(records.centreId, centre.id), inArray(records.id, ids)));
		if (rows.length !== MUTATIONS) throw new Error(`pushed ${rows.length} rows of ${MUTATIONS}`);

		// The same rows, raw, into another centre: 100 per INSERT, each statement its own transaction.
		const raw = rows.map((r) => ({ ...r, centreId: 'bench-raw' }));
		const inserted = await timed(async () => {
			for (let i = 0; i < raw.length; i += BATCH) {
				await t.db.orm.insert(records).values(raw.slice(i, i + BATCH));
			}
		});
		// The same rows again, one per transaction: what a commit per mutation costs by itself.
		const single = raw.slice(0, 300).map((r) => ({ ...r, centreId: 'bench-raw-1' }));
		const committed = await timed(async () => {
			for (const row of single) await t.db.orm.insert(records).values(row);
		});
		const pushRate = perSecond(MUTATIONS, pushed.ms);
		const rawRate = perSecond(raw.length, inserted.ms);
		const commitRate = perSecond(single.length, committed.ms);
		log(`${driver}: push ${pushRate.toFixed(0)}/s, raw insert ${rawRate.toFixed(0)} rows/s`);
		emit({
			name: `push-server-${driver}`,
			value: pushRate,
			unit: 'mutations/s',
			ratio: pushRate / rawRate,
			against: `raw batched INSERT of the same ${raw.length} rows, ${BATCH} per statement: ${rawRate.toFixed(0)} rows/s`,
			mutations: MUTATIONS,
			batch: BATCH,
			rawRowsPerSecond: rawRate,
			oneRowPerCommitRowsPerSecond: commitRate
		});

		// pull: a year of the demo centre, as a device that starts from nothing receives it.
		const demo = generateDemo({ seed: 2026, today: '2026-06-06' });
		await seedDemo(t.db, demo, [], { hashCost: cheapHashCost });
		const viewer: SessionUser = {
			id: 'bench-viewer',
			username: 'bench-viewer',
			name: 'bench',
			role: 'viewer',
			centreId: demo.centre.id
		};
		await pull(t.db, viewer, { cursor: 0, deviceId: 'warm' }); // warm-up
		const pulled = await timed(async () => {
			let cursor = 0;
			let rowsPulled = 0;
			let pages = 0;
			for (;;) {
				const page = await pull(t.db, viewer, { cursor, deviceId: 'device-b' });
				rowsPulled += page.changes.length;
				pages += 1;
				cursor = page.cursor;
				if (!page.hasMore) return { rowsPulled, pages };
			}
		});
		const selected = await timed(() =>
			t.db.orm
				.select({
					version: records.version,
					entity: records.entity,
					id: records.id,
					data: records.data,
					deleted: records.deleted
				})
				.from(records)
				.where(eq(records.centreId, demo.centre.id))
				.orderBy(asc(records.version), asc(records.entity), asc(records.id))
		);
		if (selected.value.length !== pulled.value.rowsPulled) {
			throw new Error(`pulled ${pulled.value.rowsPulled}, selected ${selected.value.length}`);
		}
		const pullRate = perSecond(pulled.value.rowsPulled, pulled.ms);
		const selectRate = perSecond(selected.value.length, selected.ms);
		log(
			`${driver}: pull ${pullRate.toFixed(0)} rows/s, raw select ${selectRate.toFixed(0)} rows/s`
		);
		emit({
			name: `pull-server-${driver}`,
			value: pullRate,
			unit: 'rows/s',
			ratio: pullRate / selectRate,
			against: `one raw SELECT of the same ${selected.value.length} rows: ${selectRate.toFixed(0)} rows/s`,
			rows: pulled.value.rowsPulled,
			pages: pulled.value.pages
		});
	} finally {
		await t.dispose();
	}
}

/** Pushes `count` distinct volume.add mutations in batches; returns the row ids they created. */
async function pushAll(
	db: Parameters<typeof push>[0],
	user: SessionUser,
	deviceId: string,
	count: number,
	offset: number
): Promise<string[]> {
	for (let first = 1; first <= count; first += BATCH) {
		const mutations = [];
		for (let id = first; id < first + BATCH && id <= count; id++) {
			mutations.push(mutationOf(id, 'volume.add', distinctVolumeAdd(id, offset)));
		}
		const { results } = await push(db, user, { protocol: 1, deviceId, mutations });
		const bad = results.find((r) => r.status !== 'applied');
		if (bad || results.length !== mutations.length) {
			throw new Error(`push refused: ${JSON.stringify(bad ?? results.length)}`);
		}
	}
	return Array.from({ length: count }, (_, i) => {
		const a = distinctVolumeAdd(i + 1, offset);
		return volumeEntryId(user.centreId, a.date, a.hour, a.category, a.channel);
	});
}

for (const driver of (process.env.BENCH_DRIVERS ?? 'pglite,postgres').split(',') as Driver[]) {
	log(`server bench on ${driver}`);
	await benchDriver(driver);
}
