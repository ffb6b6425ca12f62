import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
	it('grows with each failure and stays under the cap', () => {
		expect(backoffDelay(0, () => 0)).toBe(500);
		expect(backoffDelay(3, () => 1)).toBe(8000);
		expect(backoffDelay(20, () => 1)).toBe(60_000);
		expect(backoffDelay(20, () => 0)).toBe(30_000);
	});
});
