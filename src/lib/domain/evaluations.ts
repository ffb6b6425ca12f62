/**
 * 好差评 figures: per staff member, window or service item, how many ratings, the satisfaction
 * rate, the bad ones and those still awaiting a follow-up; the bad ratings to follow up, oldest
 * first; and the staff most praised in a period, for the review's commendations (表扬).
 * Pure functions of the ratings, so a device, the review and the supervision page agree.
 */
import { isBadRating, type Evaluation, type EvaluationRating } from '$lib/schemas';

type Rated = Pick<Evaluation, 'rating' | 'followUp'>;

/**
 * 满意度 counts 非常满意, 满意 and 基本满意 as satisfied, over every rating (the national
 * 好差评 scale's reading of a satisfied citizen).
 */
export const isSatisfied = (rating: EvaluationRating) => !isBadRating(rating);

/** Praise is 非常满意 or 满意; 基本满意 is satisfied, not praise. */
export const isPraise = (rating: EvaluationRating) =>
	rating === 'very-satisfied' || rating === 'satisfied';

/** A bad rating nobody has followed up yet. */
export const awaitsFollowUp = (e: Rated) => isBadRating(e.rating) && !e.followUp;

/** One line of the figures table. */
export interface EvaluationFigures {
	key: string;
	count: number;
	satisfied: number;
	bad: number;
	/** Bad ratings without a follow-up. */
	unfollowed: number;
	/** satisfied / count; undefined when nothing was rated. */
	satisfactionRate?: number;
}

const empty = (key: string): EvaluationFigures => ({
	key,
	count: 0,
	satisfied: 0,
	bad: 0,
	unfollowed: 0
});

const withRate = (f: EvaluationFigures): EvaluationFigures =>
	f.count > 0 ? { ...f, satisfactionRate: f.satisfied / f.count } : f;

function add(f: EvaluationFigures, e: Rated) {
	f.count++;
	if (isSatisfied(e.rating)) f.satisfied++;
	else f.bad++;
	if (awaitsFollowUp(e)) f.unfollowed++;
}

/** Figures per key (staff, window or item); a rating without that key (no window) is left out. */
export function evaluationFigures<E extends Rated>(
	ratings: readonly E[],
	keyOf: (e: E) => string | undefined
): EvaluationFigures[] {
	const rows = new Map<string, EvaluationFigures>();
	for (const e of ratings) {
		const key = keyOf(e);
		if (key === undefined) continue;
		const row = rows.get(key) ?? empty(key);
		rows.set(key, row);
		add(row, e);
	}
	return [...rows.values()].map(withRate).sort((a, b) => a.key.localeCompare(b.key));
}

/** The whole centre's line, over every rating (a rating naming no window counts here too). */
export function totalFigures(ratings: readonly Rated[]): EvaluationFigures {
	const sum = empty('');
	for (const e of ratings) add(sum, e);
	return withRate(sum);
}

/** Bad ratings awaiting a follow-up, the oldest first (the longest a citizen has waited). */
export function awaitingFollowUp<E extends Rated & Pick<Evaluation, 'ratedOn' | 'number'>>(
	ratings: readonly E[]
): E[] {
	return ratings
		.filter(awaitsFollowUp)
		.sort((a, b) => a.ratedOn.localeCompare(b.ratedOn) || a.number.localeCompare(b.number));
}

export interface Praise {
	staffId: string;
	/** 非常满意 and 满意 in the period. */
	praise: number;
	veryGood: number;
}

/**
 * 表扬: the staff with the most praise between `from` and `to` (inclusive), most first, ties by
 * 非常满意 then by id, at most `limit` of them. A staff member with a bad rating still open in
 * the period is left out: a commendation waits for the follow-up.
 */
export function mostPraised(
	ratings: readonly Pick<Evaluation, 'rating' | 'followUp' | 'ratedOn' | 'staffId'>[],
	from: string,
	to: string,
	limit = 5
): Praise[] {
	const byStaff = new Map<string, Praise>();
	const open = new Set<string>();
	for (const e of ratings) {
		if (e.ratedOn < from || e.ratedOn > to) continue;
		if (awaitsFollowUp(e)) open.add(e.staffId);
		if (!isPraise(e.rating)) continue;
		const p = byStaff.get(e.staffId) ?? { staffId: e.staffId, praise: 0, veryGood: 0 };
		byStaff.set(e.staffId, p);
		p.praise++;
		if (e.rating === 'very-satisfied') p.veryGood++;
	}
	return [...byStaff.values()]
		.filter((p) => !open.has(p.staffId))
		.sort(
			(a, b) => b.praise - a.praise || b.veryGood - a.veryGood || a.staffId.localeCompare(b.staffId)
		)
		.slice(0, limit);
}
