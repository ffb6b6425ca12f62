import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HOUR, checkForUpdates, type Updatable, type VisibilitySource } from './update-check';

/** A page whose visibility the test turns, dispatching the event as a browser does. */
class Page extends EventTarget implements VisibilitySource {
	visibilityState: DocumentVisibilityState = 'visible';
	turn(state: DocumentVisibilityState) {
		this.visibilityState = state;
		this.dispatchEvent(new Event('visibilitychange'));
	}
}

class Registration implements Updatable {
	installing: unknown = null;
	calls = 0;
	fail = false;
	async update() {
		this.calls++;
		if (this.fail) throw new TypeError('Failed to update a ServiceWorker: network error');
		return this;
	}
}

describe('checkForUpdates', () => {
	let online: boolean;
	let page: Page;
	let registration: Registration;
	let stop: () => void;

	beforeEach(() => {
		vi.useFakeTimers({ now: new Date('2026-06-06T01:00:00Z') });
		online = true;
		page = new Page();
		registration = new Registration();
		stop = checkForUpdates(registration, page, { online: () => online });
	});
	afterEach(() => {
		stop();
		vi.useRealTimers();
	});

	it('asks every hour while the page stays open', async () => {
		await vi.advanceTimersByTimeAsync(HOUR - 1);
		expect(registration.calls).toBe(0);
		await vi.advanceTimersByTimeAsync(1);
		expect(registration.calls).toBe(1);
		await vi.advanceTimersByTimeAsync(23 * HOUR);
		expect(registration.calls).toBe(24);
	});

	it('asks when the page comes back into view, at most once in five minutes', async () => {
		await vi.advanceTimersByTimeAsync(10 * 60_000);
		page.turn('hidden');
		expect(registration.calls).toBe(0);
		page.turn('visible');
		expect(registration.calls).toBe(1);
		page.turn('hidden');
		page.turn('visible');
		expect(registration.calls).toBe(1);
		await vi.advanceTimersByTimeAsync(5 * 60_000);
		page.turn('visible');
		expect(registration.calls).toBe(2);
	});

	it('does not ask offline or while a new worker is already installing', async () => {
		online = false;
		await vi.advanceTimersByTimeAsync(HOUR);
		expect(registration.calls).toBe(0);
		online = true;
		registration.installing = {};
		await vi.advanceTimersByTimeAsync(HOUR);
		expect(registration.calls).toBe(0);
		registration.installing = null;
		await vi.advanceTimersByTimeAsync(HOUR);
		expect(registration.calls).toBe(1);
	});

	it('keeps checking after a failed check', async () => {
		registration.fail = true;
		await vi.advanceTimersByTimeAsync(2 * HOUR);
		expect(registration.calls).toBe(2);
	});

	it('stops when told', async () => {
		stop();
		await vi.advanceTimersByTimeAsync(3 * HOUR);
		page.turn('visible');
		expect(registration.calls).toBe(0);
	});
});
