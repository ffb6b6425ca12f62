import { describe, expect, it } from 'vitest';
import { readCsv } from '$lib/files';
import { templateCsv, toBatches, validateTable } from './import';

/** The import reads the bytes of a file, as the panel hands them over. */
function parseCsv(text: string | Uint8Array): string[][] {
	const read = readCsv(typeof text === 'string' ? new TextEncoder().encode(text) : text);
	if (!read.ok) throw new Error(`unclosed quote at row ${read.row}`);
	return read.table;
}

/** The header and one row as Excel on a Chinese Windows saves them: GBK bytes, no BOM. */
const gbkFile = Uint8Array.from(
	Buffer.from(
		'c8d5c6da2ccab1b6ce2cc0e0b1f02cc7feb5c02cb4b0bfda2ccadcc0ed0d0a' +
			'323032362d30332d30372c392cb2bbb6afb2fab5c7bcc72ccfd6b3a1b0ec2c4230312c31320d0a',
		'hex'
	)
);

const ctx = { categories: ['不动产登记', '税务'], windows: { B01: 'win-B01' } };
const header = '日期,时段,类别,渠道,窗口,受理,办结,咨询,一次办成,一次告知,告知原因';

describe('volume import', () => {
	it('reads quoted CSV fields, CRLF and a BOM', () => {
		expect(parseCsv('\ufeffa,"b,c","d""e"\r\n1,2,3\n')).toEqual([
			['a', 'b,c', 'd"e'],
			['1', '2', '3']
		]);
	});

	it('accepts a good file with Chinese names and loose dates and hours', () => {
		const table = parseCsv(
			`${header}\n2026/3/7,09:00,不动产登记,现场办,B01,12,11,5,10,2,材料不全:1；不符合条件:1\n2026-03-07,0,税务,网上办,,40,38,,35,0,\n`
		);
		const result = validateTable(table, ctx);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.rows[0]).toMatchObject({
			date: '2026-03-07',
			hour: 9,
			windowId: 'win-B01',
			counters: { accepted: 12, refused: 2 },
			refusalReasons: { 材料不全: 1, 不符合条件: 1 }
		});
		expect(result.rows[1]).toMatchObject({ channel: 'online', counters: { consulted: 0 } });
		const batches = toBatches(result.rows, 1);
		expect(batches).toHaveLength(2);
		expect(batches[0].date).toBe('2026-03-07');
	});

	it('names the row and column of the first problem in each bad row, and imports nothing', () => {
		const table = parseCsv(
			[
				header,
				'2026-02-30,9,税务,现场办,,1,1,0,1,0,',
				'2026-03-07,25,税务,现场办,,1,1,0,1,0,',
				'2026-03-07,9,公积金,现场办,,1,1,0,1,0,',
				'2026-03-07,9,税务,柜台,,1,1,0,1,0,',
				'2026-03-07,9,税务,现场办,Z9,1,1,0,1,0,',
				'2026-03-07,9,税务,现场办,,-1,1,0,1,0,',
				'2026-03-07,9,税务,现场办,,3,1,0,2,0,',
				'2026-03-07,9,税务,现场办,,3,3,0,2,1,材料不全:2',
				'2026-03-07,10,税务,现场办,,1,1,0,1,0,',
				'2026-03-07,10,税务,现场办,,1,1,0,1,0,'
			].join('\n')
		);
		const result = validateTable(table, ctx);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
			[2, '日期', 'date'],
			[3, '时段', 'hour'],
			[4, '类别', 'category'],
			[5, '渠道', 'channel'],
			[6, '窗口', 'window'],
			[7, '受理', 'count'],
			[8, '一次办成', 'one_visit'],
			[9, '告知原因', 'reasons'],
			[11, '日期', 'duplicate']
		]);
	});

	it('refuses a file without the required columns or rows', () => {
		const missing = validateTable(parseCsv('日期,类别\n2026-03-07,税务'), ctx);
		expect(missing.ok ? [] : missing.errors.map((e) => e.column)).toEqual(['时段', '渠道', '受理']);
		expect(validateTable(parseCsv(header), ctx)).toMatchObject({
			ok: false,
			errors: [{ code: 'empty' }]
		});
	});

	it('reads a GBK file saved by Excel on a Chinese Windows', () => {
		const table = parseCsv(gbkFile);
		expect(table[0]).toEqual(['日期', '时段', '类别', '渠道', '窗口', '受理']);
		const result = validateTable(table, ctx);
		expect(result).toMatchObject({
			ok: true,
			rows: [{ date: '2026-03-07', hour: 9, category: '不动产登记', windowId: 'win-B01' }]
		});
		expect(result.ok && result.rows[0].counters.accepted).toBe(12);
	});

	it('offers a template that passes its own check', () => {
		expect(validateTable(parseCsv(templateCsv()), ctx).ok).toBe(true);
	});
});
