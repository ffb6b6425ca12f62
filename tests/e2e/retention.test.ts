import { expect, test, type Page } from './fixtures';
import { makeResidentId } from '../../src/lib/domain/identity';
import { hallDate, login, readTable, shiftDate } from './helpers';

/** The hall's date `n` days ago. */
const hallDaysAgo = (n: number) => shiftDate(hallDate(), -n);

/** Searches every store of every IndexedDB database of the page's origin for the values. */
function searchIndexedDb(page: Page, values: string[]) {
	return page.evaluate(async (values) => {
		const open = (name: string) =>
			new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open(name);
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
		const all = (db: IDBDatabase, store: string) =>
			new Promise<unknown[]>((resolve, reject) => {
				const request = db.transaction(store, 'readonly').objectStore(store).getAll();
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
		const report = { databases: 0, stores: 0, rows: 0, matches: 0, where: [] as string[] };
		for (const { name } of await indexedDB.databases()) {
			if (!name) continue;
			const db = await open(name);
			report.databases += 1;
			for (const store of Array.from(db.objectStoreNames)) {
				const rows = await all(db, store);
				report.stores += 1;
				report.rows += rows.length;
				for (const row of rows) {
					const text = JSON.stringify(row);
					for (const value of values) {
						if (text.includes(value)) {
							report.matches += 1;
							report.where.push(`${name}/${store}`);
						}
					}
				}
			}
			db.close();
		}
		return report;
	}, values);
}

/** Puts a rejection into the device's results as the app stores one, kept since `at`. */
function storeOldRejection(page: Page, result: Record<string, unknown>) {
	return page.evaluate(
		(result) =>
			new Promise<void>((resolve, reject) => {
				const request = indexedDB.open('budayang');
				request.onsuccess = () => {
					const tx = request.result.transaction('results', 'readwrite');
					tx.objectStore('results').put(result);
					tx.oncomplete = () => {
						request.result.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
				request.onerror = () => reject(request.error);
			}),
		result
	);
}

async function syncNow(page: Page) {
	await page.getByRole('button', { name: '立即同步' }).click();
	await expect(page.getByTestId('sync-state')).toHaveText('在线', { timeout: 60_000 });
}

test('retention erases an old appointment on the server and then on the tablet', async ({
	page
}) => {
	test.setTimeout(240_000);
	const suffix = String(Date.now() % 100_000).padStart(5, '0');
	const phone = `137${suffix}321`;
	const name = `留存测试${suffix}`;
	// Invented: the region code 990101 does not exist; the check digit makes it valid.
	const idNumber = makeResidentId('990101', '19800101', Number(suffix) % 1000);
	const values = [phone, name, idNumber];

	const appointmentId = `appt-retention-${suffix}-${Date.now()}`;

	await login(page, 'manager');
	// The first sync's history ends before the test counts what the tablet holds.
	await expect(page.getByTestId('sync-progress')).toHaveCount(0, { timeout: 180_000 });
	// Another device of the manager books an appointment 200 days ago, past the 180-day period.
	const date = hallDaysAgo(200);
	const booked = await page.evaluate(
		async ({ date, phone, name, idNumber, appointmentId }) => {
			const push = async (deviceId: string, mutations: unknown[]) => {
				const res = await fetch('/api/sync/push', {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ protocol: 1, deviceId, mutations })
				});
				return (await res.json()) as { results: { status: string; code?: string }[] };
			};
			const at = new Date().toISOString();
			const device = `retention-e2e-${crypto.randomUUID()}`;
			return push(device, [
				{
					id: 1,
					name: 'slot.generate',
					args: {
						serviceItemId: 'item-001',
						from: date,
						to: date,
						lengthMinutes: 30,
						capacity: 2
					},
					createdAt: at
				},
				{
					id: 2,
					name: 'appointment.book',
					args: {
						id: appointmentId,
						slotId: `slot-${date}-item-001-0900`,
						applicant: { kind: 'person', name, phone, idNumber },
						channel: 'phone',
						notes: `回电 ${phone}`
					},
					createdAt: at
				}
			]);
		},
		{ date, phone, name, idNumber, appointmentId }
	);
	expect(booked.results.map((r) => r.code ?? r.status)).toEqual(['applied', 'applied']);

	// The tablet pulls it, sealed at rest: opened with the device's key it names the person.
	await syncNow(page);
	type Held = { id: string; applicant: { name?: string; phone?: string } | null };
	const held = async () =>
		(await readTable<Held>(page, 'appointment')).find((a) => a.id === appointmentId);
	await expect.poll(async () => (await held())?.applicant?.name).toBe(name);
	// Offline, no pull runs while the tablet keeps a rejection of its own from long ago naming
	// the same person, as a tablet that refused a booking then would hold it.
	await page.context().setOffline(true);
	await storeOldRejection(page, {
		v: 1,
		mutationId: 1_000_000,
		deviceId: 'this-tablet',
		name: 'appointment.book',
		args: { id: 'appt-never-made', applicant: { kind: 'person', name, phone, idNumber } },
		status: 'rejected',
		code: 'NOT_FOUND',
		messageKey: 'error_slot_missing',
		at: `${hallDaysAgo(200)}T09:00:00+08:00`
	});
	const before = await searchIndexedDb(page, values);
	// Only the rejection holds them in the clear; the appointment's applicant is sealed.
	expect(before.where).toContain('budayang/results');
	expect(before.where).not.toContain('budayang/appointment');
	await page.context().setOffline(false);

	const erased = await page.evaluate(async () => {
		const res = await fetch('/api/retention', { method: 'POST' });
		return { status: res.status, body: await res.json() };
	});
	expect(erased.status).toBe(200);
	expect(erased.body).toMatchObject({ retentionDays: 180 });
	expect(erased.body.erased).toBeGreaterThanOrEqual(1);

	await syncNow(page);
	await expect.poll(async () => (await searchIndexedDb(page, values)).matches).toBe(0);
	// The appointment stays, for the figures, without its applicant.
	await expect.poll(async () => (await held())?.applicant ?? null).toBeNull();
	const after = await searchIndexedDb(page, values);
	console.info(
		`tablet search: ${after.databases} databases, ${after.stores} stores, ${after.rows} rows; ` +
			`matches before ${before.matches} (${[...new Set(before.where)].join(', ')}), after ${after.matches}`
	);
});
