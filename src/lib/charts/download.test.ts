import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { xlsxBytes } from './download';

describe('xlsxBytes', () => {
	it('keeps numbers as numbers and guards text against formulas', async () => {
		const bytes = await xlsxBytes(
			{
				columns: ['窗口', '受理量'],
				rows: [
					['=HYPERLINK("http://example.invalid")', 12],
					['综合窗口 B01', -3],
					[null, 0]
				]
			},
			'按窗口'
		);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(bytes);
		const sheet = book.getWorksheet('按窗口');
		expect(sheet?.getCell('A2').value).toBe(`'=HYPERLINK("http://example.invalid")`);
		expect(sheet?.getCell('A2').type).toBe(ExcelJS.ValueType.String);
		expect(sheet?.getCell('B2').value).toBe(12);
		expect(sheet?.getCell('A3').value).toBe('综合窗口 B01');
		expect(sheet?.getCell('B3').value).toBe(-3);
		expect(sheet?.getCell('A4').value).toBe('');
	});
});
