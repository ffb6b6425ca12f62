/**
 * 办件 of the last three months: a few hundred invented cases of the items that take time, most
 * completed within their promise and some early, a few late, a handful still open past their
 * day, and the outcomes the plan names (一次性告知, 不予受理, 不予许可) with their reasons.
 * Numbers follow the approval system's BJ + date + sequence pattern, invented.
 */
import type { Case, CaseOutcome, CaseReasonCode, ServiceItem } from '$lib/schemas';
import { caseId } from '$lib/schemas';
import { addDays, addWorkingDays, isWorkingDay } from '$lib/domain/calendar';
import { countingStart } from '$lib/domain/cases';
import { hallInstant } from '$lib/domain/hall-clock';
import { centreId } from './organisation';
import type { Random } from './random';

const DAYS = 90;

const materials = [
	'身份证复印件',
	'授权委托书',
	'不动产权属证书原件',
	'营业执照副本',
	'经办人身份证明'
];

const reasonsFor: Record<Exclude<CaseOutcome, 'approved'>, CaseReasonCode[]> = {
	told: ['materials-incomplete', 'materials-invalid'],
	'not-accepted': ['out-of-scope', 'materials-invalid', 'other'],
	'not-permitted': ['conditions-unmet', 'other']
};

const otherWords = ['房屋尚未办理竣工验收', '申请人不具备相应资质'];

function outcomeOf(random: Random): CaseOutcome {
	const x = random.next();
	return x < 0.86 ? 'approved' : x < 0.92 ? 'told' : x < 0.96 ? 'not-accepted' : 'not-permitted';
}

export function createCases(random: Random, items: ServiceItem[], today: string): Case[] {
	const timed = items.filter((i) => !i.retired && i.deadlineDays > 0);
	if (timed.length === 0) return [];
	const out: Case[] = [];
	for (let back = DAYS; back >= 1; back--) {
		const day = addDays(today, -back);
		// Weekdays take most cases; a 不打烊 weekend day a few.
		const count = isWorkingDay(day) ? random.int(2, 7) : random.int(0, 2);
		for (let n = 1; n <= count; n++) {
			const item = random.pick(timed);
			const promisedDays = item.deadlineDays;
			const legalDays = Math.min(365, promisedDays * random.pick([1, 2, 3]));
			const number = `BJ${day.replaceAll('-', '')}${String(n).padStart(4, '0')}`;
			const base: Case = {
				id: caseId(number),
				centreId,
				v: 1,
				number,
				serviceItemId: item.id,
				departmentId: item.departmentId,
				acceptedOn: day,
				legalDays,
				promisedDays,
				source: random.chance(0.7) ? 'import' : 'window',
				updatedAt: hallInstant(day, '09:00')
			};
			// Working days it takes: mostly inside the promise, sometimes a little over.
			const takes = Math.max(0, Math.round(promisedDays * random.between(0.3, 1.2)));
			const start = countingStart(day);
			const done = takes === 0 ? day : addWorkingDays(start, takes);
			const stillOpen = done >= today || random.chance(0.015);
			if (stillOpen) {
				out.push(base);
				continue;
			}
			const outcome = outcomeOf(random);
			const ended: Case = { ...base, completedOn: done, outcome };
			if (outcome !== 'approved') {
				const code = random.pick(reasonsFor[outcome]);
				ended.reason = { code, text: code === 'other' ? random.pick(otherWords) : '' };
				// Telling and refusing happen at the desk, within a day or two.
				ended.completedOn = addWorkingDays(start, Math.min(takes, 1));
			}
			if (outcome === 'told') {
				ended.materials = random.shuffle(materials).slice(0, random.int(1, 3));
			}
			out.push(ended);
		}
	}
	return out;
}
