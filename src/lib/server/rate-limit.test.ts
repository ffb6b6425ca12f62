import { describe, expect, it } from 'vitest';
import { PushLimiter, TokenBuckets } from './rate-limit';

describe('token buckets', () => {
	it('lets a burst through, then one per refill interval', () => {
		const buckets = new TokenBuckets({ perMinute: 6, burst: 3 });
		for (let i = 0; i < 3; i++) {
			expect(buckets.wait('a', 0)).toBe(0);
			buckets.take('a', 0);
		}
		expect(buckets.wait('a', 0)).toBe(10);
		expect(buckets.wait('a', 5_000)).toBe(5);
		expect(buckets.wait('a', 10_000)).toBe(0);
		// Another key has its own bucket.
		expect(buckets.wait('b', 0)).toBe(0);
	});

	it('refills no higher than the burst', () => {
		const buckets = new TokenBuckets({ perMinute: 60, burst: 2 });
		buckets.take('a', 0);
		for (let i = 0; i < 2; i++) buckets.take('a', 3_600_000);
		expect(buckets.wait('a', 3_600_000)).toBe(1);
	});

	it('forgets the longest idle key past its size limit', () => {
		const buckets = new TokenBuckets({ perMinute: 1, burst: 1 }, 2);
		buckets.take('a', 0);
		buckets.take('b', 1);
		buckets.take('c', 2);
		expect(buckets.size).toBe(2);
		expect(buckets.wait('a', 3)).toBe(0);
		expect(buckets.wait('c', 3)).toBeGreaterThan(0);
	});
});

describe('push limiter', () => {
	const user = { id: 'u1', centreId: 'c1' };
	const limits = { device: { perMinute: 60, burst: 2 }, user: { perMinute: 60, burst: 3 } };

	it('limits each device, and a user over all their devices', () => {
		const limiter = new PushLimiter(limits);
		expect(limiter.admit(user, 'd1', 0)).toBe(0);
		expect(limiter.admit(user, 'd1', 0)).toBe(0);
		expect(limiter.admit(user, 'd1', 0)).toBe(1);
		// A second device of the same user has its own bucket but shares the user's.
		expect(limiter.admit(user, 'd2', 0)).toBe(0);
		expect(limiter.admit(user, 'd3', 0)).toBe(1);
		// Another user is not slowed by the first.
		expect(limiter.admit({ id: 'u2', centreId: 'c1' }, 'd9', 0)).toBe(0);
	});

	it('takes nothing from a push it refuses', () => {
		const limiter = new PushLimiter(limits);
		limiter.admit(user, 'd1', 0);
		limiter.admit(user, 'd1', 0);
		for (let i = 0; i < 5; i++) expect(limiter.admit(user, 'd1', 0)).toBeGreaterThan(0);
		// The refused tries did not drain the user's bucket: another device still goes.
		expect(limiter.admit(user, 'd2', 0)).toBe(0);
	});
});
