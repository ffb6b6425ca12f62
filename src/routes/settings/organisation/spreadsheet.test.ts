import { describe, expect, it } from 'vitest';
import { readXlsx, writeXlsx } from './spreadsheet';

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
});
