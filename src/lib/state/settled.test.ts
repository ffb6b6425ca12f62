import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HallDatabase } from '$lib/local';
import { Settled } from './settled.svelte';
import { track } from './testing/runes.svelte';

let db: HallDatabase;
let n = 0;
beforeEach(async () => {
	db = new HallDatabase(`settled-${++n}`);
	await db.open();
});
afterEach(async () => {
	db.close();
	await HallDatabase.delete(db.name);
});

const note = (value: number) => db.meta.put({ key: 'settled-test', value });

describe('Settled', () => {
	it('shows a long read that changes overtook, then reads once more for all of them', async () => {
		await note(0);
		let reads = 0;
		let release: () => void = () => undefined;
		const firstHeld = new Promise<void>((resolve) => (release = resolve));
		const state = new Settled(
			() => db.meta.toArray(),
			async () => {
				reads += 1;
				const mine = reads;
				// The first read is slow: three changes land while it runs.
				if (mine === 1) await firstHeld;
				return { read: mine, value: (await db.meta.get('settled-test'))?.value };
			},
			{ read: 0, value: undefined as unknown }
		);
		const shown: number[] = [];
		const view = track(() => {
			const current = state.current;
			shown.push(current.read);
			return current;
		});
		await vi.waitFor(() => expect(reads).toBe(1));
		for (const v of [1, 2, 3]) await note(v);
		// A live query would drop the read under way at each change and start again; this one
		// lets it end and shows it.
		release();
		await vi.waitFor(() => expect(view.value).toEqual({ read: 2, value: 3 }));
		expect(shown).toEqual([0, 1, 2]);
		// The three changes asked for one more read, not three.
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(reads).toBe(2);
		expect(state.loaded).toBe(true);

		// After the reader stops looking, changes read nothing.
		view.stop();
		await note(4);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(reads).toBe(2);
	});

	it('keeps the error of a read that fails', async () => {
		const state = new Settled(
			() => db.meta.toArray(),
			() => Promise.reject(new Error('the disk is full')),
			0
		);
		const view = track(() => state.current);
		await vi.waitFor(() =>
			expect((state.error as Error | undefined)?.message).toBe('the disk is full')
		);
		expect(state.loaded).toBe(false);
		view.stop();
	});
});
