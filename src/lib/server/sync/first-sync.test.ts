import { beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { generateDemo, demoAccounts } from '$lib/demo';
import { addDays } from '$lib/domain/calendar';
import { rollupDay, type VolumeRow } from '$lib/domain/day-rollup';
import {
	firstSyncResponse,
	historyResponse,
	type Change,
	type HistoryResponse,
	type Role,
	type SessionUser
} from '$lib/schemas';
import { GET as firstGet } from '../../../routes/api/sync/first/+server';
import { cheapHashCost } from '../auth/password';
import { records } from '../db/schema';
import { seedDemo } from '../seed';
import { drivers } from '../testing/databases';
import { appOf, fakeEvent } from '../testing/events';
import { mutation, pushMutations, usersOf } from '../testing/fixtures';
import { useTestDb } from '../testing/suite';
import { firstSync, forgetRollups, historyPage } from './first-sync';
import { pull } from './pull';

// Opening PGlite and a fresh PostgreSQL database is slow on a busy 2-core machine.
vi.setConfig({ hookTimeout: 180_000, testTimeout: 180_000 });

const today = '2026-05-20';
const window = { from: addDays(today, -7), to: addDays(today, 14) };
const key = (c: Pick<Change, 'entity' | 'id'>) => `${c.entity}|${c.id}`;

describe.each(drivers)('first sync in phases on %s', (driver) => {
	const t = useTestDb(driver);
	let centreId: string;
	const user = {} as Record<Role, SessionUser>;

	beforeAll(async () => {
		const demo = generateDemo({ seed: 7, today, months: 2 });
		// Versions of 300 rows: many history pages of whole versions.
		await seedDemo(t.db, demo, demoAccounts, { hashCost: cheapHashCost, rowsPerVersion: 300 });
		centreId = demo.centre.id;
		Object.assign(user, await usersOf(t.db, centreId));
	});

	/** Every history page from `after`, checked against the wire schema. */
	async function historyFrom(who: SessionUser, upTo: number, after = 0, pageSize = 500) {
		const pages = [];
		for (;;) {
			const page = historyResponse.parse(
				await historyPage(t.db, who, { after, upTo, ...window }, { pageSize })
			);
			pages.push(page);
			after = page.after;
			if (!page.hasMore) return pages;
		}
	}

	/** What a pull from nothing gives the user: the full set, as one page. */
	async function everything(who: SessionUser) {
		const all = await pull(t.db, who, { cursor: 0 }, { pageSize: 1_000_000 });
		return new Map(all.changes.filter((c) => c.op === 'put').map((c) => [key(c), c]));
	}

	it('sends first every row without a date and every row dated in the window, with the roll-ups of the other days', async () => {
		const manager = user.manager;
		const first = firstSyncResponse.parse(await firstSync(t.db, manager, window));
		const full = await everything(manager);
		const dateOf = (c: Change) => (c.data as { date?: unknown }).date;
		const wanted = [...full.values()].filter((c) => {
			const date = dateOf(c);
			return typeof date !== 'string' || (date >= window.from && date <= window.to);
		});
		expect(first.changes.map(key).sort()).toEqual(wanted.map(key).sort());
		expect(first.cursor).toBe(Math.max(...[...full.values()].map((c) => c.version)));
		expect(
			first.changes.some((c) => c.entity === 'volume' && dateOf(c) === addDays(today, -1))
		).toBe(true);
		expect(first.changes.some((c) => c.entity === 'staff')).toBe(true);

		// Every other day's roll-up, as the tablet would build it from that day's rows.
		const byDate = new Map<string, VolumeRow[]>();
		for (const c of full.values()) {
			const date = dateOf(c);
			if (c.entity !== 'volume' || typeof date !== 'string') continue;
			if (date >= window.from && date <= window.to) continue;
			byDate.set(date, [...(byDate.get(date) ?? []), c.data as VolumeRow]);
		}
		expect(byDate.size).toBeGreaterThan(20);
		expect(first.rollups.map((r) => r.date)).toEqual([...byDate.keys()].sort());
		for (const r of first.rollups) {
			const built = rollupDay(centreId, r.date, byDate.get(r.date)!);
			expect(r.totals).toEqual(built.totals);
			expect(r.tally).toEqual(built.tally);
			expect(r.known).toEqual([...built.known]);
		}
		expect(first.history.rows).toBe(full.size - first.changes.length);
	});

	it('sends the roll-ups lean to a device of protocol 3 or later, whole to an older one', async () => {
		const ask = async (protocol: number) => {
			const { event } = fakeEvent(appOf(t.db), {
				user: user.manager,
				url: `http://localhost/api/sync/first?from=${window.from}&to=${window.to}`,
				headers: { 'budayang-protocol': String(protocol), 'budayang-schema': '1' }
			});
			const answer = await firstGet(event as Parameters<typeof firstGet>[0]);
			expect(answer.status).toBe(200);
			return firstSyncResponse.parse(await answer.json());
		};
		const [older, lean] = [await ask(2), await ask(3)];
		expect(lean.rollups).toHaveLength(older.rollups.length);
		for (const [i, whole] of older.rollups.entries()) {
			expect(whole.tally).toBeDefined();
			expect(whole.known).toBeDefined();
			const { tally: _tally, known: _known, ...day } = whole;
			// The same day in every figure a screen reads, without what only an update needs.
			expect(lean.rollups[i]).toEqual(day);
		}
		expect(lean.changes).toEqual(older.changes);
	});

	it('sends the rest as history: with the priority set, every row once', async () => {
		for (const role of ['manager', 'clerk', 'viewer'] as const) {
			const who = user[role];
			const first = await firstSync(t.db, who, window);
			const pages = await historyFrom(who, first.cursor);
			expect(pages.length).toBeGreaterThan(3);
			const got = [...first.changes, ...pages.flatMap((p) => p.changes)];
			const keys = got.map(key);
			expect(new Set(keys).size).toBe(keys.length);
			// The same rows, disclosed the same way, as a pull from nothing gives this role.
			const full = await everything(who);
			expect(keys.sort()).toEqual([...full.keys()].sort());
			for (const c of got) expect(c).toEqual(full.get(key(c)));
			// Pages of whole versions in order.
			const versions = pages.flatMap((p) => p.changes.map((c) => c.version));
			expect(versions).toEqual([...versions].sort((a, b) => a - b));
			for (let i = 1; i < pages.length; i++) {
				const last = pages[i - 1].changes.at(-1)!.version;
				expect(pages[i].changes[0].version).toBeGreaterThan(last);
			}
		}
	});

	it('takes the history up again from a persisted position', async () => {
		const manager = user.manager;
		const first = await firstSync(t.db, manager, window);
		const whole = await historyFrom(manager, first.cursor);
		// A reload after the second page: the device kept `after` of that page, and goes on.
		const kept = whole[1].after;
		const resumed = await historyFrom(manager, first.cursor, kept);
		expect([...whole.slice(0, 2), ...resumed].flatMap((p) => p.changes)).toEqual(
			whole.flatMap((p) => p.changes)
		);
	});

	it('leaves what changes during the history to the pulls from the first version', async () => {
		const manager = user.manager;
		const first = await firstSync(t.db, manager, window);
		// Meanwhile tablets count on a day of the history, on today, and on a day before the
		// history's position: a row not yet sent, and one already sent.
		const history = await everything(manager);
		const old = [...history.values()].filter(
			(c) => c.entity === 'volume' && (c.data as VolumeRow).date < window.from
		);
		const pages: HistoryResponse[] = [];
		const sent = new Set<string>();
		while (!old.some((c) => sent.has(key(c)))) {
			const after = pages.at(-1)?.after ?? 0;
			const page = await historyPage(t.db, manager, { after, upTo: first.cursor, ...window });
			pages.push(page);
			for (const c of page.changes) sent.add(key(c));
		}
		const later = old.find((c) => !sent.has(key(c)))!.data as VolumeRow;
		const early = old.find((c) => sent.has(key(c)))!.data as VolumeRow;
		const add = (row: VolumeRow, id: number) =>
			mutation(id, 'volume.add', {
				date: row.date,
				hour: row.hour,
				category: row.category,
				channel: row.channel,
				windowId: row.windowId,
				delta: { accepted: 1 }
			});
		const answer = await pushMutations(t.db, manager, [
			add(later, 1),
			add(early, 2),
			add({ ...later, date: today }, 3)
		]);
		expect(answer.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);

		let after = pages.at(-1)!.after;
		while (pages.at(-1)!.hasMore) {
			const page = await historyPage(t.db, manager, { after, upTo: first.cursor, ...window });
			pages.push(page);
			after = page.after;
		}
		const since = await pull(t.db, manager, { cursor: first.cursor });
		const ids = since.changes.map((c) => c.id);
		expect(ids).toHaveLength(3);
		expect(ids).toEqual(expect.arrayContaining([later.id, early.id]));
		expect(since.changes.some((c) => (c.data as VolumeRow).date === today)).toBe(true);
		// The changed row that had not been sent is not in the history: it comes with the pull.
		const historyKeys = pages.flatMap((p) => p.changes.map(key));
		expect(historyKeys).not.toContain(`volume|${later.id}`);
		expect(historyKeys).toContain(`volume|${early.id}`);

		// Applied in order, newest version of each row winning, the device holds the server's rows.
		const held = new Map<string, Change>();
		const apply = (c: Change, only = false) => {
			const had = held.get(key(c));
			if (only && had) return;
			held.set(key(c), c);
		};
		first.changes.forEach((c) => apply(c));
		since.changes.forEach((c) => apply(c));
		pages.flatMap((p) => p.changes).forEach((c) => apply(c, true));
		const now = await everything(manager);
		expect([...held.keys()].sort()).toEqual([...now.keys()].sort());
		for (const [k, c] of held) expect(c).toEqual(now.get(k));
	});

	it('rolls up again only the days changed since the last first sync, and the same as afresh', async () => {
		const manager = user.manager;
		const before = await firstSync(t.db, manager, window);
		const old = before.rollups[3];
		const changed = before.rollups[10];
		const answer = await pushMutations(t.db, manager, [
			mutation(1, 'volume.add', {
				date: changed.date,
				hour: 10,
				category: Object.keys(changed.byCategory ?? {})[0] ?? '行政审批',
				channel: 'window',
				delta: { accepted: 5, completed: 4 }
			})
		]);
		expect(answer.results.map((r) => r.status)).toEqual(['applied']);
		const kept = await firstSync(t.db, manager, window);
		forgetRollups();
		const fresh = await firstSync(t.db, manager, window);
		expect(kept.rollups).toEqual(fresh.rollups);
		const day = (r: typeof kept, date: string) => r.rollups.find((x) => x.date === date)!;
		expect(day(kept, changed.date).totals.accepted).toBe(changed.totals.accepted + 5);
		expect(day(kept, old.date)).toEqual(old);
	});

	it('tells a device whose scope changed to start again', async () => {
		const page = await historyPage(t.db, user.manager, {
			after: 0,
			upTo: 10,
			...window,
			scope: 'clerk:somewhere-else'
		});
		expect(page).toEqual({ changes: [], after: 0, hasMore: false, reset: true });
	});

	it('keeps rows withheld from a clerk out of both phases', async () => {
		const all = await t.db.orm
			.select({ data: records.data })
			.from(records)
			.where(and(eq(records.centreId, centreId), eq(records.entity, 'case')));
		const departments = new Set(all.map((r) => (r.data as { departmentId: string }).departmentId));
		expect(departments.size).toBeGreaterThan(1);
		const clerk = user.clerk;
		const first = await firstSync(t.db, clerk, window);
		const pages = await historyFrom(clerk, first.cursor);
		const cases = [...first.changes, ...pages.flatMap((p) => p.changes)].filter(
			(c) => c.entity === 'case'
		);
		expect(cases.length).toBeGreaterThan(0);
		expect(cases.length).toBeLessThan(all.length);
		for (const c of cases) {
			expect((c.data as { departmentId: string }).departmentId).toBe(clerk.departmentId);
		}
	});
});
