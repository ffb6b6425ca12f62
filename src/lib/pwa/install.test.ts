import { describe, expect, it } from 'vitest';
import { dismissHint, hintDismissed, isInstallPrompt, runsStandalone } from './install';

class MemoryStore {
	#items = new Map<string, string>();
	getItem(key: string) {
		return this.#items.get(key) ?? null;
	}
	setItem(key: string, value: string) {
		this.#items.set(key, value);
	}
}

const windowIn = (mode: string, standalone?: boolean) => ({
	matchMedia: (query: string) =>
		({ matches: query === `(display-mode: ${mode})` }) as MediaQueryList,
	navigator: { standalone }
});

describe('install hint', () => {
	it('remembers a dismissal on this device', () => {
		const store = new MemoryStore();
		expect(hintDismissed(store)).toBe(false);
		dismissHint(store, Date.parse('2026-06-06T01:00:00Z'));
		expect(hintDismissed(store)).toBe(true);
	});

	it('shows when storage is blocked rather than failing', () => {
		const blocked = {
			getItem: () => {
				throw new DOMException('blocked', 'SecurityError');
			},
			setItem: () => {
				throw new DOMException('blocked', 'SecurityError');
			}
		};
		expect(hintDismissed(blocked)).toBe(false);
		expect(() => dismissHint(blocked, 0)).not.toThrow();
	});

	it('knows the installed window from a browser tab', () => {
		expect(runsStandalone(windowIn('browser'))).toBe(false);
		expect(runsStandalone(windowIn('standalone'))).toBe(true);
		expect(runsStandalone(windowIn('fullscreen'))).toBe(true);
		// iPadOS Safari's home-screen apps say so on navigator only.
		expect(runsStandalone(windowIn('browser', true))).toBe(true);
	});

	it('tells the install event from any other', () => {
		const plain = new Event('beforeinstallprompt');
		expect(isInstallPrompt(plain)).toBe(false);
		const install = Object.assign(new Event('beforeinstallprompt'), {
			prompt: async () => undefined,
			userChoice: Promise.resolve({ outcome: 'dismissed' as const, platform: 'web' })
		});
		expect(isInstallPrompt(install)).toBe(true);
	});
});
