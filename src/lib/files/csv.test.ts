import { describe, expect, it } from 'vitest';
import { decodeText, parseCsv, readCsv, toCsv } from './csv';

type Table = string[][];
const csv = (text: string): Table => {
	const parsed = parseCsv(text);
	if (!parsed.ok) throw new Error(`unclosed quote at ${parsed.row}`);
	return parsed.table;
};

/** 日期,类别 / 2026-03-07,不动产登记 as Excel on a Chinese Windows saves it (GBK, no BOM). */
const gbkCsv = new Uint8Array([
	0xc8, 0xd5, 0xc6, 0xda, 0x2c, 0xc0, 0xe0, 0xb1, 0xf0, 0x0d, 0x0a, 0x32, 0x30, 0x32, 0x36, 0x2d,
	0x30, 0x33, 0x2d, 0x30, 0x37, 0x2c, 0xb2, 0xbb, 0xb6, 0xaf, 0xb2, 0xfa, 0xb5, 0xc7, 0xbc, 0xc7,
	0x0d, 0x0a
]);

describe('CSV', () => {
	it('reads quotes, commas, line breaks inside cells, CRLF and a BOM', () => {
		const text = '\uFEFF窗口号,备注\r\nA01,"说明,含逗号"\r\nA02,"两行\n说明 ""引号"""\r\n';
		expect(csv(text)).toEqual([
			['窗口号', '备注'],
			['A01', '说明,含逗号'],
			['A02', '两行\n说明 "引号"']
		]);
	});

	it('names the row where a quote is never closed', () => {
		expect(parseCsv('a,b\n1,2\n3,"open\n4,5')).toEqual({ ok: false, row: 3 });
	});

	it('writes what it reads back unchanged', () => {
		const table = [
			['姓名', '备注'],
			['王一', 'a,b "c"\nd'],
			['李二', '']
		];
		expect(csv(toCsv(table))).toEqual(table);
		expect(toCsv(table).startsWith('\uFEFF')).toBe(true);
	});

	it('guards text that a spreadsheet would run as a formula', () => {
		const text = toCsv([
			['姓名', '备注'],
			['=HYPERLINK("http://example.invalid","点此")', '@SUM(A1)'],
			['-1', '+86 138']
		]);
		const cells = csv(text).flat();
		expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
		expect(cells).toContain(`'=HYPERLINK("http://example.invalid","点此")`);
		expect(cells).toContain(`'-1`);
	});

	it('decodes GBK files that Excel saves on Chinese Windows', () => {
		// 姓名 in GBK
		expect(decodeText(new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb]))).toBe('姓名');
		expect(decodeText(new TextEncoder().encode('姓名'))).toBe('姓名');
	});

	it('reads a GBK file, and UTF-8 with or without a BOM, to the same rows', () => {
		const rows = [
			['日期', '类别'],
			['2026-03-07', '不动产登记']
		];
		expect(readCsv(gbkCsv)).toEqual({ ok: true, table: rows });
		const utf8 = new TextEncoder().encode('日期,类别\r\n2026-03-07,不动产登记\r\n');
		expect(readCsv(utf8)).toEqual({ ok: true, table: rows });
		expect(readCsv(new TextEncoder().encode(toCsv(rows)))).toEqual({ ok: true, table: rows });
	});

	it('writes tables as CSV Excel can read', () => {
		expect(
			toCsv([
				['a', 'b'],
				['x,y', 1],
				['"q"', null]
			])
		).toBe('\ufeffa,b\r\n"x,y",1\r\n"""q""",\r\n');
	});

	it('guards text cells against formulas and keeps numbers as numbers', () => {
		expect(
			toCsv([
				['窗口', '差值'],
				["=cmd|' /c calc'!A1", -3],
				['@B01', 4]
			])
		).toBe(`\ufeff窗口,差值\r\n'=cmd|' /c calc'!A1,-3\r\n'@B01,4\r\n`);
	});
});
