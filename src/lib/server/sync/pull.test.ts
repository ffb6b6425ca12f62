import { beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { pullResponse, type Change, type SessionUser } from '$lib/schemas';
import { disclose } from '$lib/domain/disclosure';
import { records } from '../db/schema';
import { drivers } from '../testing/databases';
import {
	bookArgs,
	centreVersion,
	mutation,
	newDeviceId,
	pushMutations,
	seedPagedCentre,
	volumeArgs
} from '../testing/fixtures';
import { useTestDb } from '../testing/suite';
import { pull } from './pull';
import { purgeTombstones } from './retention';
import { writeCentre } from './centre-version';

// Opening PGlite and a fresh PostgreSQL database is slow on a busy 2-core machine.
vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

const centreId = 'pull-a';

describe.each(drivers)('pull on %s', (driver) => {
	const t = useTestDb(driver);
	let manager: SessionUser;

	beforeAll(async () => {
		manager = await seedPagedCentre(t.db, centreId);
		expect(await centreVersion(t.db, centreId)).toBeGreaterThan(5);
		await pushMutations(t.db, manager, [
			mutation(1, 'volume.add', volumeArgs(3)),
			mutation(2, 'appointment.book', bookArgs('a1', `${centreId}-slot-0`)),
			mutation(3, 'appointment.book', bookArgs('a2', `${centreId}-slot-0`)),
			mutation(4, 'volume.add', volumeArgs(4))
		]);
	});

	async function pullAll(cursor: number, pageSize: number) {
		const pages = [];
		for (;;) {
			const page = pullResponse.parse(await pull(t.db, manager, { cursor }, { pageSize }));
			pages.push(page);
			cursor = page.cursor;
			if (!page.hasMore) return { pages, cursor };
		}
	}

	const replay = (state: Map<string, unknown>, changes: Change[]) => {
		for (const c of changes) {
			if (c.op === 'put') state.set(`${c.entity}/${c.id}`, c.data);
			else state.delete(`${c.entity}/${c.id}`);
		}
		return state;
	};

	async function serverState() {
		const rows = await t.db.orm
			.select()
			.from(records)
			.where(and(eq(records.centreId, centreId), eq(records.deleted, false)));
		// As the manager receives them: phones masked (docs/roles.md).
		return new Map(rows.map((r) => [`${r.entity}/${r.id}`, disclose(r.entity, r.data, manager)]));
	}

	it('ends every page on a whole version and reconstructs the state', async () => {
		const { pages } = await pullAll(0, 10);
		expect(pages.length).toBeGreaterThan(3);
		const seen = new Set<number>();
		for (const page of pages) {
			const versions = [...new Set(page.changes.map((c) => c.version))];
			// No version is split across pages, and versions ascend.
			for (const v of versions) expect(seen.has(v)).toBe(false);
			versions.forEach((v) => seen.add(v));
			expect(versions).toEqual([...versions].sort((a, b) => a - b));
			if (page.hasMore) expect(page.cursor).toBe(versions.at(-1));
		}
		expect(
			replay(
				new Map(),
				pages.flatMap((p) => p.changes)
			)
		).toEqual(await serverState());
	});

	it('starts where the cursor is and ends at the centre version', async () => {
		const { cursor } = await pullAll(0, 2000);
		expect(cursor).toBe(await centreVersion(t.db, centreId));
		const empty = await pull(t.db, manager, { cursor });
		expect(empty).toMatchObject({ cursor, changes: [], hasMore: false });
	});

	it('reports the device and its rejections', async () => {
		const device = newDeviceId();
		// The same user with a role that may not count volume: refused, and the refusal is kept.
		const clerkless = { ...manager, role: 'clerk' as const };
		await pushMutations(t.db, clerkless, [mutation(1, 'volume.add', volumeArgs(1))], device);
		const page = await pull(t.db, manager, { cursor: 0, deviceId: device });
		expect(page.lastMutationId).toBe(1);
		expect(page.results).toEqual([
			{
				id: 1,
				status: 'rejected',
				code: 'FORBIDDEN',
				message: 'error_forbidden',
				params: { role: 'clerk' }
			}
		]);
	});

	it('sends tombstones, and a reset to a cursor behind the horizon', async () => {
		const before = await pullAll(0, 2000);
		// No mutator deletes today; the transaction interface does, as a future one will.
		await t.db.orm.transaction((tx) =>
			writeCentre(tx, centreId, (writes) => writes.del('slot', `${centreId}-slot-39`))
		);
		const after = await pull(t.db, manager, { cursor: before.cursor });
		expect(after.changes).toEqual([
			{ version: before.cursor + 1, entity: 'slot', id: `${centreId}-slot-39`, op: 'del' }
		]);
		const state = replay(
			replay(
				new Map(),
				before.pages.flatMap((p) => p.changes)
			),
			after.changes
		);
		expect(state).toEqual(await serverState());

		expect(await purgeTombstones(t.db, centreId, after.cursor + 1)).toBe(1);
		const stale = await pull(t.db, manager, { cursor: before.cursor });
		expect(stale.reset).toBe(true);
		expect(stale.changes[0].version).toBe(1);
		// A device that is up to date, or starting from nothing, needs no reset.
		expect((await pull(t.db, manager, { cursor: after.cursor })).reset).toBeUndefined();
		expect((await pull(t.db, manager, { cursor: 0 })).reset).toBeUndefined();
		// A cursor from another database (ahead of this one) starts again too.
		expect((await pull(t.db, manager, { cursor: after.cursor + 1000 })).reset).toBe(true);
	});

	it('resets a device whose rows were filtered for another scope', async () => {
		const { cursor, pages } = await pullAll(0, 2000);
		const scope = pages[0].scope;
		expect(scope).toBe('p2:manager:-');
		expect((await pull(t.db, manager, { cursor, scope })).reset).toBeUndefined();
		const moved = await pull(t.db, manager, { cursor, scope: 'p1:clerk:tax' });
		expect(moved.reset).toBe(true);
		expect(moved.changes[0].version).toBe(1);
		// A device from before scopes says so; a caller that names none is never sent round again.
		expect((await pull(t.db, manager, { cursor, scope: 'unscoped' })).reset).toBe(true);
		expect((await pull(t.db, manager, { cursor })).reset).toBeUndefined();
	});

	it('shows only the caller centre', async () => {
		const stranger = { ...manager, centreId: 'nowhere' };
		await expect(pull(t.db, stranger, { cursor: 0 })).rejects.toThrow();
	});
});
