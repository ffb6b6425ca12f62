/**
 * push-server and pull-server (issue 4's throughput figures) on PGlite and on PostgreSQL.
 *
 * push: DEVICES tablets of one centre push at once, each its own volume.add mutations (each
 * creating one hourly row) in batches of BATCH, the next batch when the last is answered, through
 * `push()` and its group commit (issue 15). Against the fastest raw batched INSERT of the same rows
 * into `records` that this file could write: three ways are timed (BATCH_ROWS rows per multi-row
 * INSERT; every row in one multi-row INSERT; every row in one INSERT … SELECT from
 * jsonb_to_recordset of one parameter), and the ratio is to the fastest.
 * pull: the demo centre's year (every record) pulled from cursor 0 in the server's pages, against
 * one raw SELECT of the same rows through the same driver.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { generateDemo } from '$lib/demo';
import { volumeEntryId, type SessionUser } from '$lib/schemas';
import { cheapHashCost } from '$lib/server/auth/password';
import type { Db } from '$lib/server/db/open';
import { auditLog, records } from '$lib/server/db/schema';
import { seedDemo } from '$lib/server/seed';
import { pull } from '$lib/server/sync/pull';
import { push } from '$lib/server/sync/push';
import { openTestDb, type Driver } from '$lib/server/testing/databases';
import { createTestCentre } from '$lib/server/testing/fixtures';
import { distinctVolumeAdd, emit, log, mutationOf, perSecond, timed } from './lib';

const DEVICES = Number(process.env.BENCH_PUSH_DEVICES ?? 32);
const PER_DEVICE = Math.min(1000, Number(process.env.BENCH_PUSH_PER_DEVICE ?? 100));
const BATCH = 25;
const BATCH_ROWS = 500;
/** Apart enough that no two devices' mutations touch the same hourly row. */
const DEVICE_OFFSET = 1000;
/** Push and each raw way are timed this many times, each on rows of their own; the best counts. */
const ROUNDS = 3;

type Row = typeof records.$inferSelect;

/** The raw ways to write the rows; each into a centre of its own, each row once. */
const rawWays: { name: string; write(db: Db, rows: Row[]): Promise<void> }[] = [
	{
		name: `${BATCH_ROWS} rows per multi-row INSERT`,
		async write(db, rows) {
			for (let i = 0; i < rows.length; i += BATCH_ROWS) {
				await db.orm.insert(records).values(rows.slice(i, i + BATCH_ROWS));
			}
		}
	},
	{
		name: 'every row in one multi-row INSERT',
		async write(db, rows) {
			await db.orm.insert(records).values(rows);
		}
	},
	{
		name: 'every row in one INSERT … SELECT from jsonb_to_recordset',
		async write(db, rows) {
			await db.orm.execute(sql`
				insert into records (centre_id, entity, id, data, version, deleted)
				select centre_id, entity, id, data, version, deleted
				from jsonb_to_recordset(${JSON.stringify(
					rows.map((r) => ({
						centre_id: r.centreId,
						entity: r.entity,
						id: r.id,
						data: r.data,
						version: r.version,
						deleted: r.deleted
					}))
				)}::jsonb)
				as x(centre_id text, entity text, id text, data jsonb, version bigint, deleted boolean)`);
		}
	}
];

