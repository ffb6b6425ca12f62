import { describe, expect, it } from 'vitest';
import zh from '../../../messages/zh.json';
import en from '../../../messages/en.json';
import {
	columnLetter,
	importProblems,
	readStaff,
	readWindows,
	staffTable,
	windowTable,
	type Table
} from './organisation-import';

const departments = [
	{ id: 'dept-ops', name: '政务服务科' },
	{ id: 'dept-tax', name: '税务局' }
];
/** Rows as a sheet holds them; the texts here have no quoted cells, so a plain split reads them. */
const csv = (text: string): Table =>
	text
		.replace(/\n$/, '')
		.split('\n')
		.map((line) => line.split(','));
const ids = () => {
	let n = 0;
	return () => `new-${++n}`;
};

describe('columns', () => {
	it('letters columns like a spreadsheet', () => {
		expect([0, 1, 25, 26, 27, 51, 52].map(columnLetter)).toEqual([
			'A',
			'B',
			'Z',
			'AA',
			'AB',
			'AZ',
			'BA'
		]);
	});
});

describe('staff import', () => {
	const header = '姓名,所属部门,职务,手机号,随时待命';

	it('reads good rows, with defaults and department names', () => {
		const out = readStaff(csv(`${header}\n王一,税务局,科员,13900001111,是\n`), {
			departments,
			newId: ids()
		});
		expect(out).toEqual({
			ok: true,
			rows: [
				{
					id: 'new-1',
					v: 1,
					line: 2,
					name: '王一',
					departmentId: 'dept-tax',
					title: '科员',
					phone: '13900001111',
					onCall: true,
					realEstateReview: false,
					active: true
				}
			]
		});
	});

	it('names every bad cell by row and column, and returns no rows', () => {
		const text = `${header}\n王一,税务局,科员,13900001111,是\n,财政局,科员,12345,也许\n`;
		const out = readStaff(csv(text), { departments, newId: ids() });
		expect(out.ok).toBe(false);
		if (out.ok) return;
		expect(out.errors.map((e) => [e.row, e.column, e.header, e.problem])).toEqual([
			[3, 'A', '姓名', 'required'],
			[3, 'B', '所属部门', 'unknown-department'],
			[3, 'D', '手机号', 'phone'],
			[3, 'E', '随时待命', 'boolean']
		]);
	});

	it('keeps spreadsheet row numbers across blank rows', () => {
		const out = readStaff(csv(`${header}\n\n,,,\n王一,税务局,科员,1390000,否\n`), {
			departments,
			newId: ids()
		});
		expect(!out.ok && out.errors[0]).toMatchObject({ row: 4, column: 'D' });
	});

	it('refuses a file without a required column or with an unknown one', () => {
		const out = readStaff(csv('姓名,部门,职称\n王一,税务局,科员\n'), { departments, newId: ids() });
		expect(!out.ok && out.errors.map((e) => [e.row, e.column, e.problem, e.header])).toEqual([
			[1, 'C', 'unknown-header', '职称'],
			[1, '', 'missing-header', '手机号']
		]);
	});

	it('refuses an empty file and a duplicate id', () => {
		expect(readStaff([], { departments, newId: ids() })).toMatchObject({
			ok: false,
			errors: [{ problem: 'empty-file' }]
		});
		const dup = `编号,${header}\ns1,王一,税务局,科员,13900001111,是\ns1,李二,税务局,科员,13900001112,是`;
		expect(readStaff(csv(dup), { departments, newId: ids() })).toMatchObject({
			ok: false,
			errors: [{ row: 3, column: 'A', problem: 'duplicate-id', params: { first: 2 } }]
		});
	});

	it('round-trips its own export', () => {
		const staff = [
			{
				id: 's1',
				centreId: 'c',
				v: 1 as const,
				name: '王一',
				departmentId: 'dept-ops',
				title: '科员, 窗口',
				phone: '0571-88881234',
				onCall: false,
				realEstateReview: true,
				active: false
			}
		];
		const out = readStaff(staffTable(staff, departments), {
			departments,
			newId: ids()
		});
		const { centreId: _c, ...expected } = staff[0];
		expect(out).toEqual({ ok: true, rows: [{ ...expected, line: 2 }] });
	});
});

describe('window import', () => {
	const windows = [{ id: 'win-A01', code: 'A01' }];
	const ctx = { departments, windows, newId: ids() };

	it('matches an existing window by its code and takes kinds by label or key', () => {
		const text = '窗口号,窗口类型,业务类别,所属部门\nA01,综合受理窗口,行政审批,\nF01,fee,,税务局\n';
		const out = readWindows(csv(text), { ...ctx, newId: ids() });
		expect(out).toEqual({
			ok: true,
			rows: [
				{
					id: 'win-A01',
					v: 1,
					line: 2,
					code: 'A01',
					kind: 'comprehensive',
					category: '行政审批',
					retired: false
				},
				{
					id: 'new-1',
					v: 1,
					line: 3,
					code: 'F01',
					kind: 'fee',
					departmentId: 'dept-tax',
					retired: false
				}
			]
		});
	});

	it('needs a category on a comprehensive window (R1) and a known kind', () => {
		const text = '窗口号,窗口类型,业务类别\nA02,综合受理窗口,\nA03,大厅,\nA02,咨询台,\n';
		const out = readWindows(csv(text), { ...ctx, newId: ids() });
		expect(!out.ok && out.errors.map((e) => [e.row, e.column, e.problem])).toEqual([
			[2, 'C', 'category-required'],
			[3, 'B', 'unknown-kind'],
			[4, 'A', 'duplicate-code']
		]);
	});

	it('refuses a code that another window already carries', () => {
		const text = '编号,窗口号,窗口类型\nwin-X,A01,咨询台\n';
		expect(readWindows(csv(text), { ...ctx, newId: ids() })).toMatchObject({
			ok: false,
			errors: [{ row: 2, column: 'B', problem: 'code-taken' }]
		});
	});

	it('round-trips its own export', () => {
		const list = [
			{
				id: 'w1',
				centreId: 'c',
				v: 1 as const,
				code: 'B01',
				kind: 'public-service' as const,
				category: '公共服务',
				departmentId: 'dept-tax',
				retired: true
			}
		];
		const out = readWindows(windowTable(list, departments), {
			departments,
			windows: [],
			newId: ids()
		});
		const { centreId: _c, ...expected } = list[0];
		expect(out).toEqual({ ok: true, rows: [{ ...expected, line: 2 }] });
	});
});

describe('wording', () => {
	it('has a message for every problem in both languages', () => {
		for (const p of importProblems) {
			const key = `import_problem_${p.replaceAll('-', '_')}`;
			expect(zh, key).toHaveProperty(key);
			expect(en, key).toHaveProperty(key);
		}
	});
});
