/**
 * 好差评 on the server: a duty lead records a bad rating, only a manager follows it up, a second
 * import of the same export adds nothing, and a viewer receives the rating without its free text.
 */
import { describe, expect, it, vi } from 'vitest';
import { pullResponse, type SessionUser } from '$lib/schemas';
import { drivers } from '../testing/databases';
import { mutation, pushMutations } from '../testing/fixtures';
import { useTestCentre, useTestDb } from '../testing/suite';
import { pull } from './pull';

vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

interface Pulled {
	number: string;
	rating: string;
	comment?: string;
	followUp?: { correction: string; calledBack: boolean; staffId: string };
}

describe.each(drivers)('evaluations on %s', (driver) => {
	const t = useTestDb(driver);
	const centre = useTestCentre(t, 'evals-a');
	const rating = (number: string, extra: Record<string, unknown> = {}) => ({
		number,
		ratedOn: '2026-03-02',
		rating: 'very-dissatisfied',
		channel: 'qr-code',
		staffId: `${centre.id}-staff`,
		serviceItemId: `${centre.id}-item`,
		comment: '排队太久',
		...extra
	});
	const send = (user: SessionUser, ...mutations: ReturnType<typeof mutation>[]) =>
		pushMutations(t.db, user, mutations);

	async function pulled(user: SessionUser): Promise<Pulled[]> {
		const page = pullResponse.parse(await pull(t.db, user, { cursor: 0 }, { pageSize: 5000 }));
		return page.changes
			.flatMap((c) => (c.entity === 'evaluation' && c.op === 'put' ? [c.data as Pulled] : []))
			.sort((a, b) => a.number.localeCompare(b.number));
	}

	it('takes a bad rating from a duty lead, and its follow-up from a manager only', async () => {
		const { duty, manager, viewer } = centre.users;
		const recorded = await send(duty, mutation(1, 'evaluation.record', rating('HCP-1')));
		expect(recorded.results).toEqual([{ id: 1, status: 'applied' }]);
		// A viewer reads the figures and never writes: the push itself is refused.
		await expect(send(viewer, mutation(1, 'evaluation.record', rating('HCP-2')))).rejects.toThrow(
			'没有权限'
		);

		const followUp = {
			id: 'evaluation-HCP-1',
			staffId: `${centre.id}-staff`,
			correction: '增开窗口，电话致歉',
			followedUpOn: '2026-03-03',
			calledBack: true
		};
		const byDuty = await send(duty, mutation(1, 'evaluation.followUp', followUp));
		expect(byDuty.results.map((r) => r.status)).toEqual(['rejected']);
		const byManager = await send(manager, mutation(1, 'evaluation.followUp', followUp));
		expect(byManager.results).toEqual([{ id: 1, status: 'applied' }]);

		const [held] = await pulled(manager);
		expect(held).toMatchObject({
			number: 'HCP-1',
			comment: '排队太久',
			followUp: { correction: '增开窗口，电话致歉', calledBack: true }
		});
	});

	it('adds nothing on a second import of the same export', async () => {
		const file = {
			source: '好差评导出.csv',
			rows: [
				{ line: 2, ...rating('HCP-10', { rating: 'satisfied' }) },
				{ line: 3, ...rating('HCP-11', { rating: 'very-satisfied', comment: undefined }) }
			]
		};
		const first = await send(centre.users.duty, mutation(1, 'evaluation.import', file));
		expect(first.results).toEqual([{ id: 1, status: 'applied' }]);
		const again = await send(centre.users.manager, mutation(1, 'evaluation.import', file));
		expect(again.results).toEqual([{ id: 1, status: 'applied' }]);
		expect((await pulled(centre.users.manager)).map((e) => e.number)).toEqual([
			'HCP-1',
			'HCP-10',
			'HCP-11'
		]);
	});

	it('sends a viewer the ratings without their comments or 整改情况', async () => {
		const seen = await pulled(centre.users.viewer);
		expect(seen.map((e) => e.number)).toEqual(['HCP-1', 'HCP-10', 'HCP-11']);
		expect(seen.every((e) => e.comment === undefined)).toBe(true);
		expect(seen[0].followUp).toMatchObject({ correction: '', calledBack: true });
	});
});
