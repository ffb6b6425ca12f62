/**
 * Holds Chromium's install offer from the start of the app until the hint shows it. The browser
 * fires `beforeinstallprompt` once per page load, and on a load from the service worker's cache it
 * can come before the layout has mounted; a listener added by the hint itself would miss it.
 */
import {
	dismissHint,
	hintDismissed,
	isInstallPrompt,
	runsStandalone,
	type InstallPromptEvent
} from './install';

export class InstallOffer {
	#event = $state<InstallPromptEvent | undefined>(undefined);

	/** The offer the hint may show, if there is one. */
	get event() {
		return this.#event;
	}

	listen(win: Window) {
		// The installed window never gets a hint; Chromium does not fire the event there either.
		if (runsStandalone(win)) return;
		win.addEventListener('beforeinstallprompt', (event) => {
			// Once turned down, the browser's own install entry is the only one left.
			if (!isInstallPrompt(event) || hintDismissed(win.localStorage)) return;
			event.preventDefault();
			this.#event = event;
		});
		win.addEventListener('appinstalled', () => (this.#event = undefined));
	}

	/** Opens the browser's install dialog; the browser allows one per event. */
	async accept() {
		const event = this.#event;
		if (!event) return;
		this.#event = undefined;
		await event.prompt();
		await event.userChoice;
	}

	dismiss(store: Pick<Storage, 'getItem' | 'setItem'>, now: number) {
		dismissHint(store, now);
		this.#event = undefined;
	}
}

/** One per page, like the browser event it holds. */
export const installOffer = new InstallOffer();
