/** The centre's rule set as the rules editor shows it, with the window categories R1 counts. */
import { repo, type HallDatabase } from '$lib/local';
import { defaultRuleNumbers, ruleSetId, type RuleSet } from '$lib/schemas';
import { Live } from './live.svelte';

export interface RulesData {
	loaded: boolean;
	/** The saved set; a centre created before sets were written with it shows the plan's numbers. */
	rules: RuleSet;
	/** 0 when nothing is saved yet. */
	revision: number;
	categories: string[];
}

export class RulesState {
	readonly data: Live<RulesData>;

	constructor(db: HallDatabase, centreId: string) {
		const plan: RuleSet = { ...defaultRuleNumbers, id: ruleSetId(centreId), centreId, v: 1 };
		this.data = new Live<RulesData>(
			async () => {
				const [sets, windows] = await Promise.all([
					repo.all(db, 'ruleSet', centreId),
					repo.all(db, 'window', centreId)
				]);
				const saved = sets.rows[0];
				const categories = windows.rows
					.filter((w) => w.kind === 'comprehensive' && !w.retired && w.category)
					.map((w) => w.category!);
				return {
					loaded: true,
					rules: saved ?? plan,
					revision: saved ? (saved.revision ?? 1) : 0,
					categories: categories
						.filter((c, i) => categories.indexOf(c) === i)
						.sort((a, b) => a.localeCompare(b, 'zh-CN'))
				};
			},
			{ loaded: false, rules: plan, revision: 0, categories: [] }
		);
	}
}
