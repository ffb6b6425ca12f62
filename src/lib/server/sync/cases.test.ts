/** 办件 travel to a clerk for their own department only; the server refuses them another's. */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { pullResponse, type SessionUser } from '$lib/schemas';
import { drivers } from '../testing/databases';
import { mutation, pushMutations } from '../testing/fixtures';
import { useTestCentre, useTestDb } from '../testing/suite';
import { writeCentre } from './centre-version';
import { pull } from './pull';

vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

const row = (line: number, number: string, serviceItemId: string) => ({
	line,
	number,
	serviceItemId,
	acceptedOn: '2026-03-02',
	legalDays: 20,
	promisedDays: 5
});

describe.each(drivers)('cases on %s', (driver) => {
	const t = useTestDb(driver);
	const centre = useTestCentre(t, 'cases-a');
	let clerk: SessionUser;

	async function casesPulled(user: SessionUser) {
		const page = pullResponse.parse(await pull(t.db, user, { cursor: 0 }, { pageSize: 5000 }));
		return page.changes
			.filter((c) => c.entity === 'case' && c.op === 'put')
			.map((c) => (c.op === 'put' ? (c.data as { number: string }).number : ''))
			.sort();
	}

	beforeAll(async () => {
		clerk = centre.users.clerk;
		expect(clerk.departmentId).toBe('cases-a-dept');
		await t.db.orm.transaction((tx) =>
			writeCentre(tx, centre.id, async (writes) => {
				const base = { centreId: centre.id, v: 1 as const };
				await writes.put('department', {
					...base,
					id: 'tax',
					name: '税务',
					kind: 'stationed',
					operations: false,
					takesAppointments: false,
					sortOrder: 2
				});
				await writes.put('serviceItem', {
					...base,
					id: 'tax-item',
					name: '税务登记',
					departmentId: 'tax',
					category: '税务',
					channels: ['window'],
					deadlineDays: 3,
					availableNonWorking: false,
					bookable: false,
					handleMinutes: 10,
					retired: false,
					updatedAt: '2026-01-01T00:00:00+08:00'
				});
			})
		);
		const result = await pushMutations(t.db, centre.users.manager, [
			mutation(1, 'case.import', {
				source: 'export.csv',
				rows: [row(2, 'BDC-1', 'cases-a-item'), row(3, 'SW-1', 'tax-item')]
			})
		]);
		expect(result.results).toEqual([{ id: 1, status: 'applied' }]);
	});

	it("sends a clerk their own department's cases only, and a manager all", async () => {
		expect(await casesPulled(clerk)).toEqual(['BDC-1']);
		expect(await casesPulled(centre.users.manager)).toEqual(['BDC-1', 'SW-1']);
	});

	it('refuses a clerk a case of another department, and takes one of their own', async () => {
		const result = await pushMutations(t.db, clerk, [
			mutation(1, 'case.record', {
				number: 'SW-2',
				serviceItemId: 'tax-item',
				acceptedOn: '2026-03-03',
				legalDays: 5,
				promisedDays: 3
			}),
			mutation(2, 'case.record', {
				number: 'BDC-2',
				serviceItemId: 'cases-a-item',
				acceptedOn: '2026-03-03',
				legalDays: 5,
				promisedDays: 3
			})
		]);
		expect(result.results.map((r) => r.status)).toEqual(['rejected', 'applied']);
		expect(await casesPulled(clerk)).toEqual(['BDC-1', 'BDC-2']);
	});
});
