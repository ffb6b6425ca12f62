import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { toCsv } from '$lib/domain/organisation-import';
import { readFile, readXlsx, writeXlsx } from './spreadsheet';

describe('XLSX', () => {
	it('reads back what it writes, zeros and Chinese included', async () => {
		const table = [
			['姓名', '手机号', '备注'],
			['王一', '0571-88881234', ''],
			['李二', '13900001111', 'a,b "c"']
		];
		const blob = await writeXlsx('人员', table);
		expect(blob.size).toBeGreaterThan(1000);
		const back = await readXlsx(await blob.arrayBuffer());
		expect(back).toEqual(table);
	});

	it('writes formula-looking text as guarded text and reads it back as typed', async () => {
		const table = [
			['姓名', '备注'],
			['=HYPERLINK("http://example.invalid","点此")', '+86 138 0000 0000'],
			['张三', '@SUM(A1:A3)']
		];
		const blob = await writeXlsx('人员', table);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(await blob.arrayBuffer());
		const cell = book.worksheets[0].getCell('A2');
		expect(cell.type).toBe(ExcelJS.ValueType.String);
		expect(cell.value).toBe(`'=HYPERLINK("http://example.invalid","点此")`);
		expect(book.worksheets[0].getCell('B3').value).toBe(`'@SUM(A1:A3)`);
		const file = new File([blob], '人员.xlsx');
		expect(await readFile(file)).toEqual({ ok: true, table });
	});
});

describe('CSV', () => {
	it('reads its own guarded export back as typed', async () => {
		const table = [
			['姓名', '备注'],
			['-王五', '=1+1'],
			["'=已有撇号", '']
		];
		const file = new File([toCsv(table)], '人员.csv', { type: 'text/csv' });
		expect(await readFile(file)).toEqual({ ok: true, table });
	});
});
