/**
 * Pokes for GET /api/sync/events. Every commit that changes a centre NOTIFYs one channel with the
 * centre and its new version; each app server LISTENs once and hands the poke to the streams of
 * that centre's clients, so a tablet hears of a change made through any app server.
 */
import { z } from 'zod';
import type { Db } from '../db/open';

export const CHANGES_CHANNEL = 'budayang_changes';

const payload = z.object({ centreId: z.string(), version: z.number().int() });

export type PokeListener = (version: number) => void;

export class PokeHub {
	readonly #db: Db;
	readonly #listeners = new Map<string, Set<PokeListener>>();
	#listening: Promise<unknown> | undefined;

	constructor(db: Db) {
		this.#db = db;
	}

	/** Calls `listener` with each new version of the centre; returns the function that stops it. */
	async subscribe(centreId: string, listener: PokeListener): Promise<() => void> {
		// One LISTEN per app server, opened by the first client that asks.
		this.#listening ??= this.#db.listen(CHANGES_CHANNEL, (text) => this.#deliver(text));
		await this.#listening;
		let set = this.#listeners.get(centreId);
		if (!set) this.#listeners.set(centreId, (set = new Set()));
		set.add(listener);
		return () => {
			set.delete(listener);
			if (set.size === 0) this.#listeners.delete(centreId);
		};
	}

	/** Clients connected now, all centres together. */
	get size(): number {
		let n = 0;
		for (const set of this.#listeners.values()) n += set.size;
		return n;
	}

	#deliver(text: string) {
		let parsed;
		try {
			parsed = payload.safeParse(JSON.parse(text));
		} catch {
			return;
		}
		if (!parsed.success) return;
		for (const listener of this.#listeners.get(parsed.data.centreId) ?? []) {
			listener(parsed.data.version);
		}
	}
}

/** The SSE stream of one client: a poke now, one per change, and a heartbeat comment. */
export function pokeStream(
	hub: PokeHub,
	centreId: string,
	currentVersion: number,
	{ signal, heartbeatMs = 25_000 }: { signal?: AbortSignal; heartbeatMs?: number } = {}
): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	let closed = false;
	let cleanup = () => {};
	const stop = () => {
		closed = true;
		cleanup();
	};
	return new ReadableStream<Uint8Array>({
		async start(controller) {
			const close = () => {
				stop();
				try {
					controller.close();
				} catch {
					// already closed by the client
				}
			};
			const send = (text: string) => {
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					stop();
				}
			};
			const poke = (version: number) => send(`event: poke\ndata: {"version":${version}}\n\n`);
			const unsubscribe = await hub.subscribe(centreId, poke);
			// The client may have gone while the subscription was being made.
			if (closed || signal?.aborted) {
				unsubscribe();
				return close();
			}
			const heartbeat = setInterval(() => send(': heartbeat\n\n'), heartbeatMs);
			cleanup = () => {
				cleanup = () => {};
				clearInterval(heartbeat);
				unsubscribe();
				signal?.removeEventListener('abort', close);
			};
			signal?.addEventListener('abort', close);
			send('retry: 5000\n\n');
			poke(currentVersion);
		},
		cancel() {
			stop();
		}
	});
}
