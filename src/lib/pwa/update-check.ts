/**
 * Looks for a new version of the app on a timer and whenever the page comes back into view.
 * Tablets and wall screens stay on one page for days, and client-side navigation never makes the
 * browser recheck the service worker, so without this they would run an old version until someone
 * reloads. A worker found this way waits (registerType 'prompt'): the update prompt offers it and
 * nothing takes over a page in use.
 */

export const HOUR = 3_600_000;

/** The parts of a ServiceWorkerRegistration this needs. */
export interface Updatable {
	readonly installing: unknown;
	update(): Promise<unknown>;
}

/** The parts of `document` this needs. */
export interface VisibilitySource {
	readonly visibilityState: DocumentVisibilityState;
	addEventListener(type: 'visibilitychange', listener: () => void): void;
	removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

export interface UpdateCheckOptions {
	/** How often an open page asks. */
	every?: number;
	/** A page flicked in and out of view asks at most this often. */
	minGap?: number;
	now?: () => number;
	online?: () => boolean;
}

/** Starts checking; the returned function stops. */
export function checkForUpdates(
	registration: Updatable,
	page: VisibilitySource,
	{
		every = HOUR,
		minGap = 5 * 60_000,
		now = Date.now,
		online = () => globalThis.navigator?.onLine !== false
	}: UpdateCheckOptions = {}
): () => void {
	let last = now();
	const check = (force: boolean) => {
		// Offline is a normal state here, and a worker already installing will end in the prompt.
		if (!online() || registration.installing) return;
		if (!force && now() - last < minGap) return;
		last = now();
		// A failed check (network gone mid-request, server restarting) is retried on the next tick.
		registration.update().catch(() => undefined);
	};
	const timer = setInterval(() => check(true), every);
	const onVisible = () => {
		if (page.visibilityState === 'visible') check(false);
	};
	page.addEventListener('visibilitychange', onVisible);
	return () => {
		clearInterval(timer);
		page.removeEventListener('visibilitychange', onVisible);
	};
}
