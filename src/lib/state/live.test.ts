import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Live, screensRead } from './live.svelte';
import { track } from './testing/runes.svelte';

/** A read whose answer the test gives when it chooses. */
function heldRead<T>(value: T) {
	let given = false;
	let answer = () => {};
	const read = new Live(
		() =>
			new Promise<T>((resolve) => {
				answer = () => resolve(value);
				if (given) answer();
			}),
		undefined as T | undefined
	);
	return {
		read,
		answer: () => {
			given = true;
			answer();
		}
	};
}

const settledWithin = async (ms: number, wait: Promise<void>) =>
	Promise.race([wait.then(() => true), new Promise((r) => setTimeout(() => r(false), ms))]);

describe('screensRead', () => {
	it('resolves at once when no screen is reading', async () => {
		expect(await settledWithin(20, screensRead(10_000))).toBe(true);
	});

	it('waits for every first read on screen, and not for reads nobody shows', async () => {
		const one = heldRead('plan');
		const two = heldRead(3);
		// Made but not on screen: nothing reads it, so nothing waits for it.
		heldRead('unseen');
		const shown = track(() => [one.read.current, two.read.current]);
		const wait = screensRead(10_000);
		one.answer();
		expect(await settledWithin(50, wait)).toBe(false);
		two.answer();
		expect(await settledWithin(1000, wait)).toBe(true);
		expect(shown.value).toEqual(['plan', 3]);
		shown.stop();
	});

	it('gives up after its longest wait, and a screen closed before its answer holds nothing', async () => {
		const slow = heldRead('late');
		const shown = track(() => slow.read.current);
		const started = Date.now();
		await screensRead(60);
		expect(Date.now() - started).toBeGreaterThanOrEqual(55);
		shown.stop();
		expect(await settledWithin(20, screensRead(10_000))).toBe(true);
	});
});
