/**
 * The demo centre's people: the sections of the approval bureau and the stationed departments
 * from docs/domain.md, about sixty invented staff, and the leading group, task force and its office.
 */
import type { Department, Staff, TaskForceMember } from '$lib/schemas';
import { uniqueNames } from './names';
import type { Random } from './random';

export const centreId = 'demo-centre';
/** An invented district; every place, company and address of the demo carries it. */
export const district = '示范区';

interface DepartmentSpec {
	id: string;
	name: string;
	kind: Department['kind'];
	takesAppointments: boolean;
	/** Titles of its staff; the first is the head. */
	titles: string[];
	/** Indexes of staff qualified for real-estate review (R7). */
	review?: number[];
}

const times = (n: number, title: string) => Array.from({ length: n }, () => title);

const specs: DepartmentSpec[] = [
	{
		id: 'dept-ops',
		name: '政务服务科',
		kind: 'section',
		takesAppointments: false,
		titles: [
			'科长',
			'副科长',
			'一级主办',
			'二级主办',
			...times(4, '科员'),
			...times(5, '综合窗口受理员')
		]
	},
	{
		id: 'dept-office',
		name: '办公室',
		kind: 'section',
		takesAppointments: false,
		titles: ['局长', '副局长', '副局长', '副局长', '办公室主任']
	},
	{
		id: 'dept-social',
		name: '社会科',
		kind: 'section',
		takesAppointments: false,
		titles: ['科长', '一级主办', '科员', '科员']
	},
	{
		id: 'dept-agri',
		name: '农林水科',
		kind: 'section',
		takesAppointments: false,
		titles: ['科长', '一级主办', '科员']
	},
	{
		id: 'dept-build',
		name: '建设科',
		kind: 'section',
		takesAppointments: true,
		titles: ['科长', '一级主办', '二级主办', '科员', '科员']
	},
	{
		id: 'dept-econ',
		name: '经济科',
		kind: 'section',
		takesAppointments: false,
		titles: ['负责人', '一级主办', '科员', '科员']
	},
	{
		id: 'dept-reg',
		name: '注册科',
		kind: 'section',
		takesAppointments: true,
		titles: ['负责人', '一级主办', '科员', '科员', '科员']
	},
	{
		id: 'dept-tax',
		name: '税务局',
		kind: 'stationed',
		takesAppointments: true,
		titles: ['办税服务厅主任', '副主任', ...times(5, '税务专员')],
		review: [1, 2]
	},
	{
		id: 'dept-hr',
		name: '人社局',
		kind: 'stationed',
		takesAppointments: true,
		titles: ['主任', '副主任', ...times(4, '经办员')]
	},
	{
		id: 'dept-estate',
		name: '不动产登记中心',
		kind: 'stationed',
		takesAppointments: true,
		titles: ['分中心主任', '审核员', '审核员', '登记员', '登记员', '登记员'],
		review: [1, 2, 3]
	},
	{
		id: 'dept-housing',
		name: '房产管理处',
		kind: 'stationed',
		takesAppointments: true,
		titles: ['主任', '审核员', '科员', '科员'],
		review: [1]
	}
];

export interface Organisation {
	departments: Department[];
	staff: Staff[];
	taskForce: TaskForceMember[];
	/** Active staff of a department, head first. */
	members(departmentId: string): Staff[];
	head(departmentId: string): Staff;
}

/** Staff phones are 139 0000 xxxx: they pass the mobile-number pattern and reach nobody. */
const staffPhone = (n: number) => `1390000${String(n).padStart(4, '0')}`;

const base = { centreId, v: 1 as const };

export function createOrganisation(random: Random): Organisation {
	const total = specs.reduce((n, s) => n + s.titles.length, 0);
	const names = uniqueNames(random, total);
	const staff: Staff[] = [];
	const departments: Department[] = [];

	specs.forEach((spec, order) => {
		const first = staff.length;
		spec.titles.forEach((title, i) => {
			const n = staff.length + 1;
			// R8 concerns business staff; the bureau's office and leadership are not on call.
			const business = spec.id !== 'dept-office';
			staff.push({
				...base,
				id: `staff-${String(n).padStart(3, '0')}`,
				name: names[n - 1],
				departmentId: spec.id,
				title,
				phone: staffPhone(n),
				onCall: business && random.chance(0.92),
				realEstateReview: spec.review?.includes(i) ?? false,
				// One retired member in 经济科, so lists have an inactive person to leave out.
				active: !(spec.id === 'dept-econ' && i === spec.titles.length - 1)
			});
		});
		departments.push({
			...base,
			id: spec.id,
			name: spec.name,
			kind: spec.kind,
			operations: spec.id === 'dept-ops',
			takesAppointments: spec.takesAppointments,
			// 预约专人 (R6): the second person of the department, so the head stays free.
			...(spec.takesAppointments ? { appointmentContactId: staff[first + 1].id } : {}),
			sortOrder: (order + 1) * 10
		});
	});

	const members = (departmentId: string) =>
		staff.filter((s) => s.departmentId === departmentId && s.active);
	const head = (departmentId: string) => members(departmentId)[0];
	return {
		departments,
		staff,
		taskForce: createTaskForce(members, head),
		members,
		head
	};
}

function createTaskForce(
	members: (departmentId: string) => Staff[],
	head: (departmentId: string) => Staff
): TaskForceMember[] {
	const [director, ...deputies] = members('dept-office');
	const heads = specs.filter((s) => s.id !== 'dept-office').map((s) => head(s.id));
	const ops = members('dept-ops');
	const rows: { staffId: string; body: TaskForceMember['body']; role: TaskForceMember['role'] }[] =
		[];
	const add = (body: TaskForceMember['body'], role: TaskForceMember['role'], people: Staff[]) =>
		people.forEach((p) => rows.push({ staffId: p.id, body, role }));

	// 领导小组: the bureau director leads, the deputy directors deputise, heads are members.
	add('leading-group', 'leader', [director]);
	add('leading-group', 'deputy-leader', deputies.slice(0, 3));
	add('leading-group', 'member', heads);
	add('leading-group', 'liaison', [ops[2]]);
	// 业务专班: the same leadership, with the heads as its working members.
	add('task-force', 'leader', [director]);
	add('task-force', 'deputy-leader', deputies.slice(0, 3));
	add('task-force', 'member', heads);
	add('task-force', 'liaison', [ops[2]]);
	// 专班办公室 sits in 政务服务科.
	add('office', 'director', [deputies[0]]);
	add('office', 'deputy-director', [ops[0]]);
	add('office', 'member', [ops[1], ops[2], ops[3], deputies[3] ?? ops[4]]);

	return rows.map((r) => ({ ...base, id: `tf-${r.body}-${r.staffId}`, ...r }));
}
