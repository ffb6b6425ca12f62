/**
 * What the install hint needs to know: whether the app already runs installed, whether the user
 * turned the hint away on this device, and the browser's install event.
 */

/** Chromium's `beforeinstallprompt` event, which TypeScript's DOM types do not have. */
export interface InstallPromptEvent extends Event {
	prompt(): Promise<void>;
	readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed'; platform: string }>;
}

export const isInstallPrompt = (event: Event): event is InstallPromptEvent =>
	typeof (event as Partial<InstallPromptEvent>).prompt === 'function';

const DISMISSED = 'budayang:install-hint-dismissed';

type Store = Pick<Storage, 'getItem' | 'setItem'>;

export function hintDismissed(store: Store): boolean {
	try {
		return store.getItem(DISMISSED) !== null;
	} catch {
		// Storage can be blocked by policy; then the hint shows, which is harmless.
		return false;
	}
}

export function dismissHint(store: Store, now: number): void {
	try {
		store.setItem(DISMISSED, new Date(now).toISOString());
	} catch {
		// Blocked storage: the hint is hidden for this visit only.
	}
}

/** True in the installed app's own window, where an install hint makes no sense. */
export function runsStandalone(win: Pick<Window, 'matchMedia'> & { navigator: object }): boolean {
	return (
		['standalone', 'fullscreen', 'minimal-ui', 'window-controls-overlay'].some(
			(mode) => win.matchMedia(`(display-mode: ${mode})`).matches
		) || (win.navigator as { standalone?: boolean }).standalone === true
	);
}
