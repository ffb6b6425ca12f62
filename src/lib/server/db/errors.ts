/**
 * Which database failures are worth retrying. A push that meets one answers 503 and the device
 * retries with backoff; anything else is a bug and must not be retried forever.
 */

// SQLSTATE classes: 08 connection, 40 serialization and deadlock, 53 resources, 57 operator
// intervention (shutdown), 58 system error.
const transientState = /^(08|40|53|57|58)/;

const transientNodeCodes = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'EPIPE',
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED',
	'CONNECT_TIMEOUT'
]);

export function isTransient(error: unknown): boolean {
	for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
		const code = (e as { code?: unknown }).code;
		if (typeof code !== 'string') continue;
		if (transientNodeCodes.has(code) || (code.length === 5 && transientState.test(code))) {
			return true;
		}
	}
	return false;
}
