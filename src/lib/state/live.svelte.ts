/**
 * Bridges a Dexie live query into Svelte runes: the query runs while someone reads `current`
 * and re-runs whenever the tables it read change, in this tab or another.
 */
import { createSubscriber } from 'svelte/reactivity';
import { liveQuery } from '$lib/local';

/** Live reads that have started and not yet given their first answer, on every screen. */
let firstReads = 0;
const settle: (() => void)[] = [];

function firstReadDone() {
	firstReads -= 1;
	if (firstReads === 0) for (const resolve of settle.splice(0)) resolve();
}

/**
 * Resolves once every live read on screen has its first answer, or after `maxMs`. The first
 * sync's history waits for it before writing a page (sync/engine.ts), so a screen just opened
 * reads before a long write of history rows, not behind it: IndexedDB runs a read after a write
 * to the same table that began first.
 */
export function screensRead(maxMs: number): Promise<void> {
	if (firstReads === 0) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(resolve, maxMs);
		settle.push(() => {
			clearTimeout(timer);
			resolve();
		});
	});
}

export class Live<T> {
	#value: T;
	#loaded = $state(false);
	#error = $state<unknown>(undefined);
	#subscribe: () => void;

	constructor(query: () => Promise<T>, initial: T) {
		this.#value = initial;
		this.#subscribe = createSubscriber((update) => {
			let waiting = true;
			firstReads += 1;
			const answered = () => {
				if (!waiting) return;
				waiting = false;
				firstReadDone();
			};
			const sub = liveQuery(query).subscribe({
				next: (value) => {
					this.#value = value;
					this.#loaded = true;
					answered();
					update();
				},
				error: (e) => {
					this.#error = e;
					answered();
					update();
				}
			});
			return () => {
				answered();
				sub.unsubscribe();
			};
		});
	}

	get current(): T {
		this.#subscribe();
		return this.#value;
	}

	get loaded() {
		this.#subscribe();
		return this.#loaded;
	}

	get error() {
		return this.#error;
	}
}
