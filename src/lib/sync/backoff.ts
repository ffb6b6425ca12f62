/** Exponential backoff with full jitter, capped; `random` is a parameter so tests are exact. */
export function backoffDelay(attempt: number, random: () => number, baseMs = 1000, capMs = 60_000) {
	const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * The wait before the next try: the backoff, but never less than what the server asked for in
 * Retry-After, so a throttled device does not knock again before it may.
 */
export function retryDelay(
	attempt: number,
	random: () => number,
	retryAfterSeconds: number | undefined
): number {
	return Math.max(backoffDelay(attempt, random), (retryAfterSeconds ?? 0) * 1000);
}
