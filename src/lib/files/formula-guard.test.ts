import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { neutraliseCell, restoreCell } from './formula-guard';

describe('neutraliseCell', () => {
	it.each([
		['=HYPERLINK("http://example.invalid","点此")', `'=HYPERLINK("http://example.invalid","点此")`],
		['+86 138 0000 0000', `'+86 138 0000 0000`],
		['-2+3', `'-2+3`],
		['@SUM(A1:A9)', `'@SUM(A1:A9)`],
		['\t=1+1', `'\t=1+1`],
		['\r=1+1', `'\r=1+1`]
	])('guards %j', (input, expected) => {
		expect(neutraliseCell(input)).toBe(expected);
	});

	it.each(['王小明', '不动产登记中心', 'B01', '0571-8888', '', 'a=b', ' =1', "'already"])(
		'leaves %j alone',
		(input) => {
			expect(neutraliseCell(input)).toBe(input);
		}
	);
});

describe('restoreCell', () => {
	it('undoes the guard, and only the guard', () => {
		expect(restoreCell(`'=1+1`)).toBe('=1+1');
		expect(restoreCell(`'+86 138`)).toBe('+86 138');
		expect(restoreCell("'abc")).toBe("'abc");
		expect(restoreCell(neutraliseCell("'=1"))).toBe("'=1");
		expect(restoreCell('王小明')).toBe('王小明');
	});

	it('gives back any text after a round trip, and never writes a formula lead', () => {
		fc.assert(
			fc.property(fc.string(), (text) => {
				const written = neutraliseCell(text);
				expect(/^[=+\-@\t\r]/.test(written)).toBe(false);
				expect(restoreCell(written)).toBe(text);
			})
		);
	});
});
