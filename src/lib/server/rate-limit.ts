/**
 * Push rate limits per device and per user (issue 14): token buckets held in the app server's
 * memory. A bucket refills at `perMinute` and holds at most `burst`, so a tablet that comes back
 * online after hours sends its backlog at once (one push carries up to 500 mutations) while a loop
 * is slowed to the refill rate. Each app server keeps its own buckets; behind N servers a client
 * gets at most N times the limit, which still bounds the cost (docs/security.md).
 */

export interface BucketLimit {
	perMinute: number;
	burst: number;
}

interface Bucket {
	tokens: number;
	at: number;
}

export class TokenBuckets {
	readonly #buckets = new Map<string, Bucket>();
	readonly #limit: BucketLimit;
	readonly #maxKeys: number;

	constructor(limit: BucketLimit, maxKeys = 50_000) {
		this.#limit = limit;
		this.#maxKeys = maxKeys;
	}

	#refilled(key: string, now: number): Bucket {
		const { perMinute, burst } = this.#limit;
		const known = this.#buckets.get(key);
		if (!known) return { tokens: burst, at: now };
		const tokens = Math.min(burst, known.tokens + ((now - known.at) / 60_000) * perMinute);
		return { tokens, at: now };
	}

	/** Seconds until `key` may go again; 0 when it may go now. Takes nothing. */
	wait(key: string, now: number): number {
		const bucket = this.#refilled(key, now);
		if (bucket.tokens >= 1) return 0;
		return Math.max(1, Math.ceil(((1 - bucket.tokens) * 60) / this.#limit.perMinute));
	}

	/** Takes one token from `key`; call only after `wait` said 0. */
	take(key: string, now: number): void {
		const bucket = this.#refilled(key, now);
		bucket.tokens -= 1;
		this.#buckets.delete(key);
		this.#buckets.set(key, bucket);
		// Oldest first in a Map's order: drop the longest idle, which a fresh bucket replaces exactly.
		while (this.#buckets.size > this.#maxKeys) {
			const oldest = this.#buckets.keys().next().value as string;
			this.#buckets.delete(oldest);
		}
	}

	get size(): number {
		return this.#buckets.size;
	}
}

export interface PushLimits {
	device: BucketLimit;
	user: BucketLimit;
}

/** Both buckets must have a token; only then is one taken from each. */
export class PushLimiter {
	readonly #devices: TokenBuckets;
	readonly #users: TokenBuckets;

	constructor(limits: PushLimits) {
		this.#devices = new TokenBuckets(limits.device);
		this.#users = new TokenBuckets(limits.user);
	}

	/** Seconds to wait before this push is accepted; 0 means go (and it has been counted). */
	admit(user: { id: string; centreId: string }, deviceId: string, now: number): number {
		const deviceKey = `${user.centreId}\u0000${deviceId}`;
		const wait = Math.max(this.#devices.wait(deviceKey, now), this.#users.wait(user.id, now));
		if (wait > 0) return wait;
		this.#devices.take(deviceKey, now);
		this.#users.take(user.id, now);
		return 0;
	}
}
