import { describe, expect, it } from 'vitest';
import {
	creditCodeCheck,
	isValidCreditCode,
	isValidResidentId,
	maskIdNumber,
	maskPhone,
	normalizeIdentity,
	makeCreditCode,
	makeResidentId,
	orgCodeCheck,
	residentIdCheck
} from './identity';

describe('GB 11643 resident identity number', () => {
	it('computes the check character of the example in the standard', () => {
		// 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167; 167 mod 11 = 2 → X
		expect(residentIdCheck('11010519491231002')).toBe('X');
		expect(isValidResidentId('11010519491231002X')).toBe(true);
	});

	it('rejects a changed digit, a wrong check character and an impossible birth date', () => {
		expect(isValidResidentId('11010519491231003X')).toBe(false);
		expect(isValidResidentId('110105194912310021')).toBe(false);
		const feb30 = '1101051949023000' + '2';
		expect(isValidResidentId(feb30 + residentIdCheck(feb30))).toBe(false);
	});

	it('makes numbers that pass', () => {
		for (let seq = 0; seq < 200; seq += 7) {
			expect(isValidResidentId(makeResidentId('990101', '1988-06-15', seq))).toBe(true);
		}
	});
});

describe('GB 32100 unified social credit code', () => {
	it('accepts a published example and computes its check character', () => {
		expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
		expect(creditCodeCheck('91350100M000100Y4')).toBe('3');
	});

	it('computes the GB 11714 check of the organisation code example D2143569-X', () => {
		// 13·3+2·7+1·9+4·10+3·5+5·8+6·4+9·2 = 199; 11 − 199 mod 11 = 10 → X
		expect(orgCodeCheck('D2143569')).toBe('X');
	});

	it('makes codes that pass both checks, and rejects letters GB 32100 leaves out', () => {
		const code = makeCreditCode('990101', '12345678');
		// 1·3+2·7+3·9+4·10+5·5+6·8+7·4+8·2 = 201; 11 − 201 mod 11 = 8
		expect(code.slice(0, 17)).toBe('91990101123456788');
		expect(isValidCreditCode(code)).toBe(true);
		expect(isValidCreditCode(code.slice(0, 17) + 'Z')).toBe(false);
		expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
	});
});

describe('masking', () => {
	it('shows the first three and last four digits of a mobile number', () => {
		expect(maskPhone('13812341234')).toBe('138****1234');
		expect(maskPhone('138 1234 1234')).toBe('138****1234');
	});

	it('hides all but the last four digits of a landline', () => {
		expect(maskPhone('0571-87654321')).toBe('****-****4321');
	});

	it('keeps the first and last four characters of an identity number', () => {
		expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
		expect(maskIdNumber('1234')).toBe('****');
	});

	it('normalizes what staff type before checking', () => {
		expect(normalizeIdentity(' 110105 19491231 002x ')).toBe('11010519491231002X');
		expect(isValidResidentId(normalizeIdentity('11010519491231002x'))).toBe(true);
	});
});
