/**
 * The hall's windows and its list of services (事项清单). Comprehensive windows carry the
 * business category R1 counts by; the desks of R4 and the public-service windows of R3 follow.
 */
import type { Channel, ServiceItem, ServiceWindow } from '$lib/schemas';
import { centreId } from './organisation';
import type { Random } from './random';
import { hallInstant } from '$lib/domain/hall-clock';

export interface CategorySpec {
	category: string;
	/** First letter of the window codes. */
	prefix: string;
	/** Which department runs each window; undefined when the hall runs it for several. */
	windowDepartments: (string | undefined)[];
	/** Departments whose staff sit at these windows. */
	staffFrom: string[];
	/** Average minutes per case at a window. */
	handleMinutes: [number, number];
	/** Cases accepted at all windows of the category on an ordinary Wednesday. */
	dailyAccepted: number;
}

const sections = ['dept-social', 'dept-agri', 'dept-build', 'dept-econ', 'dept-reg'];

export const comprehensiveCategories: CategorySpec[] = [
	{
		category: '行政审批',
		prefix: 'A',
		windowDepartments: [undefined, undefined, undefined, undefined],
		staffFrom: sections,
		handleMinutes: [15, 30],
		dailyAccepted: 56
	},
	{
		category: '不动产登记',
		prefix: 'B',
		windowDepartments: ['dept-estate', 'dept-estate', 'dept-estate', 'dept-housing'],
		staffFrom: ['dept-estate', 'dept-housing'],
		handleMinutes: [20, 30],
		dailyAccepted: 64
	},
	{
		category: '税务',
		prefix: 'C',
		windowDepartments: ['dept-tax', 'dept-tax', 'dept-tax'],
		staffFrom: ['dept-tax'],
		handleMinutes: [8, 15],
		dailyAccepted: 72
	},
	{
		category: '社保医保',
		prefix: 'D',
		windowDepartments: ['dept-hr', 'dept-hr', 'dept-hr'],
		staffFrom: ['dept-hr'],
		handleMinutes: [5, 12],
		dailyAccepted: 66
	},
	{
		category: '公积金',
		prefix: 'E',
		// No housing-fund office is stationed here: the hall's own clerks take these cases.
		windowDepartments: [undefined, undefined],
		staffFrom: ['dept-ops'],
		handleMinutes: [8, 15],
		dailyAccepted: 34
	}
];

/** Public-service windows (R3) are counted under their own category in the volume. */
export const publicServiceCategory: CategorySpec = {
	category: '水电气',
	prefix: 'F',
	windowDepartments: [undefined, undefined],
	staffFrom: ['dept-ops'],
	handleMinutes: [5, 10],
	dailyAccepted: 24
};

export const windowId = (code: string) => `win-${code}`;
export const windowCode = (prefix: string, n: number) => `${prefix}${String(n).padStart(2, '0')}`;

/** The three desks of R4, one window each. */
export const desks = [
	{ code: 'Z01', kind: 'consultation' },
	{ code: 'Z02', kind: 'fee' },
	{ code: 'Z03', kind: 'certificate' }
] as const;

export function createWindows(): ServiceWindow[] {
	const base = { centreId, v: 1 as const, retired: false };
	const out: ServiceWindow[] = [];
	for (const spec of comprehensiveCategories) {
		spec.windowDepartments.forEach((departmentId, i) => {
			const code = windowCode(spec.prefix, i + 1);
			out.push({
				...base,
				id: windowId(code),
				code,
				kind: 'comprehensive',
				category: spec.category,
				...(departmentId ? { departmentId } : {})
			});
		});
	}
	publicServiceCategory.windowDepartments.forEach((_, i) => {
		const code = windowCode(publicServiceCategory.prefix, i + 1);
		out.push({
			...base,
			id: windowId(code),
			code,
			kind: 'public-service',
			category: publicServiceCategory.category
		});
	});
	for (const desk of desks) {
		out.push({
			...base,
			id: windowId(desk.code),
			code: desk.code,
			kind: desk.kind,
			departmentId: 'dept-ops'
		});
	}
	return out;
}

type ItemSpec = [name: string, deadlineDays: number, flags?: string];

/**
 * Services by department and category. Flags: b = bookable, w = not available on non-working
 * days (needs an expert panel or a site visit), k = offered at the self-service kiosks,
 * o = window only (no online or mobile channel).
 */
