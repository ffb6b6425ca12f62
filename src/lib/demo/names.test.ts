import { describe, expect, it } from 'vitest';
import { avoidedGivenChars, uniqueNames } from './names';
import { Random } from './random';

describe('names', () => {
	it('never use a given-name character of the people in the plan', () => {
		for (const name of uniqueNames(new Random(11), 2000)) {
			expect(name.length).toBeGreaterThanOrEqual(2);
			for (const ch of name.slice(1)) expect(avoidedGivenChars).not.toContain(ch);
		}
	});
});
