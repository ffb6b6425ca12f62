/** Exponential backoff with full jitter, capped; `random` is a parameter so tests are exact. */
export function backoffDelay(attempt: number, random: () => number, baseMs = 1000, capMs = 60_000) {
	const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