const itemSpecs: { departmentId: string; category: string; items: ItemSpec[] }[] = [
	{
		departmentId: 'dept-reg',
		category: '行政审批',
		items: [
			['企业设立登记', 1, 'bk'],
			['企业变更登记', 1, 'k'],
			['企业注销登记', 3],
			['个体工商户登记', 0, 'b'],
			['农民专业合作社登记', 3]
		]
	},
	{
		departmentId: 'dept-social',
		category: '行政审批',
		items: [
			['民办学校设立审批', 20, 'w'],
			['医疗机构执业登记', 15],
			['养老机构备案', 5],
			['出版物零售业务许可', 10]
		]
	},
	{
		departmentId: 'dept-agri',
		category: '行政审批',
		items: [
			['林木采伐许可', 10],
			['取水许可', 20, 'w'],
			['农药经营许可', 15]
		]
	},
	{
		departmentId: 'dept-build',
		category: '行政审批',
		items: [
			['建筑工程施工许可', 7, 'b'],
			['建设工程规划许可', 15],
			['城镇污水排入排水管网许可', 10],
			['建筑业企业资质核准', 20, 'w']
		]
	},
	{
		departmentId: 'dept-econ',
		category: '行政审批',
		items: [
			['食品经营许可', 10],
			['药品零售企业许可', 15],
			['道路货物运输经营许可', 10]
		]
	},
	{
		departmentId: 'dept-tax',
		category: '税务',
		items: [
			['发票领用', 0, 'bk'],
			['税务登记信息确认', 0],
			['增值税申报', 0, 'k'],
			['个人所得税综合所得汇算', 0],
			['契税申报', 0, 'b'],
			['完税证明开具', 0, 'k']
		]
	},
	{
		departmentId: 'dept-hr',
		category: '社保医保',
		items: [
			['社会保障卡申领', 0, 'bk'],
			['养老保险关系转移', 10, 'b'],
			['失业保险金申领', 5],
			['医保异地就医备案', 0, 'k'],
			['灵活就业人员参保登记', 0]
		]
	},
	{
		departmentId: 'dept-estate',
		category: '不动产登记',
		items: [
			['国有建设用地使用权及房屋所有权转移登记', 5, 'bo'],
			['不动产抵押权登记', 3, 'b'],
			['不动产权证书补换证', 10],
			['预告登记', 3],
			['不动产登记资料查询', 0, 'k']
		]
	},
	{
		departmentId: 'dept-housing',
		category: '不动产登记',
		items: [
			['商品房买卖合同备案', 1, 'b'],
			['存量房交易资金监管', 3, 'o'],
			['房屋租赁登记备案', 1]
		]
	},
	{
		departmentId: 'dept-ops',
		category: '公积金',
		items: [
			['住房公积金提取', 0, 'k'],
			['住房公积金贷款申请', 15, 'o'],
			['住房公积金缴存基数调整', 3]
		]
	},
	{
		departmentId: 'dept-ops',
		category: '水电气',
		items: [
			['用水报装', 5],
			['用电报装', 5],
			['燃气开户', 3]
		]
	}
];

const allCategories = [...comprehensiveCategories, publicServiceCategory];

export function createServiceItems(random: Random, today: string): ServiceItem[] {
	const updatedAt = hallInstant(today, '08:00');
	let n = 0;
	return itemSpecs.flatMap(({ departmentId, category, items }) => {
		const [low, high] = allCategories.find((c) => c.category === category)!.handleMinutes;
		return items.map(([name, deadlineDays, flags = '']) => {
			n += 1;
			const channels: Channel[] = flags.includes('o') ? ['window'] : ['online', 'mobile'];
			if (flags.includes('k')) channels.push('kiosk');
			if (!channels.includes('window')) channels.push('window');
			return {
				centreId,
				v: 1 as const,
				id: `item-${String(n).padStart(3, '0')}`,
				name,
				departmentId,
				category,
				channels,
				deadlineDays,
				// 无差别: the same services as on a working day, with the few exceptions flagged.
				availableNonWorking: !flags.includes('w'),
				bookable: flags.includes('b'),
				handleMinutes: random.int(low, high),
				retired: false,
				updatedAt
			};
		});
	});
}
