/**
 * A centre made as a real install makes it (scripts/create-admin.ts): it starts with the plan's
 * rules, so its first plan is checked, and its managers change the numbers through a mutation that
 * counts revisions and refuses a save over someone else's.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultRuleNumbers, type RuleSet, type SessionUser } from '$lib/schemas';
import { drivers } from '../testing/databases';
import { mutation, pushMutations } from '../testing/fixtures';
import { useTestDb } from '../testing/suite';
import { pull } from '../sync/pull';
import { cheapHashCost } from './password';
import { createCentre, createUser, newCentre } from './users';

vi.setConfig({ hookTimeout: 120_000, testTimeout: 120_000 });

describe.each(drivers)('a new centre on %s', (driver) => {
	const t = useTestDb(driver);
	let manager: SessionUser;

	beforeAll(async () => {
		const centre = newCentre('新建区政务服务中心', 'new-centre');
		expect(await createCentre(t.db, centre)).toBe(true);
		const id = await createUser(
			t.db,
			{
				username: 'new-manager',
				password: 'long-enough-1',
				name: '新主任',
				role: 'manager',
				centreId: centre.id
			},
			cheapHashCost
		);
		manager = {
			id: id!,
			username: 'new-manager',
			name: '新主任',
			role: 'manager',
			centreId: centre.id
		};
	});

	const rules = async () => {
		const state = await pull(t.db, manager, { cursor: 0 }, { pageSize: 1000 });
		return state.changes.filter((c) => c.entity === 'ruleSet').map((c) => c.data as RuleSet);
	};

	it('starts with the plan rules R1–R8 switched on', async () => {
		const [set] = await rules();
		expect(set).toMatchObject({ ...defaultRuleNumbers, id: `${manager.centreId}:rules` });
		expect(Object.values(set.enabled).every(Boolean)).toBe(true);
	});

	it('takes a manager change as revision 2, and refuses a second save from the same start', async () => {
		const change = {
			...defaultRuleNumbers,
			minComprehensivePerCategory: 3,
			categoryMinimum: { 不动产登记: 4 },
			basedOn: 1
		};
		const answer = await pushMutations(t.db, manager, [
			mutation(1, 'ruleSet.update', change),
			mutation(2, 'ruleSet.update', change)
		]);
		expect(answer.results.map((r) => r.status)).toEqual(['applied', 'rejected']);
		expect(answer.results[1]).toMatchObject({
			code: 'CONFLICT',
			message: 'rules_error_changed',
			params: { revision: 2 }
		});
		const [set] = await rules();
		expect(set).toMatchObject({
			minComprehensivePerCategory: 3,
			categoryMinimum: { 不动产登记: 4 },
			revision: 2
		});
	});
});
