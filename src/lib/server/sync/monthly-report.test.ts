/** The monthly report on the server: sent, reopened and sent again, every version kept. */
import { describe, expect, it, vi } from 'vitest';
import { monthlyReportId, monthlyReportSchema, pullResponse, type SessionUser } from '$lib/schemas';
import { drivers } from '../testing/databases';
import { mutation, pushMutations } from '../testing/fixtures';
import { useTestCentre, useTestDb } from '../testing/suite';
import { pull } from './pull';

vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

// A month long past, so the test does not depend on today's date.
const MONTH = '2026-01';
const line = (received: number) => ({
	daysOpen: 4,
	windowDays: 9,
	staffDays: 12,
	received,
	consulted: 7,
	casesAccepted: 10,
	casesCompleted: 8,
	casesPastDeadline: 0,
	appointments: 5,
	noShows: 1,
	noShowRate: 0.2,
	extendedSessions: 2,
	extendedMinutes: 50,
	extendedServed: 6,
	completed: 8,
	oneVisit: 7,
	oneVisitRate: 0.875,
	findings: 0,
	corrected: 0
});
const figures = (received: number) => ({ month: MONTH, centre: line(received), departments: [] });

describe.each(drivers)('monthly report on %s', (driver) => {
	const t = useTestDb(driver);
	const centre = useTestCentre(t, 'report-a');

	const send = (user: SessionUser, ...mutations: ReturnType<typeof mutation>[]) =>
		pushMutations(t.db, user, mutations);

	async function stored() {
		const page = pullResponse.parse(
			await pull(t.db, centre.users.viewer, { cursor: 0 }, { pageSize: 5000 })
		);
		const change = page.changes.find(
			(c) => c.entity === 'monthlyReport' && c.id === monthlyReportId(centre.id, MONTH)
		);
		return change?.op === 'put' ? monthlyReportSchema.parse(change.data) : undefined;
	}

	it('keeps every sent version through a reopen and a second send', async () => {
		const first = await send(
			centre.users.manager,
			mutation(1, 'monthlyReport.note', { month: MONTH, notes: '初稿' }),
			mutation(2, 'monthlyReport.send', { month: MONTH, notes: '一月', figures: figures(30) })
		);
		expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied']);
		expect(await stored()).toMatchObject({ status: 'sent', versions: [{ version: 1 }] });

		const again = await send(
			centre.users.manager,
			mutation(1, 'monthlyReport.reopen', { month: MONTH }),
			mutation(2, 'monthlyReport.note', { month: MONTH, notes: '更正' }),
			mutation(3, 'monthlyReport.send', { month: MONTH, notes: '更正', figures: figures(31) })
		);
		expect(again.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
		const report = await stored();
		expect(report?.status).toBe('sent');
		expect(report?.reopenedBy).toBe(centre.users.manager.id);
		expect(report?.versions.map((v) => [v.version, v.notes, v.figures.centre.received])).toEqual([
			[1, '一月', 30],
			[2, '更正', 31]
		]);
		expect(report?.versions.every((v) => v.sentBy === centre.users.manager.id)).toBe(true);
	});

	it('refuses a second send without a reopen, a duty lead, and a viewer', async () => {
		const twice = await send(
			centre.users.manager,
			mutation(1, 'monthlyReport.send', { month: MONTH, notes: '', figures: figures(99) })
		);
		expect(twice.results[0]).toMatchObject({
			status: 'rejected',
			code: 'CONFLICT'
		});
		const duty = await send(
			centre.users.duty,
			mutation(1, 'monthlyReport.reopen', { month: MONTH })
		);
		expect(duty.results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
		await expect(
			send(centre.users.viewer, mutation(1, 'monthlyReport.reopen', { month: MONTH }))
		).rejects.toMatchObject({ status: 403 });
		expect((await stored())?.versions).toHaveLength(2);
	});
});
