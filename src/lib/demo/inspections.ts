/**
 * 督导检查: two inspections by 政务服务科 on recent non-working days. Late check-ins of that day
 * become punctuality findings, a desk left empty becomes a windows finding, and one member of
 * staff and one department are commended for good service.
 */
import type { Attendance, DayPlan, Inspection } from '$lib/schemas';
import { addDays } from '$lib/domain/calendar';
import { centreId, type Organisation } from './organisation';
import type { Random } from './random';
import { hallInstant } from '$lib/domain/hall-clock';

type Finding = Inspection['findings'][number];

const minorIssues = [
	'窗口台面摆放私人物品',
	'工作人员未佩戴工作牌',
	'叫号屏显示的窗口状态与实际不符'
];

export function createInspections(
	random: Random,
	org: Organisation,
	plans: DayPlan[],
	attendance: Attendance[],
	today: string
): Inspection[] {
	const recent = plans.filter((p) => p.date < today && p.date >= addDays(today, -30));
	// The most recent planned day, and one about two weeks before it.
	const chosen = [
		recent.at(-1),
		recent.find((p) => p.date <= addDays(recent.at(-1)?.date ?? today, -10))
	];
	const inspector = org.head('dept-ops');
	// A different department is commended at each inspection.
	const commended = random.shuffle(org.departments.filter((d) => d.kind === 'stationed'));
	return chosen
		.filter((p): p is DayPlan => !!p)
		.map((plan, i) =>
			inspect(random, org, plan, attendance, inspector.id, commended[i % commended.length])
		);
}

function inspect(
	random: Random,
	org: Organisation,
	plan: DayPlan,
	attendance: Attendance[],
	inspectorId: string,
	department: Organisation['departments'][number]
): Inspection {
	const name = (id: string) => org.staff.find((s) => s.id === id)?.name ?? id;
	const findings: Finding[] = [];
	for (const a of attendance.filter((x) => x.date === plan.date && x.status !== 'on-time')) {
		const late = a.status === 'late';
		findings.push({
			subject: { type: 'staff', id: a.staffId },
			checkItem: late ? 'punctuality' : 'discipline',
			text: late
				? `${name(a.staffId)}迟到${a.minutesLate}分钟`
				: `${name(a.staffId)}未到岗${a.note ? `（${a.note}）` : ''}`,
			correction: late ? '已当面提醒，次日起按时到岗' : '由政务服务科临时调配人员顶岗',
			proposal: late ? '批评教育' : '约谈并在科室内通报',
			status: late ? 'corrected' : 'confirmed',
			source: 'attendance'
		});
	}
	for (const w of plan.windows.filter((x) => x.staffIds.length === 0)) {
		findings.push({
			subject: { type: 'window', id: w.windowId },
			checkItem: 'windows',
			text: '窗口未安排工作人员，未按计划开放',
			correction: '已从政务服务科调配一人补岗',
			proposal: '排班时核对咨询台、收费窗口、出证窗口人员',
			status: 'corrected',
			source: 'rule'
		});
	}
	const staffed = plan.windows.filter((w) => w.staffIds.length > 0);
	if (findings.length === 0) {
		// A quiet day still gets one small finding, so the ledger shows a correction being made.
		const w = random.pick(staffed);
		findings.push({
			subject: { type: 'window', id: w.windowId },
			checkItem: 'discipline',
			text: random.pick(minorIssues),
			correction: '当场整改',
			proposal: '提醒，不作处理',
			status: 'corrected',
			source: 'manual'
		});
	}
	const star = random.pick(staffed.flatMap((w) => w.staffIds));
	return {
		id: `inspection-${plan.date}`,
		centreId,
		v: 1,
		date: plan.date,
		inspectorId,
		startedAt: hallInstant(plan.date, '09:10'),
		checklist: {
			punctuality: findings.some((f) => f.checkItem === 'punctuality') ? 'issue' : 'ok',
			windows: findings.some((f) => f.checkItem === 'windows') ? 'issue' : 'ok',
			attitude: 'ok',
			discipline: findings.some((f) => f.checkItem === 'discipline') ? 'issue' : 'ok'
		},
		findings,
		commendations: [
			{
				subject: { type: 'staff', id: star },
				reason: `${name(star)}耐心解答群众疑问，延时办结全部在办业务，群众当面致谢`
			},
			{
				subject: { type: 'department', id: department.id },
				reason: `${department.name}窗口与预约专人按时到岗，预约台账记录完整`
			}
		]
	};
}
