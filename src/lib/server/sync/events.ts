/**
 * Pokes for GET /api/sync/events. Every commit that changes a centre NOTIFYs one channel with the
 * centre and its new version; each app server LISTENs once and hands the poke to the streams of
 * that centre's clients, so a tablet hears of a change made through any app server. Revoked
 * sessions are announced the same way (SESSIONS_CHANNEL), and their streams close.
 */
import { z } from 'zod';
import { forgetSessions, SESSIONS_CHANNEL } from '../auth/session';
import type { Db } from '../db/open';

export const CHANGES_CHANNEL = 'budayang_changes';

const payload = z.object({ centreId: z.string(), version: z.number().int() });
const revokedPayload = z.object({ revoked: z.array(z.string()) });

/** setTimeout's longest delay (about 24.8 days); a later expiry is checked again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * At most one poke per centre in this time: a busy hall commits many times a second, and a tablet
 * needs only the latest version to know it is behind. The first change of a quiet spell goes out
 * at once; the rest of the spell is one poke with its last version at the end of it.
 */
export const POKE_INTERVAL_MS = 500;

export type PokeListener = (version: number) => void;

export class PokeHub {
	readonly #db: Db;
	readonly #intervalMs: number;
	readonly #listeners = new Map<string, Set<PokeListener>>();
	readonly #sessionWatchers = new Map<string, Set<() => void>>();
	/** Centres poked within the interval: the highest version heard since, and the one sent. */
	readonly #spells = new Map<string, { heard: number; sent: number }>();
	#listening: Promise<unknown> | undefined;
	#listeningSessions: Promise<unknown> | undefined;

	constructor(db: Db, { intervalMs = POKE_INTERVAL_MS }: { intervalMs?: number } = {}) {
		this.#db = db;
		this.#intervalMs = intervalMs;
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

	/** Calls `onEnd` once when the session (by token hash) is revoked; returns the function that stops it. */
	async watchSession(tokenHash: string, onEnd: () => void): Promise<() => void> {
		this.#listeningSessions ??= this.#db.listen(SESSIONS_CHANNEL, (text) => this.#revoked(text));
		await this.#listeningSessions;
		let set = this.#sessionWatchers.get(tokenHash);
		if (!set) this.#sessionWatchers.set(tokenHash, (set = new Set()));
		set.add(onEnd);
		return () => {
			set.delete(onEnd);
			if (set.size === 0) this.#sessionWatchers.delete(tokenHash);
		};
	}

	/** Clients connected now, all centres together. */
	get size(): number {
		let n = 0;
		for (const set of this.#listeners.values()) n += set.size;
		return n;
	}

	#revoked(text: string) {
		let parsed;
		try {
			parsed = revokedPayload.safeParse(JSON.parse(text));
		} catch {
			return;
		}
		if (!parsed.success) return;
		// Revoked on another app server: this one stops believing them too (session.ts).
		forgetSessions(parsed.data.revoked);
		for (const hash of parsed.data.revoked) {
			for (const onEnd of this.#sessionWatchers.get(hash) ?? []) onEnd();
		}
	}

	#deliver(text: string) {
		let parsed;
		try {
			parsed = payload.safeParse(JSON.parse(text));
		} catch {
			return;
		}
		if (!parsed.success) return;
		const { centreId, version } = parsed.data;
		const spell = this.#spells.get(centreId);
		if (spell) spell.heard = Math.max(spell.heard, version);
		else this.#poke(centreId, version);
	}

	/** Pokes the centre's streams now and holds the next poke back until the interval has passed. */
	#poke(centreId: string, version: number) {
		for (const listener of this.#listeners.get(centreId) ?? []) listener(version);
		const spell = { heard: version, sent: version };
		this.#spells.set(centreId, spell);
		const timer = setTimeout(() => {
			this.#spells.delete(centreId);
			if (spell.heard > spell.sent) this.#poke(centreId, spell.heard);
		}, this.#intervalMs);
		// A spell never keeps a process alive that has nothing else to do.
		timer.unref?.();
	}
}

/**
 * A signal that aborts when the client goes (`request`), when the session is revoked (logout, a
 * password change, an admin's reset, on any app server) or when it expires: an event stream must
 * not outlive the session that opened it.
 */
export async function sessionSignal(
	hub: PokeHub,
	session: { tokenHash: string; expiresAt: Date },
	request: AbortSignal,
	now: () => number = Date.now
): Promise<AbortSignal> {
	const ended = new AbortController();
	const end = () => ended.abort();
	const stopWatching = await hub.watchSession(session.tokenHash, end);
	let timer: ReturnType<typeof setTimeout> | undefined;
	const expireLater = () => {
		const left = session.expiresAt.getTime() - now();
		if (left <= 0) return end();
		timer = setTimeout(expireLater, Math.min(left, MAX_TIMER_MS));
	};
	expireLater();
	ended.signal.addEventListener('abort', () => {
		clearTimeout(timer);
		stopWatching();
		request.removeEventListener('abort', end);
	});
	if (request.aborted) end();
	else request.addEventListener('abort', end);
	return ended.signal;
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
