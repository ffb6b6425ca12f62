/**
 * Keeps this device in step with the server. One tab per device does the syncing (Web Locks);
 * the others learn its status over a BroadcastChannel and see the data through Dexie's own
 * cross-tab live queries. Sync runs on start, on reconnect, on focus and every minute; a local
 * write waits up to TAP_DELAY_MS for the taps that follow it, a poke POKE_DELAY_MS for the pokes
 * that follow it (one ahead of the cursor only); failures back off.
 *
 * A cycle is one push, whose answer carries the changes since the cursor, and a pull only if that
 * page says more remain or nothing was pushed (docs/sync-protocol.md, "On the tablet").
 *
 * A new device first takes the priority set (what today and the coming two weeks need, and the
 * roll-ups of every other day), then the rest of the centre's history page by page between its
 * cycles, with a progress bar; a reload goes on where it stopped (docs/sync-protocol.md,
 * "First sync").
 */
import { applyPull, history, outbox, type Actor, type HallDatabase } from '$lib/local';
import { addDays } from '$lib/domain/calendar';
import { hallDate } from '$lib/domain/hall-clock';
import type { PullResponse } from '$lib/schemas';
import * as meta from '$lib/local/meta';
import type { NeedsUpdate } from '$lib/local/meta';
import { retryDelay } from './backoff';
import * as client from './client';
import { SyncError, type Position } from './client';

/**
 * `outdated`: this build cannot go on (the server answered 426, or a pull met a row it cannot
 * read). Syncing stops with the outbox kept, and the frame asks for an update.
 */
export type SyncState =
	| 'idle'
	| 'syncing'
	| 'offline'
	| 'unauthorised'
	| 'throttled'
	| 'error'
	| 'outdated'
	/** An admin wiped this device (410): the app deletes its data and signs out. */
	| 'wiped';

export interface SyncStatus {
	state: SyncState;
	lastSyncedAt?: string;
	leader: boolean;
	/** Set while a pull runs over several pages (a new device's first sync): rows so far, of all. */
	progress?: SyncProgress;
	/**
	 * Why this build must be updated before it syncs again: the server refused it (426) or a pull
	 * met a row it cannot read. Kept in meta, so it shows after a reload, offline too.
	 */
	needsUpdate?: NeedsUpdate['reason'];
}

export interface SyncProgress {
	received: number;
	total: number;
	/** A first sync's history: the board already works while these rows come. */
	history?: boolean;
}

const LOCK = 'budayang-sync';
const MINUTE = 60_000;
/** Taps a person makes in a quick run (受理, 受理, 办结) go up together; each is stored locally first. */
export const TAP_DELAY_MS = 250;
/** Pokes come in runs while a hall is busy; one pull answers them all. */
export const POKE_DELAY_MS = 200;
/** The dates a new device takes before the history: a week behind today and two weeks ahead. */
export const FIRST_DAYS_BEHIND = 7;
export const FIRST_DAYS_AHEAD = 14;

export class SyncEngine {
	#status: SyncStatus = { state: 'idle', leader: false };
	#running = false;
	#again = false;
	#attempt = 0;
	#retry: ReturnType<typeof setTimeout> | undefined;
	#stop: (() => void)[] = [];
	#channel: BroadcastChannel | undefined;
	#events: EventSource | undefined;
	#outdated = false;
	/** Set by stop(): a sync under way finishes its current request and goes no further. */
	#stopped = false;
	#current: Promise<void> | undefined;
	#first = true;
	/** A sync asked for a little later (taps, pokes); the first to ask sets the time. */
	#soon: ReturnType<typeof setTimeout> | undefined;
	/** The highest version the server announced, passed on so a server that knows less reads. */
	#poked: number | undefined;
	/**
	 * Whether this engine has applied a page with its device's verdicts. After that, a pull with
	 * an empty outbox has no verdict to wait for and goes without the device id: the server can
	 * answer it from memory and share it with other devices.
	 */
	#settled = false;
	/** False once the server has answered that it has no first sync (an earlier release). */
	#phased = true;
	/** The history's bar, shown between the pages and across the cycles between them. */
	#historyProgress: SyncProgress | undefined;
	/** Callers of syncNow() that came while a sync or the history ran: the next cycle answers them. */
	#waiting: (() => void)[] = [];

	constructor(
		private readonly db: HallDatabase,
		private readonly actor: () => Promise<Actor | undefined>,
		private readonly onStatus: (status: SyncStatus) => void,
		private readonly clock: () => Date = () => new Date(),
		/** What a history page waits for before it is written: the screen's own first reads. */
		private readonly screensRead: () => Promise<void> = () => Promise.resolve()
	) {}

	get status() {
		return this.#status;
	}

	get stopped() {
		return this.#stopped;
	}

