import { describe, expect, it } from 'vitest';
import { readCases } from './case-import';

const ctx = { items: [{ id: 'item-a', name: '不动产登记', deadlineDays: 5 }] };
const header = [
	'办件编号',
	'事项名称',
	'受理日期',
	'法定时限',
	'承诺时限',
	'办结日期',
	'办理结果',
	'原因',
	'补正材料'
];

describe('reading an approval-system export', () => {
	it('reads good rows, with outcomes, reasons and dates in the usual spellings', () => {
		const out = readCases(
			[
				header,
				['BJ-1', '不动产登记', '2026/3/7', '20个工作日', '5', '', '', '', ''],
				['BJ-2', '不动产登记', '2026年3月9日', '', '', '2026-03-10 16:02', '准予', '', ''],
				[
					'BJ-3',
					'不动产登记',
					'2026-03-09',
					'20',
					'5',
					'2026-03-09',
					'一次性告知',
					'材料不齐全',
					'身份证原件；委托书'
				],
				[
					'BJ-4',
					'不动产登记',
					'2026-03-09',
					'20',
					'5',
					'2026-03-12',
					'不予受理',
					'房屋尚未竣工',
					''
				]
			],
			ctx
		);
		expect(out).toEqual({
			ok: true,
			rows: [
				{
					line: 2,
					number: 'BJ-1',
					serviceItemId: 'item-a',
					acceptedOn: '2026-03-07',
					legalDays: 20,
					promisedDays: 5
				},
				{
					line: 3,
					number: 'BJ-2',
					serviceItemId: 'item-a',
					acceptedOn: '2026-03-09',
					legalDays: 5,
					promisedDays: 5,
					completedOn: '2026-03-10',
					outcome: 'approved'
				},
				{
					line: 4,
					number: 'BJ-3',
					serviceItemId: 'item-a',
					acceptedOn: '2026-03-09',
					legalDays: 20,
					promisedDays: 5,
					completedOn: '2026-03-09',
					outcome: 'told',
					reason: { code: 'materials-incomplete', text: '' },
					materials: ['身份证原件', '委托书']
				},
				{
					line: 5,
					number: 'BJ-4',
					serviceItemId: 'item-a',
					acceptedOn: '2026-03-09',
					legalDays: 20,
					promisedDays: 5,
					completedOn: '2026-03-12',
					outcome: 'not-accepted',
					reason: { code: 'other', text: '房屋尚未竣工' }
				}
			]
		});
	});

	it('names the row and column of every bad cell', () => {
		const out = readCases(
			[
				header,
				['BJ-1', '不动产登记', '2026-02-30', '20', '25', '', '', '', ''],
				['BJ-1', '户籍办理', '2026-03-07', 'x', '', '', '批准', '', ''],
				['BJ-5', '不动产登记', '2026-03-07', '', '', '2026-03-08', '不予许可', '', '']
			],
			ctx
		);
		expect(out.ok).toBe(false);
		if (out.ok) return;
		expect(out.errors.map((e) => `${e.row}${e.column} ${e.header} ${e.problem}`)).toEqual([
			'2C 受理日期 date',
			'2E 承诺时限 promise-over-law',
			'3A 办件编号 duplicate-id',
			'3B 事项名称 unknown-item',
			'3D 法定时限 days',
			'3G 办理结果 unknown-outcome',
			'4H 原因 outcome-incomplete'
		]);
	});

	it('names a missing column', () => {
		const out = readCases(
			[
				['办件编号', '受理日期'],
				['BJ-1', '2026-03-07']
			],
			ctx
		);
		expect(out).toEqual({
			ok: false,
			errors: [{ row: 1, column: '', header: '事项名称', problem: 'missing-header' }]
		});
	});
});
