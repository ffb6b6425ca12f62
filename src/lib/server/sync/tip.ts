/**
 * What an app server remembers between pulls (docs/sync-protocol.md, "Pull"): the latest version
 * of each centre, so that a device already at the tip is answered without a query, and the pages
 * read since the tip last moved, so that the devices a poke sends pulling from the same cursor
 * share one query (a page from a cursor changes only when the tip does).
 *
 * A remembered tip is only trusted while this server LISTENs on CHANGES_CHANNEL: every commit that
 * moves a centre NOTIFYs it, whichever app server made it. Before the LISTEN is up, and for a
 * centre not read since, the pull queries. A read that began before a push of this process
 * finished may not lower what the push taught (`forget` moves the centre's generation on), and
 * no tip is trusted for longer than TRUST_MS without the database confirming it, which bounds the
 * harm of a NOTIFY lost while the LISTEN connection was down.
 */
import { z } from 'zod';
import type { Db } from '../db/open';
import { CHANGES_CHANNEL } from './events';

const TRUST_MS = 30_000;
/** Pages kept at most; a centre's cursors cluster at a few recent versions. */
const MAX_PAGES = 500;

const notice = z.object({ centreId: z.string(), version: z.number().int() });

interface Tip {
	version: number;
	/** When the database or a NOTIFY last said so (ms). */
	at: number;
}

/** A page as read, with the centre's version when it was read. */
export interface Read<T> {
	value: T;
	at: number;
}

/** Taken when a read starts; `learn` refuses it if the centre moved on meanwhile. */
export interface Ticket {
	centreId: string;
	generation: number;
}

export class PullMemory {
	readonly #db: Db;
	readonly #now: () => number;
	readonly #tips = new Map<string, Tip>();
	readonly #generations = new Map<string, number>();
	/** Pages being read, and pages read with the version the centre stood at then (`at`). */
	readonly #pages = new Map<
		string,
		{ centreId: string; at?: number; done: boolean; value: Promise<unknown> }
	>();
	#listening: Promise<unknown> | undefined;
	#listens = false;

	constructor(db: Db, now: () => number = Date.now) {
		this.#db = db;
		this.#now = now;
	}

	/** Opens the LISTEN on first use; until it is up nothing is remembered. */
	#listen() {
		this.#listening ??= this.#db
			.listen(CHANGES_CHANNEL, (text) => this.#notified(text))
			.then(() => (this.#listens = true))
			.catch(() => {
				// Retried by the next pull; meanwhile every pull queries.
				this.#listening = undefined;
			});
	}

	/** Resolves once this server LISTENs, true then (false if the LISTEN failed, to be tried again). */
	async listening(): Promise<boolean> {
		this.#listen();
		await this.#listening;
		return this.#listens;
	}

	/** The centre's version if this server knows it for certain now, else undefined. */
	tip(centreId: string): number | undefined {
		this.#listen();
		if (!this.#listens) return undefined;
		const tip = this.#tips.get(centreId);
		if (!tip || this.#now() - tip.at > TRUST_MS) return undefined;
		return tip.version;
	}

	/** Taken before reading the centre's version, so that a stale read cannot overwrite a push's news. */
	ticket(centreId: string): Ticket | undefined {
		this.#listen();
		if (!this.#listens) return undefined;
		return { centreId, generation: this.#generations.get(centreId) ?? 0 };
	}

	/** What a read found: remembered if nothing in this process changed the centre meanwhile. */
	learn(ticket: Ticket | undefined, version: number) {
		if (!ticket || !this.#listens) return;
		if ((this.#generations.get(ticket.centreId) ?? 0) !== ticket.generation) return;
		this.#raise(ticket.centreId, version);
	}

	/** A push of this process changed the centre: its tip is unknown until read or NOTIFYed again. */
	forget(centreId: string) {
		this.#generations.set(centreId, (this.#generations.get(centreId) ?? 0) + 1);
		this.#tips.delete(centreId);
		this.#moved(centreId);
	}

	/**
	 * Runs `read` once for all callers asking with the same key while it runs, and for those who
	 * ask after while the centre still stands at the version the read found (`at`: nothing has
	 * been committed since, as far as this server knows). The key must name everything the answer
	 * depends on.
	 */
	share<T>(centreId: string, key: string, read: () => Promise<Read<T>>): Promise<T> {
		const known = this.#pages.get(key);
		if (known && (!known.done || (known.at !== undefined && known.at === this.tip(centreId)))) {
			return known.value as Promise<T>;
		}
		const started = read();
		const entry: { centreId: string; at?: number; done: boolean; value: Promise<T> } = {
			centreId,
			done: false,
			value: started.then((r) => r.value)
		};
		if (this.#pages.size >= MAX_PAGES) this.#pages.clear();
		this.#pages.set(key, entry);
		const drop = () => {
			if (this.#pages.get(key) === entry) this.#pages.delete(key);
		};
		started.then((r) => {
			entry.done = true;
			entry.at = r.at;
			// Kept only while a LISTEN would say when the tip moves.
			if (!this.#listens) drop();
		}, drop);
		return entry.value;
	}

	#raise(centreId: string, version: number) {
		const known = this.#tips.get(centreId);
		// Versions only go up; a lower one is an older read arriving late.
		if (known && version <= known.version) {
			// The database, or a NOTIFY, confirms what was known.
			if (version === known.version) known.at = this.#now();
			return;
		}
		this.#tips.set(centreId, { version, at: this.#now() });
		this.#moved(centreId);
	}

	/** Pages read before the centre's tip moved will never be answered again. */
	#moved(centreId: string) {
		const tip = this.#tips.get(centreId)?.version;
		for (const [key, entry] of this.#pages) {
			if (entry.centreId === centreId && entry.done && entry.at !== tip) this.#pages.delete(key);
		}
	}

	#notified(text: string) {
		let parsed;
		try {
			parsed = notice.safeParse(JSON.parse(text));
		} catch {
			return;
		}
		if (!parsed.success) return;
		this.#raise(parsed.data.centreId, parsed.data.version);
	}
}
