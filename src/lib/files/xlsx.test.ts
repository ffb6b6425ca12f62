import { describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { toCsv } from './csv';
import { readTable, readXlsx, textCell, writeXlsx, type TableRead } from './xlsx';

const asText = (read: TableRead) =>
	read.ok ? { ok: true, table: read.table.map((row) => row.map(textCell)) } : read;

/** The parts of a written file, as text, to look at what a spreadsheet program will open. */
async function parts(blob: Blob): Promise<Record<string, string>> {
	const files = unzipSync(new Uint8Array(await blob.arrayBuffer()));
	return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

/** The text cells of a sheet as a spreadsheet stores them, shared strings resolved. */
function storedTexts(files: Record<string, string>): string[] {
	const shared = [...(files['xl/sharedStrings.xml'] ?? '').matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map(
		(m) => m[1]
	);
	const sheet = files['xl/worksheets/sheet1.xml'];
	return [...sheet.matchAll(/<c [^>]*t="(s|inlineStr|str)"[^>]*>(.*?)<\/c>/g)].map(([, t, body]) =>
		t === 's'
			? shared[Number(/<v>(\d+)<\/v>/.exec(body)?.[1])]
			: (/<t[^>]*>([^<]*)</.exec(body)?.[1] ?? '')
	);
}

describe('XLSX', () => {
	it('keeps numbers as numbers, guards text against formulas and sizes columns to headers', async () => {
		const blob = await writeXlsx('按窗口', [
			['窗口', '受理量'],
			['=HYPERLINK("http://example.invalid")', 12],
			['综合窗口 B01', -3],
			[null, 0]
		]);
		const files = await parts(blob);
		const sheet = files['xl/worksheets/sheet1.xml'];
		expect(files['xl/workbook.xml']).toContain('name="按窗口"');
		// No cell is a formula: the guarded text is stored as text, with its apostrophe.
		expect(sheet).not.toContain('<f>');
		expect(storedTexts(files)).toContain(`'=HYPERLINK("http://example.invalid")`);
		expect(sheet).toMatch(/<c r="B2"[^>]*><v>12<\/v><\/c>/);
		expect(sheet).toMatch(/<c r="B3"[^>]*><v>-3<\/v><\/c>/);
		expect(sheet).toMatch(/<col [^>]*min="1"[^>]*width="10"/);
		expect(files['xl/styles.xml']).toMatch(/<b\s*\/>/);
		expect(await readXlsx(await blob.arrayBuffer())).toEqual([
			['窗口', '受理量'],
			[`'=HYPERLINK("http://example.invalid")`, 12],
			['综合窗口 B01', -3],
			['', 0]
		]);
	});

	it('reads back what it writes as text columns, zeros, spaces and Chinese included', async () => {
		const table = [
			['姓名', '手机号', '备注'],
			['王一', '0571-88881234', ''],
			['李二', '13900001111', ' a,b "c" ']
		];
		const steps: number[] = [];
		const blob = await writeXlsx('人员', table, {
			textColumns: true,
			progress: (done) => steps.push(done)
		});
		expect(blob.size).toBeGreaterThan(1000);
		expect(steps).toEqual([3]);
		const files = await parts(blob);
		// The header stays in view while scrolling, and text columns are formatted as text (@).
		expect(files['xl/worksheets/sheet1.xml']).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
		expect(files['xl/styles.xml']).toMatch(/<numFmt [^>]*formatCode="@"/);
		expect(await readXlsx(await blob.arrayBuffer())).toEqual(table);
	});

	it('writes formula-looking text as guarded text and reads it back as typed', async () => {
		const table = [
			['姓名', '备注'],
			['=HYPERLINK("http://example.invalid","点此")', '+86 138 0000 0000'],
			['张三', '@SUM(A1:A3)']
		];
		const blob = await writeXlsx('人员', table, { textColumns: true });
		const files = await parts(blob);
		expect(files['xl/worksheets/sheet1.xml']).not.toContain('<f>');
		expect(storedTexts(files)).toEqual(
			expect.arrayContaining([
				`'=HYPERLINK("http://example.invalid","点此")`,
				`'+86 138 0000 0000`,
				`'@SUM(A1:A3)`
			])
		);
		const file = new File([blob], '人员.xlsx');
		expect(asText(await readTable(file))).toEqual({ ok: true, table });
	});

	it('reads a file as a spreadsheet program saves it: dates, rich text, formula results, errors', async () => {
		// Written by hand the way Excel and WPS store such cells: a date is a number with a date
		// format, text sits in the shared strings (one of them in two styled runs), a formula
		// keeps its last result, and an error is a cell of type "e".
		const xml = (body: string) =>
			strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${body}`);
		const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
		const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
		const file = zipSync({
			'[Content_Types].xml': xml(
				`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`
			),
			'_rels/.rels': xml(
				`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`
			),
			'xl/workbook.xml': xml(
				`<workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>`
			),
			'xl/_rels/workbook.xml.rels': xml(
				`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${rel}/styles" Target="styles.xml"/></Relationships>`
			),
			'xl/styles.xml': xml(
				`<styleSheet xmlns="${main}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>`
			),
			'xl/sharedStrings.xml': xml(
				`<sst xmlns="${main}" count="6" uniqueCount="6"><si><t>日期</t></si><si><t>受理</t></si><si><t>类别</t></si><si><t>合计</t></si><si><t>错误</t></si><si><r><rPr><b/></rPr><t>不动产</t></r><r><t>登记</t></r></si></sst>`
			),
			'xl/worksheets/sheet1.xml': xml(
				`<worksheet xmlns="${main}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row><row r="2"><c r="A2" s="1"><v>46088</v></c><c r="B2"><v>12</v></c><c r="C2" t="s"><v>5</v></c><c r="D2"><f>B2*2</f><v>24</v></c><c r="E2" t="e"><v>#N/A</v></c></row></sheetData></worksheet>`
			)
		});
		const [, row] = await readXlsx(file.buffer as ArrayBuffer);
		expect(row).toEqual([new Date(Date.UTC(2026, 2, 7)), 12, '不动产登记', 24, '']);
		expect(row.map(textCell)).toEqual(['2026-03-07', '12', '不动产登记', '24', '']);
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