	start() {
		this.#stopped = false;
		this.#settled = false;
		this.#channel = new BroadcastChannel(LOCK);
		this.#channel.onmessage = (e: MessageEvent) => {
			if (e.data?.type === 'status' && !this.#status.leader) this.#publish(e.data.status, false);
			if (e.data?.type === 'request' && this.#status.leader) void this.syncNow();
			if (e.data?.type === 'queued' && this.#status.leader) this.#later(TAP_DELAY_MS);
		};
		const lead = () => {
			this.#publish({ ...this.#status, leader: true });
			this.#lead();
			void this.syncNow();
		};
		if (globalThis.navigator?.locks) {
			void navigator.locks.request(LOCK, () => {
				lead();
				// Held until the tab closes; then the next tab in line takes over.
				return new Promise<void>((resolve) => this.#stop.push(resolve));
			});
		} else {
			lead();
		}
	}

	/** Stops syncing; resolves once a sync under way has let go of the database (sign-out wipes it). */
	stop(): Promise<void> {
		this.#stopped = true;
		this.#answer(this.#waiting.splice(0));
		for (const s of this.#stop.splice(0)) s();
		clearTimeout(this.#retry);
		clearTimeout(this.#soon);
		this.#soon = undefined;
		this.#events?.close();
		this.#channel?.close();
		return (this.#current ?? Promise.resolve()).catch(() => undefined);
	}

	/** Ask for a sync soon: the leader runs it, a follower passes the request on. */
	request() {
		if (this.#status.leader) void this.syncNow();
		else this.#channel?.postMessage({ type: 'request' });
	}

	/** A tap was stored in the outbox: push it with whatever else is tapped in the next moment. */
	queued() {
		if (this.#status.leader) this.#later(TAP_DELAY_MS);
		else this.#channel?.postMessage({ type: 'queued' });
	}

	#later(ms: number) {
		if (this.#soon !== undefined || this.#stopped) return;
		this.#soon = setTimeout(() => {
			this.#soon = undefined;
			void this.syncNow();
		}, ms);
	}

	/** A poke at or below the cursor is news of what this device already has. */
	async #pokedWith(data: unknown) {
		let version: number | undefined;
		try {
			const parsed = JSON.parse(String(data)) as { version?: unknown };
			if (typeof parsed.version === 'number') version = parsed.version;
		} catch {
			// A poke without a version still says something changed.
		}
		if (version !== undefined) {
			this.#poked = Math.max(this.#poked ?? 0, version);
			if (version <= (await meta.cursor(this.db))) return;
		}
		this.#later(POKE_DELAY_MS);
	}

	async syncNow(): Promise<void> {
		// Nothing more is sent by a build the server or the data has outgrown, until it reloads.
		if (this.#outdated || this.#stopped) return;
		if (this.#running) {
			this.#again = true;
			return new Promise((resolve) => this.#waiting.push(resolve));
		}
		this.#running = true;
		const run = this.#run();
		this.#current = run;
		try {
			await run;
		} finally {
			this.#running = false;
			this.#current = undefined;
		}
		if (this.#stopped || this.#outdated) this.#answer(this.#waiting.splice(0));
		this.#background();
	}

	/**
	 * A first sync's history goes on after the sync that the caller waits for (a login waits for
	 * the priority set, not for the history). It holds the same flag as a sync, so pulls and
	 * history pages are read and applied one after another; a sync asked for meanwhile runs
	 * between two pages.
	 */
	#background() {
		if (this.#running || this.#stopped || this.#outdated) return;
		this.#running = true;
		const run = this.#history();
		this.#current = run;
		void run.finally(() => {
			this.#running = false;
			this.#current = undefined;
			if (this.#again && !this.#stopped && !this.#outdated) void this.syncNow();
			else this.#answer(this.#waiting.splice(0));
		});
	}

	/** One cycle, which answers the callers waiting when it starts. */
	async #answeredCycle() {
		const waiting = this.#waiting.splice(0);
		this.#again = false;
		try {
			await this.#cycle();
		} finally {
			this.#answer(waiting);
		}
	}

	#answer(waiting: (() => void)[]) {
		for (const resolve of waiting) resolve();
	}

	async #run() {
		if (this.#first) {
			// A build that stopped before says so at once; it still tries once, since the server
			// may have lowered its minimum or the row been mended, and a new build starts clean.
			this.#first = false;
			const stop = await meta.needsUpdate(this.db);
			if (stop) this.#publish({ ...this.#status, needsUpdate: stop.reason });
		}
		do {
			await this.#answeredCycle();
		} while (this.#again && !this.#stopped);
	}

	/**
	 * The history of a first sync, a page at a time. Between pages, a tap or a poke has its cycle
	 * first, so the board stays current while the history comes.
	 */
	async #history() {
		for (;;) {
			if (this.#stopped || this.#outdated) return;
			const at = await history.position(this.db);
			if (!at) {
				if (this.#historyProgress) {
					this.#historyProgress = undefined;
					this.#publish({ ...this.#status, progress: undefined });
				}
				return;
			}
			const actor = await this.actor();
			if (!actor) return;
			if (this.#again || (await this.db.outbox.count()) > 0) {
				await this.#answeredCycle();
				if (this.#status.state !== 'idle') return;
				continue;
			}
			this.#historyProgress = { received: at.received, total: at.total, history: true };
			this.#publish({ ...this.#status, progress: this.#historyProgress });
			try {
				const page = await client.history(at, await meta.scope(this.db), actor.deviceId);
				await this.screensRead();
				if (page.reset) {
					// The user's scope changed since the first sync began: start again from nothing.
					await history.abandon(this.db);
					this.#again = true;
					continue;
				}
				const applied = await history.applyHistory(
					this.db,
					actor,
					page,
					at,
					this.clock().toISOString()
				);
				if (applied.stoppedAt !== undefined) {
					throw new SyncError({ kind: 'outdated', reason: 'unreadable_row' });
				}
			} catch (e) {
				this.#fail(e);
				return;
			}
		}
	}

	/**
	 * A device with nothing yet takes the priority set first, so the board is usable at once. A
	 * server of an earlier release has no first sync (404): the device pulls every page instead.
	 */
	async #priority(actor: Actor) {
		if (!this.#phased || (await meta.cursor(this.db)) > 0) return;
		// Taps waiting on a new device go first; their push brings the centre page by page.
		if ((await this.db.outbox.count()) > 0 || (await history.position(this.db))) return;
		const today = hallDate(this.clock());
		const window = {
			from: addDays(today, -FIRST_DAYS_BEHIND),
			to: addDays(today, FIRST_DAYS_AHEAD)
		};
		let answer;
		try {
			answer = await client.firstSync(actor.deviceId, window, await meta.scope(this.db));
		} catch (e) {
			if (e instanceof SyncError && e.failure.kind === 'server' && e.failure.status === 404) {
				this.#phased = false;
				return;
			}
			throw e;
		}
		const received = answer.changes.length;
		const start = {
			upTo: answer.history.upTo,
			after: 0,
			...window,
			total: received + answer.history.rows,
			received
		};
		const applied = await applyPull(this.db, actor, answer, this.clock().toISOString(), {
			rollups: answer.rollups,
			history: start
		});
		if (applied.stoppedAt !== undefined) {
			throw new SyncError({ kind: 'outdated', reason: 'unreadable_row' });
		}
		this.#settled = true;
		if (start.received < start.total) {
			this.#historyProgress = { received: start.received, total: start.total, history: true };
			this.#publish({ ...this.#status, progress: this.#historyProgress });
		}
	}

	async #cycle() {
		// This cycle takes whatever a waiting tap or poke asked for.
		clearTimeout(this.#soon);
		this.#soon = undefined;
		const actor = await this.actor();
		if (!actor) return;
		if (globalThis.navigator && navigator.onLine === false) {
			this.#publish({ ...this.#status, state: 'offline' });
			return;
		}
		this.#publish({ ...this.#status, state: 'syncing' });
		try {
			await this.#priority(actor);
			let pulled = false;
			for (;;) {
				if (this.#stopped) return;
				const batch = await outbox.nextPush(this.db);
				if (batch.length === 0) break;
				const mutations = batch.map((e) => ({
					id: e.mutationId,
					name: e.name,
					args: e.args,
					createdAt: e.createdAt
				}));
				const answer = await client.push(
					actor.deviceId,
					mutations,
					await this.#position(),
					await meta.confirmed(this.db)
				);
				// A server of an earlier release answers without the page: then pull.
				await this.#pullAll(actor, answer.pull);
				pulled = true;
				// A gap or a stop leaves entries unsettled; go round again only if we made progress.
				if (answer.results.length === 0) break;
			}
			if (!pulled) await this.#pullAll(actor);
			this.#attempt = 0;
			const lastSyncedAt = this.clock().toISOString();
			await meta.set(this.db, 'lastSyncedAt', lastSyncedAt);
			await meta.clearNeedsUpdate(this.db);
			this.#publish({ ...this.#status, state: 'idle', lastSyncedAt, needsUpdate: undefined });
			this.#listen();
		} catch (e) {
			this.#fail(e);
		}
	}

	async #position(): Promise<Position> {
		return { cursor: await meta.cursor(this.db), scope: await meta.scope(this.db) };
	}

	/** Applies `first` (a push's page) or a pulled page, and pulls on while pages remain. */
	async #pullAll(actor: Actor, first?: PullResponse) {
		let received = 0;
		try {
			for (let pages = 0; pages < 1000; pages++) {
				if (this.#stopped) return;
				const pushed = pages === 0 && first !== undefined;
				// Verdicts are asked for until they have come once, and while any are awaited.
				const verdicts = pushed || !this.#settled || (await this.db.outbox.count()) > 0;
				const page =
					pushed && first
						? first
						: await client.pull(
								verdicts ? actor.deviceId : undefined,
								await this.#position(),
								this.#poked,
								actor.deviceId
							);
				const applied = await applyPull(this.db, actor, page, this.clock().toISOString());
				// A row this build cannot read: the cursor stayed before it (pull.ts) and syncing
				// stops here rather than pull the same page again and again.
				if (applied.stoppedAt !== undefined) {
					throw new SyncError({ kind: 'outdated', reason: 'unreadable_row' });
				}
				if (verdicts) this.#settled = true;
				// A reset starts the centre's data again from the first row.
				received = (page.reset ? 0 : received) + page.changes.length;
				if (!page.hasMore) return;
				if (page.remaining !== undefined) {
					this.#publish({
						...this.#status,
						progress: { received, total: received + page.remaining }
					});
				}
			}
		} finally {
			// Done or failed, the bar goes back to the history's, if one is under way: a failed sync
			// says so in the indicator and starts again.
			if (this.#status.progress !== this.#historyProgress) {
				this.#publish({ ...this.#status, progress: this.#historyProgress });
			}
		}
	}

	#fail(e: unknown) {
		if (this.#stopped) return;
		const failure = e instanceof SyncError ? e.failure : undefined;
		if (failure?.kind === 'outdated') {
			this.#outdated = true;
			clearTimeout(this.#retry);
			this.#events?.close();
			this.#publish({ ...this.#status, state: 'outdated', needsUpdate: failure.reason });
			// The stopped pull recorded its row itself (pull.ts), in its own transaction.
			if (failure.reason === 'client_too_old') {
				void meta.setNeedsUpdate(this.db, {
					reason: 'client_too_old',
					minProtocol: failure.minProtocol,
					at: this.clock().toISOString()
				});
			}
			return;
		}
		if (failure?.kind === 'wiped') {
			this.#outdated = true;
			clearTimeout(this.#retry);
			this.#events?.close();
			this.#publish({ ...this.#status, state: 'wiped' });
			return;
		}
		if (failure?.kind === 'unauthorised') {
			// The outbox is kept; the frame asks the user to log in again.
			this.#publish({ ...this.#status, state: 'unauthorised' });
			return;
		}
		// The outbox is kept whatever failed; only the wait differs. A throttled device waits at
		// least as long as the server asked (429 Retry-After).
		const state =
			failure?.kind === 'offline'
				? 'offline'
				: failure?.kind === 'throttled'
					? 'throttled'
					: 'error';
		this.#publish({ ...this.#status, state });
		clearTimeout(this.#retry);
		const retryAfter = failure?.kind === 'throttled' ? failure.retryAfterSeconds : undefined;
		this.#retry = setTimeout(
			() => void this.syncNow(),
			retryDelay(this.#attempt++, Math.random, retryAfter)
		);
		if (!failure) console.error('sync failed', e);
	}

	#lead() {
		const onOnline = () => void this.syncNow();
		const onOffline = () => this.#publish({ ...this.#status, state: 'offline' });
		const onVisible = () => document.visibilityState === 'visible' && void this.syncNow();
		addEventListener('online', onOnline);
		addEventListener('offline', onOffline);
		addEventListener('focus', onOnline);
		document.addEventListener('visibilitychange', onVisible);
		const timer = setInterval(() => void this.syncNow(), MINUTE);
		this.#stop.push(() => {
			removeEventListener('online', onOnline);
			removeEventListener('offline', onOffline);
			removeEventListener('focus', onOnline);
			document.removeEventListener('visibilitychange', onVisible);
			clearInterval(timer);
		});
	}

	/**
	 * Opens the poke stream once a sync has gone through, not when the tab takes the lead: before
	 * login the stream only answers 401 (an error in the console), and an EventSource refused with
	 * 401 never retries, so one opened before login stayed dead after it. A closed stream is
	 * reopened by the next successful sync.
	 */
	#listen() {
		if (!this.#status.leader || typeof EventSource === 'undefined') return;
		if (this.#events && this.#events.readyState !== EventSource.CLOSED) return;
		this.#events = new EventSource(`/api/sync/events?${client.versionQuery()}`);
		this.#events.addEventListener('poke', (e) => void this.#pokedWith((e as MessageEvent).data));
	}

	#publish(status: SyncStatus, broadcast = true) {
		if (this.#stopped) return;
		this.#status = { ...status, leader: this.#status.leader || status.leader };
		if (!broadcast) this.#status = { ...status, leader: false };
		this.onStatus(this.#status);
		if (broadcast && this.#status.leader) {
			this.#channel?.postMessage({ type: 'status', status: { ...this.#status, leader: false } });
		}
	}
}
