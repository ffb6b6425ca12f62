/**
 * A live read too long to be started again at every change. `Live` hands a read to Dexie's live
 * query, which drops a read under way when something it covers changes and starts it again: a
 * read of a year, while the first sync's history writes page after page into that year, could
 * then wait for a gap longer than itself, and the screen for it. Here a cheap live query over the
 * same ranges (`watch`: their keys, say) only says that something changed; the long read runs outside
 * it, to its end, one at a time, and once more if a change came while it ran. Every read that
 * ends is shown.
 */
import { createSubscriber } from 'svelte/reactivity';
import { liveQuery } from '$lib/local';

export class Settled<T> {
	#value: T;
	#loaded = $state(false);
	#error = $state<unknown>(undefined);
	#subscribe: () => void;

	constructor(watch: () => Promise<unknown>, read: () => Promise<T>, initial: T) {
		this.#value = initial;
		this.#subscribe = createSubscriber((update) => {
			let closed = false;
			let running = false;
			let again = false;
			const run = async () => {
				if (running) {
					again = true;
					return;
				}
				running = true;
				try {
					do {
						again = false;
						const value = await read();
						if (closed) return;
						this.#value = value;
						this.#loaded = true;
						update();
					} while (again);
				} catch (e) {
					if (closed) return;
					this.#error = e;
					update();
				} finally {
					running = false;
				}
			};
			const sub = liveQuery(watch).subscribe({
				next: () => void run(),
				error: (e) => {
					this.#error = e;
					update();
				}
			});
			return () => {
				closed = true;
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
