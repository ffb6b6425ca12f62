import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { toCsv } from './csv';
import { readTable, readXlsx, textCell, writeXlsx, type TableRead } from './xlsx';

const asText = (read: TableRead) =>
	read.ok ? { ok: true, table: read.table.map((row) => row.map(textCell)) } : read;

describe('XLSX', () => {
	it('keeps numbers as numbers, guards text against formulas and sizes columns to headers', async () => {
		const blob = await writeXlsx('按窗口', [
			['窗口', '受理量'],
			['=HYPERLINK("http://example.invalid")', 12],
			['综合窗口 B01', -3],
			[null, 0]
		]);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(await blob.arrayBuffer());
		const sheet = book.getWorksheet('按窗口');
		expect(sheet?.getCell('A2').value).toBe(`'=HYPERLINK("http://example.invalid")`);
		expect(sheet?.getCell('A2').type).toBe(ExcelJS.ValueType.String);
		expect(sheet?.getCell('B2').value).toBe(12);
		expect(sheet?.getCell('A3').value).toBe('综合窗口 B01');
		expect(sheet?.getCell('B3').value).toBe(-3);
		expect(sheet?.getCell('A4').value).toBe('');
		expect(sheet?.getColumn(1).width).toBe(10);
		expect(sheet?.getRow(1).font?.bold).toBe(true);
	});

	it('reads back what it writes as text columns, zeros and Chinese included', async () => {
		const table = [
			['姓名', '手机号', '备注'],
			['王一', '0571-88881234', ''],
			['李二', '13900001111', 'a,b "c"']
		];
		const steps: number[] = [];
		const blob = await writeXlsx('人员', table, {
			textColumns: true,
			progress: (done) => steps.push(done)
		});
		expect(blob.size).toBeGreaterThan(1000);
		expect(steps).toEqual([3]);
		expect(await readXlsx(await blob.arrayBuffer())).toEqual(table);
	});

	it('writes formula-looking text as guarded text and reads it back as typed', async () => {
		const table = [
			['姓名', '备注'],
			['=HYPERLINK("http://example.invalid","点此")', '+86 138 0000 0000'],
			['张三', '@SUM(A1:A3)']
		];
		const blob = await writeXlsx('人员', table, { textColumns: true });
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(await blob.arrayBuffer());
		const cell = book.worksheets[0].getCell('A2');
		expect(cell.type).toBe(ExcelJS.ValueType.String);
		expect(cell.value).toBe(`'=HYPERLINK("http://example.invalid","点此")`);
		expect(book.worksheets[0].getCell('B3').value).toBe(`'@SUM(A1:A3)`);
		const file = new File([blob], '人员.xlsx');
		expect(asText(await readTable(file))).toEqual({ ok: true, table });
	});

	it('reads dates, numbers, rich text, formula results and errors as plain cells', async () => {
		const book = new ExcelJS.Workbook();
		const sheet = book.addWorksheet('数据');
		sheet.addRow(['日期', '受理', '类别', '合计', '错误']);
		sheet.addRow([
			new Date(Date.UTC(2026, 2, 7)),
			12,
			{ richText: [{ text: '不动产' }, { text: '登记' }] },
			{ formula: 'B2*2', result: 24 },
			{ error: '#N/A' }
		]);
		const [, row] = await readXlsx((await book.xlsx.writeBuffer()) as ArrayBuffer);
		expect(row).toEqual([new Date(Date.UTC(2026, 2, 7)), 12, '不动产登记', 24, '#N/A']);
		expect(row.map(textCell)).toEqual(['2026-03-07', '12', '不动产登记', '24', '#N/A']);
	});
});

describe('readTable', () => {
	it('reads its own guarded CSV export back as typed', async () => {
		const table = [
			['姓名', '备注'],
			['-王五', '=1+1'],
			["'=已有撇号", '']
		];
		const file = new File([toCsv(table)], '人员.csv', { type: 'text/csv' });
		expect(asText(await readTable(file))).toEqual({ ok: true, table });
	});

	it('names the row of a quote never closed', async () => {
		const file = new File(['a,b\n1,"open\n'], 'x.csv');
		expect(await readTable(file)).toEqual({ ok: false, row: 2 });
	});
});
