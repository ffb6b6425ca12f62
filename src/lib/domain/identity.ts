/**
 * The two identity numbers an applicant may give, checked the way the booking form and the
 * booking mutation check them (and used by the demo so that invented applicants pass the same
 * checks), plus the masks that keep them and phone numbers off the screen:
 * - GB 11643: the 18-character resident identity number (公民身份号码);
 * - GB 32100: the 18-character unified social credit code (统一社会信用代码), whose characters
 *   9–17 are an organisation code with its own GB 11714 check character.
 */

const residentWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const residentChecks = '10X98765432';

/** The 18th character of a resident identity number, from its first 17 digits. */
export function residentIdCheck(first17: string): string {
	if (!/^\d{17}$/.test(first17)) throw new Error('a resident id body is 17 digits');
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(first17[i]) * residentWeights[i];
	return residentChecks[sum % 11];
}

export function isValidResidentId(id: string): boolean {
	if (!/^\d{17}[\dX]$/.test(id)) return false;
	const birth = id.slice(6, 14);
	const iso = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
	const date = new Date(`${iso}T00:00:00Z`);
	if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) return false;
	return residentIdCheck(id.slice(0, 17)) === id[17];
}

/** region: 6 digits, birth: YYYY-MM-DD, sequence: 0–999 (odd for men, even for women). */
export function makeResidentId(region: string, birth: string, sequence: number): string {
	const body = `${region}${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
	return body + residentIdCheck(body);
}

/** GB 32100 leaves out I, O, S, V and Z so that they cannot be misread. */
const creditChars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const creditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The 18th character of a unified social credit code, from its first 17 characters. */
export function creditCodeCheck(first17: string): string {
	if (first17.length !== 17) throw new Error('a credit code body is 17 characters');
	let sum = 0;
	for (let i = 0; i < 17; i++) {
		const value = creditChars.indexOf(first17[i]);
		if (value < 0) throw new Error(`not a credit code character: ${first17[i]}`);
		sum += value * creditWeights[i];
	}
	return creditChars[(31 - (sum % 31)) % 31];
}

export function isValidCreditCode(code: string): boolean {
	if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
	return creditCodeCheck(code.slice(0, 17)) === code[17];
}

const orgWeights = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 check character of an 8-character organisation code body (digits and A–Z). */
export function orgCodeCheck(body8: string): string {
	if (!/^[0-9A-Z]{8}$/.test(body8)) throw new Error('an organisation code body is 8 characters');
	let sum = 0;
	for (let i = 0; i < 8; i++) sum += parseInt(body8[i], 36) * orgWeights[i];
	const c = 11 - (sum % 11);
	return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * A unified social credit code of an enterprise registered with market regulation ('9', '1'),
 * from a 6-digit region and an 8-digit organisation code body.
 */
export function makeCreditCode(region: string, orgBody: string): string {
	const body = `91${region}${orgBody}${orgCodeCheck(orgBody)}`;
	return body + creditCodeCheck(body);
}

/** What staff type: spaces dropped, a lower-case x or letter raised, as both numbers print them. */
export function normalizeIdentity(raw: string): string {
	return raw.replace(/\s+/g, '').toUpperCase();
}

/**
 * 138****1234: the first three and last four digits stay, so a person on the phone can confirm
 * it is theirs. Short numbers keep only their last four.
 */
export function maskPhone(phone: string): string {
	const digits = phone.replace(/\s+/g, '');
	if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
	return digits.replace(/[0-9](?=[0-9-]{4})/g, '*');
}

/** 1101**********002X: the region's first four and the last four characters stay. */
export function maskIdNumber(idNumber: string): string {
	if (idNumber.length <= 8) return '*'.repeat(idNumber.length);
	return `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`;
}
