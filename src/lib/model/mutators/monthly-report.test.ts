import { describe, expect, it } from 'vitest';
import { monthlyReportId, monthlyReportSchema, type ReportFigures } from '$lib/schemas';
import type { MutationContext } from '../mutator';
import { memoryTx, runChecked, testContext, type MemoryTx } from '../memory-tx';

const ctx = (role: MutationContext['role'], now = '2026-12-03T10:00:00+08:00') =>
	testContext(role, now, { userId: `u-${role}` });
const line = (received: number) => ({
	daysOpen: 4,
	windowDays: 12,
	staffDays: 20,
	received,
	consulted: 30,
	casesAccepted: 50,
	casesCompleted: 45,
	casesPastDeadline: 1,
	appointments: 40,
	noShows: 3,
	noShowRate: 3 / 37,
	extendedSessions: 6,
	extendedMinutes: 180,
	extendedServed: 14,
	completed: 90,
	oneVisit: 81,
	oneVisitRate: 0.9,
	findings: 2,
	corrected: 1
});
const figures = (received: number): ReportFigures => ({
	month: '2026-11',
	centre: line(received),
	departments: [{ departmentId: 'tax', name: '税务局', ...line(received) }]
});
const run = (tx: MemoryTx, name: string, raw: unknown, c = ctx('manager')) =>
	runChecked(tx, name, raw, c);
const report = async (tx: MemoryTx) =>
	monthlyReportSchema.parse(await tx.get('monthlyReport', monthlyReportId('c1', '2026-11')));

describe('monthlyReport', () => {
	it('keeps notes on a draft, sends it frozen, reopens it and keeps both versions', async () => {
		const { tx } = memoryTx();
		expect(
			await run(tx, 'monthlyReport.note', { month: '2026-11', notes: '初稿' })
		).toBeUndefined();
		expect(await report(tx)).toMatchObject({ status: 'draft', notes: '初稿', versions: [] });

		expect(
			await run(tx, 'monthlyReport.send', {
				month: '2026-11',
				notes: '十一月',
				figures: figures(100)
			})
		).toBeUndefined();
		const sent = await report(tx);
		expect(sent.status).toBe('sent');
		expect(sent.versions).toEqual([
			{
				version: 1,
				sentAt: '2026-12-03T10:00:00+08:00',
				sentBy: 'u-manager',
				notes: '十一月',
				figures: figures(100)
			}
		]);

		const later = ctx('manager', '2026-12-04T09:00:00+08:00');
		expect(await run(tx, 'monthlyReport.reopen', { month: '2026-11' }, later)).toBeUndefined();
		expect(await report(tx)).toMatchObject({
			status: 'draft',
			reopenedAt: later.now,
			reopenedBy: 'u-manager',
			versions: [{ version: 1 }]
		});
		await run(tx, 'monthlyReport.note', { month: '2026-11', notes: '更正' }, later);
		expect(
			await run(
				tx,
				'monthlyReport.send',
				{ month: '2026-11', notes: '更正', figures: figures(101) },
				later
			)
		).toBeUndefined();
		const again = await report(tx);
		expect(again.status).toBe('sent');
		expect(again.versions.map((v) => [v.version, v.notes, v.figures.centre.received])).toEqual([
			[1, '十一月', 100],
			[2, '更正', 101]
		]);
	});

	it('refuses to change a sent report without a reopen, and to reopen a draft', async () => {
		const { tx } = memoryTx();
		expect(await run(tx, 'monthlyReport.reopen', { month: '2026-11' })).toMatchObject({
			reject: { code: 'NOT_FOUND', messageKey: 'error_report_missing' }
		});
		await run(tx, 'monthlyReport.note', { month: '2026-11', notes: '' });
		expect(await run(tx, 'monthlyReport.reopen', { month: '2026-11' })).toMatchObject({
			reject: { code: 'CONFLICT', messageKey: 'error_report_not_sent' }
		});
		await run(tx, 'monthlyReport.send', { month: '2026-11', notes: '', figures: figures(1) });
		expect(
			await run(tx, 'monthlyReport.send', { month: '2026-11', notes: '', figures: figures(2) })
		).toMatchObject({ reject: { code: 'CONFLICT', messageKey: 'error_report_sent' } });
		expect(await run(tx, 'monthlyReport.note', { month: '2026-11', notes: 'x' })).toMatchObject({
			reject: { code: 'CONFLICT', messageKey: 'error_report_sent' }
		});
		expect((await report(tx)).versions).toHaveLength(1);
	});

	it('sends a month only once it has ended, with its own figures', async () => {
		const { tx } = memoryTx();
		const november = ctx('manager', '2026-11-30T23:00:00+08:00');
		expect(
			await run(
				tx,
				'monthlyReport.send',
				{ month: '2026-11', notes: '', figures: figures(1) },
				november
			)
		).toMatchObject({ reject: { code: 'INVALID', messageKey: 'error_report_month_open' } });
		expect(
			await run(tx, 'monthlyReport.send', {
				month: '2026-10',
				notes: '',
				figures: figures(1)
			})
		).toMatchObject({ reject: { code: 'INVALID', params: { detail: 'figures' } } });
		expect(
			await run(tx, 'monthlyReport.send', {
				month: '2026-11',
				notes: '',
				figures: { ...figures(1), centre: { ...line(1), received: -1 } }
			})
		).toMatchObject({ reject: { code: 'INVALID', params: { detail: 'figures.centre.received' } } });
		expect(await tx.get('monthlyReport', monthlyReportId('c1', '2026-11'))).toBeUndefined();
	});

	it('is for managers and admins only', async () => {
		const { mutatorNamed } = await import('../registry');
		for (const name of ['monthlyReport.note', 'monthlyReport.send', 'monthlyReport.reopen']) {
			expect(mutatorNamed(name)?.roles).toEqual(['admin', 'manager']);
		}
	});
});
