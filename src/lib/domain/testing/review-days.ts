/** Five roll-up days around National Day 2025, for the review's figures and its charts. */
import type { RollupDay } from '../review-figures';

const c = (accepted: number) => ({
	accepted,
	completed: accepted,
	consulted: 1,
	oneVisit: accepted,
	refused: 0
});

export const reviewDay = (date: string, n: number): RollupDay => ({
	date,
	cells: { 税务: { window: c(n), online: c(2 * n) }, 不动产登记: { window: c(n + 1) } },
	hours: { 税务: { 9: c(n), 10: c(0) }, 不动产登记: { 9: c(n + 1) } },
	windows: { 'win-C01': { ...c(n), category: '税务' } },
	refusalReasons: {},
	waitingPeak: {}
});

// 2025-10-01..08 is National Day; 2025-09-28 (Sunday) and 2025-10-11 (Saturday) are make-up days.
export const reviewDays = [
	'2025-09-27',
	'2025-09-28',
	'2025-10-01',
	'2025-10-10',
	'2025-10-11'
].map((d, i) => reviewDay(d, i + 1));
