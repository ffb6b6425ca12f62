import { describe, expect, it } from 'vitest';
import { readCsv } from '$lib/files';
import { evaluationTemplate, readEvaluations } from './evaluation-import';

const ctx = {
	staff: [
		{ id: 'staff-1', name: '林晓安' },
		{ id: 'staff-2', name: '周明远' }
	],
	windows: [{ id: 'win-A01', code: 'A01' }],
	items: [{ id: 'item-a', name: '不动产登记' }]
};
const header = [
	'评价编号',
	'评价日期',
	'评价等级',
	'评价渠道',
	'工作人员',
	'窗口',
	'事项名称',
	'评价内容'
];

/** Text as Excel on a Chinese Windows saves it: GBK, found through the decoder itself. */
function gbk(text: string): Uint8Array {
	const decoder = new TextDecoder('gbk');
	const bytes: number[] = [];
	for (const ch of text) {
		if (ch.charCodeAt(0) < 0x80) {
			bytes.push(ch.charCodeAt(0));
			continue;
		}
		let found: number[] | undefined;
		for (let lead = 0x81; lead <= 0xfe && !found; lead++) {
			for (let trail = 0x40; trail <= 0xfe && !found; trail++) {
				if (decoder.decode(new Uint8Array([lead, trail])) === ch) found = [lead, trail];
			}
		}
		if (!found) throw new Error(`no GBK for ${ch}`);
		bytes.push(...found);
	}
	return new Uint8Array(bytes);
}

describe('reading a 好差评 export', () => {
	it('reads good rows, with ratings and channels in Chinese or English, and no evaluator', () => {
		const out = readEvaluations(
			[
				header,
				['HCP-1', '2026/3/7', '非常满意', '窗口评价器', '林晓安', 'A01', '不动产登记', '很快'],
				['HCP-2', '2026年3月9日 10:02', 'dissatisfied', '网站', 'staff-2', '', '不动产登记', '']
			],
			ctx
		);
		expect(out).toEqual({
			ok: true,
			rows: [
				{
					line: 2,
					number: 'HCP-1',
					ratedOn: '2026-03-07',
					rating: 'very-satisfied',
					channel: 'device',
					staffId: 'staff-1',
					windowId: 'win-A01',
					serviceItemId: 'item-a',
					comment: '很快'
				},
				{
					line: 3,
					number: 'HCP-2',
					ratedOn: '2026-03-09',
					rating: 'dissatisfied',
					channel: 'website',
					staffId: 'staff-2',
					serviceItemId: 'item-a'
				}
			]
		});
	});

	it('names every bad cell by row and column, and a number repeated in the file', () => {
		const out = readEvaluations(
			[
				header,
				['HCP-1', '2026-03-07', '满意', '二维码', '林晓安', 'A01', '不动产登记', ''],
				['HCP-1', '2026-13-01', '还行', '微信', '王某某', 'B09', '户籍办理', 'x'.repeat(201)],
				['', '2026-03-07', '满意', '短信', '林晓安', '', '不动产登记', '']
			],
			ctx
		);
		expect(out.ok).toBe(false);
		if (out.ok) return;
		expect(out.errors.map((e) => [e.row, e.column, e.problem, e.params])).toEqual([
			[3, 'A', 'duplicate-id', { first: 2 }],
			[3, 'B', 'date', { value: '2026-13-01' }],
			[3, 'C', 'unknown-rating', { value: '还行' }],
			[3, 'D', 'unknown-channel', { value: '微信' }],
			[3, 'E', 'unknown-staff', { value: '王某某' }],
			[3, 'F', 'unknown-window', { value: 'B09' }],
			[3, 'G', 'unknown-item', { value: '户籍办理' }],
			[3, 'H', 'too-long', { max: 200 }],
			[4, 'A', 'required', undefined]
		]);
	});

	it('refuses a file without a required column, naming it', () => {
		const out = readEvaluations([header.filter((h) => h !== '评价等级'), ['HCP-1']], ctx);
		expect(out).toEqual({
			ok: false,
			errors: [{ row: 1, column: '', header: '评价等级', problem: 'missing-header' }]
		});
	});

	it('reads a GBK export through the files module as it reads UTF-8', () => {
		const lines = [header.join(','), 'HCP-9,2026-03-07,基本满意,短信,周明远,,不动产登记,还可以'];
		const read = readCsv(gbk(lines.join('\r\n')));
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		const out = readEvaluations(read.table, ctx);
		expect(out.ok && out.rows[0]).toMatchObject({
			rating: 'basic',
			channel: 'sms',
			staffId: 'staff-2',
			comment: '还可以'
		});
	});

	it('offers a template whose header it reads back', () => {
		const [head] = evaluationTemplate();
		expect(head).toEqual(header);
	});
});
