/**
 * The browser may evict IndexedDB under storage pressure and may refuse writes when the quota is
 * full. A duty lead working offline for hours must hear about both, never lose work silently.
 */

export class StorageFullError extends Error {
	constructor(cause: unknown) {
		super('storage full', { cause });
		this.name = 'StorageFullError';
	}
}

/** True when an error, or any error it wraps, is the browser's quota refusal. */
export function isQuotaError(error: unknown): boolean {
	for (let e = error as { name?: string; inner?: unknown; cause?: unknown } | undefined; e;) {
		if (e.name === 'QuotaExceededError' || e.name === 'StorageFullError') return true;
		e = (e.inner ?? e.cause) as typeof e;
	}
	return false;
}

/** Rethrows a quota refusal as StorageFullError so the UI can say so in plain words. */
export async function guardQuota<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (e) {
		if (isQuotaError(e)) throw new StorageFullError(e);
		throw e;
	}
}

export interface StorageState {
	persisted: boolean;
	usage?: number;
	quota?: number;
}

/** Asks the browser to keep our data under pressure (docs/sync-protocol.md, "Device housekeeping"). */
export async function requestPersistence(): Promise<StorageState> {
	const storage = globalThis.navigator?.storage;
	if (!storage?.persist) return { persisted: false };
	const persisted = (await storage.persisted?.()) || (await storage.persist());
	const estimate = await storage.estimate?.();
	return { persisted, usage: estimate?.usage, quota: estimate?.quota };
}
