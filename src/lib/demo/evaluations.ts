/**
 * 好差评 over the demo year: one or two ratings on most open days, mostly 非常满意 and 满意, a few
 * 基本满意 and some bad ones; most bad ratings of past months are followed up (整改 and a call
 * back), the recent ones and a few older ones still wait. Numbers follow an HCP + date + sequence
 * pattern, invented; comments are invented and name nobody. No evaluator is stored.
 */
import type {
	Evaluation,
	EvaluationChannel,
	EvaluationRating,
	ServiceItem,
	ServiceWindow
} from '$lib/schemas';
import { evaluationId, isBadRating } from '$lib/schemas';
import { addDays, isWorkingDay } from '$lib/domain/calendar';
import { hallInstant } from '$lib/domain/hall-clock';
import { centreId, type Organisation } from './organisation';
import type { Random } from './random';

const DAYS = 365;

const goodWords = ['办事很快，态度很好', '一次就办好了', '工作人员耐心解释', '周六也能办，很方便'];
const badWords = [
	'排队时间太长',
	'材料要求没有一次说清楚',
	'窗口人员态度不耐烦',
	'系统故障等了很久'
];
const corrections = [
	'约谈窗口人员，开展服务规范再培训',
	'优化叫号分流，高峰时段增开窗口',
	'修订一次性告知单，补全材料清单',
	'联系系统运维，故障已排除'
];

function ratingOf(random: Random): EvaluationRating {
	const x = random.next();
	if (x < 0.62) return 'very-satisfied';
	if (x < 0.88) return 'satisfied';
	if (x < 0.95) return 'basic';
	return x < 0.985 ? 'dissatisfied' : 'very-dissatisfied';
}

function channelOf(random: Random): EvaluationChannel {
	const x = random.next();
	if (x < 0.55) return 'device';
	if (x < 0.8) return 'qr-code';
	if (x < 0.9) return 'sms';
	return x < 0.96 ? 'website' : 'phone';
}

export function createEvaluations(
	random: Random,
	org: Organisation,
	windows: ServiceWindow[],
	items: ServiceItem[],
	today: string
): Evaluation[] {
	const live = items.filter((i) => !i.retired && org.members(i.departmentId).length > 0);
	if (live.length === 0) return [];
	const opsStaff = org.staff.filter((s) => s.active && s.departmentId === 'dept-ops');
	const out: Evaluation[] = [];
	for (let back = DAYS; back >= 1; back--) {
		const day = addDays(today, -back);
		const count = isWorkingDay(day) ? random.int(0, 2) : random.int(0, 1);
		for (let n = 1; n <= count; n++) {
			const item = random.pick(live);
			const staff = random.pick(org.members(item.departmentId));
			const channel = channelOf(random);
			const own = windows.filter((w) => !w.retired && w.departmentId === item.departmentId);
			const atWindow = channel !== 'website' && channel !== 'phone' && own.length > 0;
			const rating = ratingOf(random);
			const bad = isBadRating(rating);
			const number = `HCP${day.replaceAll('-', '')}${String(n).padStart(4, '0')}`;
			const e: Evaluation = {
				id: evaluationId(number),
				centreId,
				v: 1,
				number,
				ratedOn: day,
				rating,
				channel,
				staffId: staff.id,
				...(atWindow && { windowId: random.pick(own).id }),
				departmentId: item.departmentId,
				serviceItemId: item.id,
				...(random.chance(bad ? 0.8 : 0.2) && {
					comment: random.pick(bad ? badWords : goodWords)
				}),
				source: random.chance(0.8) ? 'import' : 'window',
				updatedAt: hallInstant(day, '17:00')
			};
			// Bad ratings of the last fortnight still wait; older ones mostly have their 整改.
			if (bad && back > 14 && opsStaff.length > 0 && random.chance(0.85)) {
				const on = addDays(day, random.int(1, 5));
				e.followUp = {
					staffId: random.pick(opsStaff).id,
					correction: random.pick(corrections),
					followedUpOn: on,
					calledBack: random.chance(0.9)
				};
				e.updatedAt = hallInstant(on, '16:00');
			}
			out.push(e);
		}
	}
	return out;
}
