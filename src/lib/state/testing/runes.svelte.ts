/**
 * Reads rune state the way a component does: inside an effect, so `Live` queries subscribe and
 * the value follows the database. `stop` ends the effect and with it the subscription.
 */
import { flushSync } from 'svelte';

export interface Tracked<T> {
	readonly value: T;
	stop(): void;
}

export function track<T>(read: () => T): Tracked<T> {
	let value = $state.raw<T>(undefined as T);
	const stop = $effect.root(() => {
		$effect(() => {
			value = read();
		});
	});
	flushSync();
	return {
		get value() {
			return value;
		},
		stop
	};
}
