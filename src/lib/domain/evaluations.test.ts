import { describe, expect, it } from 'vitest';
import type { EvaluationRating } from '$lib/schemas';
import {
	awaitingFollowUp,
	evaluationFigures,
	isSatisfied,
	mostPraised,
	totalFigures
} from './evaluations';

const followUp = {
	staffId: 'ops',
	correction: '约谈并培训',
	followedUpOn: '2026-03-05',
	calledBack: true
};

let n = 0;
const rating = (
	r: EvaluationRating,
	staffId: string,
	ratedOn = '2026-03-02',
	extra: { windowId?: string; followUp?: typeof followUp } = {}
) => ({ number: `HCP-${++n}`, rating: r, staffId, ratedOn, ...extra });

describe('好差评 figures', () => {
	it('counts 非常满意, 满意 and 基本满意 as satisfied, over every rating', () => {
		expect(
			(['very-satisfied', 'satisfied', 'basic', 'dissatisfied', 'very-dissatisfied'] as const).map(
				isSatisfied
			)
		).toEqual([true, true, true, false, false]);
		const ratings = [
			rating('very-satisfied', 'a'),
			rating('basic', 'a'),
			rating('dissatisfied', 'a'),
			rating('very-dissatisfied', 'a', '2026-03-02', { followUp }),
			rating('satisfied', 'b')
		];
		expect(evaluationFigures(ratings, (e) => e.staffId)).toEqual([
			{ key: 'a', count: 4, satisfied: 2, bad: 2, unfollowed: 1, satisfactionRate: 0.5 },
			{ key: 'b', count: 1, satisfied: 1, bad: 0, unfollowed: 0, satisfactionRate: 1 }
		]);
		expect(totalFigures(ratings)).toEqual({
			key: '',
			count: 5,
			satisfied: 3,
			bad: 2,
			unfollowed: 1,
			satisfactionRate: 0.6
		});
	});

	it('leaves a rating naming no window out of the window rows but not out of the total', () => {
		const ratings = [
			rating('satisfied', 'a', '2026-03-02', { windowId: 'w1' }),
			rating('dissatisfied', 'a')
		];
		const rows = evaluationFigures(ratings, (e) => e.windowId);
		expect(rows.map((r) => [r.key, r.count])).toEqual([['w1', 1]]);
		expect(totalFigures(ratings).count).toBe(2);
	});

	it('has no rate where nothing was rated', () => {
		expect(totalFigures([]).satisfactionRate).toBeUndefined();
	});

	it('lists bad ratings without a follow-up, the oldest first', () => {
		const late = rating('dissatisfied', 'a', '2026-03-09');
		const early = rating('very-dissatisfied', 'b', '2026-03-01');
		const done = rating('dissatisfied', 'c', '2026-02-01', { followUp });
		const good = rating('satisfied', 'd', '2026-01-01');
		expect(awaitingFollowUp([late, done, good, early]).map((e) => e.number)).toEqual([
			early.number,
			late.number
		]);
	});

	it('ranks praise in the period, most first, and holds back staff with an open bad rating', () => {
		const ratings = [
			rating('very-satisfied', 'a', '2026-03-02'),
			rating('satisfied', 'a', '2026-03-03'),
			rating('satisfied', 'b', '2026-03-02'),
			rating('satisfied', 'b', '2026-03-04'),
			rating('very-satisfied', 'b', '2026-03-05'),
			// Outside the period: not counted.
			rating('very-satisfied', 'a', '2026-02-27'),
			rating('very-satisfied', 'c', '2026-04-01'),
			// 基本满意 is satisfied, not praise.
			rating('basic', 'd', '2026-03-02'),
			// Praised twice, but a bad rating still waits for its follow-up.
			rating('very-satisfied', 'e', '2026-03-02'),
			rating('very-satisfied', 'e', '2026-03-03'),
			rating('dissatisfied', 'e', '2026-03-04')
		];
		expect(mostPraised(ratings, '2026-03-01', '2026-03-31')).toEqual([
			{ staffId: 'b', praise: 3, veryGood: 1 },
			{ staffId: 'a', praise: 2, veryGood: 1 }
		]);
		expect(mostPraised(ratings, '2026-03-01', '2026-03-31', 1)).toHaveLength(1);
	});
});
