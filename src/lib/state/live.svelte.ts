/**
 * Bridges a Dexie live query into Svelte runes: the query runs while someone reads `current`
 * and re-runs whenever the tables it read change, in this tab or another.
 */
import { createSubscriber } from 'svelte/reactivity';
import { liveQuery } from '$lib/local';

export class Live<T> {
	#value: T;
	#loaded = $state(false);
	#error = $state<unknown>(undefined);
	#subscribe: () => void;

	constructor(query: () => Promise<T>, initial: T) {
		this.#value = initial;
		this.#subscribe = createSubscriber((update) => {
			const sub = liveQuery(query).subscribe({
				next: (value) => {
					this.#value = value;
					this.#loaded = true;
					update();
				},
				error: (e) => {
					this.#error = e;
					update();
				}
			});
			return () => sub.unsubscribe();
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