async function benchDriver(driver: Driver) {
	const t = await openTestDb(driver);
	try {
		const centre = await createTestCentre(t.db, 'bench');
		const user = centre.users.duty;
		const mutations = DEVICES * PER_DEVICE;

		// Warm-up: the first statements plan and cache; not counted.
		await pushTogether(t.db, user, 'warm', 4, 50, 10 ** 7);
		for (const [i, way] of rawWays.entries()) {
			const warm = await t.db.orm.select().from(records).where(eq(records.centreId, centre.id));
			await way.write(
				t.db,
				warm.slice(0, 200).map((r) => ({ ...r, centreId: `bench-warm-${i}` }))
			);
		}

		// Best of ROUNDS, each its own rows, as for the raw ways below: the machine is shared.
		let pushMs = Infinity;
		let ids: string[] = [];
		for (let round = 0; round < ROUNDS; round++) {
			const pushed = await timed(() =>
				pushTogether(t.db, user, `tablet-${round}`, DEVICES, PER_DEVICE, round * 100_000)
			);
			pushMs = Math.min(pushMs, pushed.ms);
			if (round === 0) ids = pushed.value;
		}
		const rows = await t.db.orm
			.select()
			.from(records)
			.where(and(eq(records.centreId, centre.id), inArray(records.id, ids)));
		if (rows.length !== mutations) throw new Error(`pushed ${rows.length} rows of ${mutations}`);

		// The same rows, raw, into other centres.
		const raw: Record<string, number> = {};
		for (const [i, way] of rawWays.entries()) {
			for (let round = 0; round < ROUNDS; round++) {
				const copy = rows.map((r) => ({ ...r, centreId: `bench-raw-${i}-${round}` }));
				const written = await timed(() => way.write(t.db, copy));
				raw[way.name] = Math.max(raw[way.name] ?? 0, perSecond(copy.length, written.ms));
			}
		}
		const [fastest, rawRate] = Object.entries(raw).sort((a, b) => b[1] - a[1])[0];
		// For scale: the least any push must write per mutation is its row and its audit entry.
		const entries = (
			await t.db.orm.select().from(auditLog).where(eq(auditLog.centreId, centre.id))
		).filter((e) => e.deviceId.startsWith('tablet-0-'));
		let bothMs = Infinity;
		for (let round = 0; round < ROUNDS; round++) {
			const copyOf = `bench-raw-both-${round}`;
			const both = await timed(async () => {
				await rawWays[2].write(
					t.db,
					rows.map((r) => ({ ...r, centreId: copyOf }))
				);
				await t.db.orm.execute(sql`
					insert into audit_log (centre_id, user_id, device_id, at, mutation_id, name, status, code, args, changes)
					select centre_id, user_id, device_id, at, mutation_id, name, status, code, args, changes
					from jsonb_to_recordset(${JSON.stringify(
						entries.map((e) => ({
							centre_id: copyOf,
							user_id: e.userId,
							device_id: e.deviceId,
							at: e.at,
							mutation_id: e.mutationId,
							name: e.name,
							status: e.status,
							code: e.code,
							args: e.args,
							changes: e.changes
						}))
					)}::jsonb)
					as x(centre_id text, user_id text, device_id text, at timestamptz, mutation_id bigint,
						name text, status text, code text, args jsonb, changes jsonb)`);
			});
			bothMs = Math.min(bothMs, both.ms);
		}
		const bothRate = perSecond(rows.length, bothMs);
		const pushRate = perSecond(mutations, pushMs);
		log(
			`${driver}: push ${pushRate.toFixed(0)}/s (${DEVICES} devices), raw insert ${rawRate.toFixed(0)} rows/s (${fastest})`
		);
		emit({
			name: `push-server-${driver}`,
			value: pushRate,
			unit: 'mutations/s',
			ratio: pushRate / rawRate,
			against: `fastest raw INSERT of the same ${rows.length} rows (${fastest}): ${rawRate.toFixed(0)} rows/s`,
			mutations,
			devices: DEVICES,
			batch: BATCH,
			rawRowsPerSecond: raw,
			rawRowAndAuditEntryPerSecond: bothRate,
			ratioToRowAndAuditEntry: pushRate / bothRate
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

/**
 * `devices` tablets pushing at once, each `count` distinct volume.add mutations in batches of
 * BATCH, the next when the last is answered; returns the row ids they created.
 */
async function pushTogether(
	db: Db,
	user: SessionUser,
	prefix: string,
	devices: number,
	count: number,
	offset: number
): Promise<string[]> {
	const ids: string[] = [];
	await Promise.all(
		Array.from({ length: devices }, async (_, d) => {
			const base = offset + d * DEVICE_OFFSET;
			for (let first = 1; first <= count; first += BATCH) {
				const mutations = [];
				for (let id = first; id < first + BATCH && id <= count; id++) {
					mutations.push(mutationOf(id, 'volume.add', distinctVolumeAdd(id, base)));
				}
				const deviceId = `${prefix}-${d}`;
				const { results } = await push(db, user, { protocol: 1, deviceId, mutations });
				const bad = results.find((r) => r.status !== 'applied');
				if (bad || results.length !== mutations.length) {
					throw new Error(`push refused: ${JSON.stringify(bad ?? results.length)}`);
				}
			}
			for (let i = 1; i <= count; i++) {
				const a = distinctVolumeAdd(i, base);
				ids.push(volumeEntryId(user.centreId, a.date, a.hour, a.category, a.channel));
			}
		})
	);
	return ids;
}

for (const driver of (process.env.BENCH_DRIVERS ?? 'pglite,postgres').split(',') as Driver[]) {
	log(`server bench on ${driver}`);
	await benchDriver(driver);
}
