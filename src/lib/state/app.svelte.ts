/**
 * The state every page shares: the local database, who is logged in on this device, the sync
 * status and the messages the frame shows. Pages read it through `appState()`.
 */
import {
	HallDatabase,
	LocalRejection,
	sealing,
	StorageFullError,
	meta,
	outbox,
	requestPersistence,
	type Actor
} from '$lib/local';
import { callers } from '$lib/model';
import { instant, type MessageKey, type SessionUser } from '$lib/schemas';
import type { CentreSummary } from '$lib/session/auth';
import { SyncEngine, type SyncStatus } from '$lib/sync/engine';
import { checkPin, createPin, type StoredPin, type UnlockResult } from '$lib/session/pin';
import { savePin, storedPins } from '$lib/session/pin-store';
import {
	clearWrongPins,
	countWrongPin,
	deleteWrappedShare,
	fetchShare,
	holdShare,
	renewShare,
	saveWrappedShare,
	unwrapShare,
	wrapShare,
	wrappedShares
} from '$lib/session/device-key';
import { hallDate, hallInstant } from '$lib/domain/hall-clock';
import { Live, screensRead } from './live.svelte';
import { appSlot, Notices, type Notice } from './slot.svelte';

/** The most a history page waits for a screen's first reads (live.svelte.ts, `screensRead`). */
const HISTORY_WAITS_FOR_SCREEN_MS = 2000;

function attentionQuery(db: HallDatabase, centreId: string | undefined): Live<number> {
	return new Live(async () => {
		const rejected = await outbox.unsettled(db);
		if (!centreId) return rejected.length;
		const own = rejected.map(
			(r) => (r.detail as { appointmentId?: string } | undefined)?.appointmentId
		);
		const from = hallDate(Date.now() - 7 * 86_400_000);
		const waiting = await db.appointment
			.where('[centreId+date]')
			.between([centreId, from], [centreId, '9999-12-31'])
			.filter((a) => a.status === 'unconfirmed' && !own.includes(a.id))
			.count();
		return rejected.length + waiting;
	}, 0);
}

export class AppState {
	readonly db: HallDatabase;
	user = $state<SessionUser | undefined>(undefined);
	centre = $state<CentreSummary | undefined>(undefined);
	ready = $state(false);
	/**
	 * Set while a wiped device deletes its data and loads the login page with its reason: the
	 * layout's own way to the login page must not start then, or the router's address change can
	 * cancel that load and the reason is lost.
	 */
	leaving = $state(false);
	sync = $state<SyncStatus>({ state: 'idle', leader: false });
	online = $state(true);
	persisted = $state<boolean | undefined>(undefined);
	storageFull = $state(false);
	/** The clock, replaceable so that a page can be shown for another moment. */
	now = $state(Date.now());
	today = $derived(hallDate(this.now));

	readonly pendingCount = new Live(() => this.db.outbox.count(), 0);
	/** When this device last finished a sync, as the engine stored it: known after a reload too. */
	readonly lastSyncedAt = new Live(async () => {
		const stored = instant.safeParse(await meta.get(this.db, 'lastSyncedAt'));
		return stored.success ? stored.data : undefined;
	}, undefined);

	/**
	 * What the frame may say about this device's changes: nothing until the outbox has been
	 * counted and the last sync read. Until then the defaults would claim 已全部同步 and 尚未同步
	 * at once, offline after a reload, with work still waiting in the outbox.
	 */
	get syncClaim(): { pending: number; lastSyncedAt: string | undefined } | undefined {
		if (!this.pendingCount.loaded || !this.lastSyncedAt.loaded) return undefined;
		return {
			pending: this.pendingCount.current,
			lastSyncedAt: this.sync.lastSyncedAt ?? this.lastSyncedAt.current
		};
	}
	/**
	 * 待处理: this device's rejections, plus bookings any tablet left unconfirmed (SLOT_FULL) that
	 * are still waiting for a person, counted once. A new query for each user: the frame reads the
	 * count before init() knows who is logged in, and a query made then would never look at the
	 * bookings, so the flag vanished after a reload on every tablet but the one refused.
	 */
	#attention: { centreId: string | undefined; count: Live<number> } | undefined;
	get attentionCount(): Live<number> {
		const centreId = this.user?.centreId;
		if (this.#attention?.centreId !== centreId || !this.#attention) {
			this.#attention = { centreId, count: attentionQuery(this.db, centreId) };
		}
		return this.#attention.count;
	}
	/** Whether this page holds the key to the personal data sealed on the device (docs/security.md). */
	keyHeld = $state(false);
	/** The server's share of that key, in memory only, to wrap under a PIN being set. */
	#share: string | undefined;
	#engine: SyncEngine | undefined;
	#deviceId = '';

	readonly #notices: Notices;

	constructor(db = new HallDatabase(), notices = new Notices()) {
		this.db = db;
		this.#notices = notices;
	}

	/** The messages the frame shows (kept by the frame, ./slot.svelte.ts). */
	get notices(): Notice[] {
		return this.#notices.list;
	}

	async init() {
		this.online = navigator.onLine;
		addEventListener('online', () => (this.online = true));
		addEventListener('offline', () => (this.online = false));
		setInterval(() => (this.now = Date.now()), 30_000);
		this.user = await meta.user(this.db);
		this.#deviceId = this.user
			? await meta.deviceFor(this.db, this.user.id, () => crypto.randomUUID())
			: await meta.deviceId(this.db, () => crypto.randomUUID());
		this.centre = await meta.get<CentreSummary>(this.db, 'centre');
		// Online with a session: the key first, so the screens open with the personal data.
		if (this.user) await this.#fetchKey();
		this.ready = true;
		void requestPersistence().then((s) => (this.persisted = s.persisted));
		this.#engine = new SyncEngine(
			this.db,
			// A sync stores personal data sealed: it first needs the key (src/lib/local/sealing.ts).
			async () => {
				if (this.user && !this.keyHeld) await this.#fetchKey();
				return this.actor();
			},
			(s) => {
				this.sync = s;
				if (s.state === 'wiped') void this.#wiped();
			},
			undefined,
			() => screensRead(HISTORY_WAITS_FOR_SCREEN_MS)
		);
		this.#engine.start();
	}

	/** This browser profile's id, named in the audit log beside a reveal. */
	get deviceId(): string {
		return this.#deviceId;
	}

	async actor(): Promise<Actor | undefined> {
		if (!this.user) return undefined;
		return {
			centreId: this.user.centreId,
			userId: this.user.id,
			role: this.user.role,
			departmentId: this.user.departmentId,
			deviceId: this.#deviceId
		};
	}

	/**
	 * Records a named mutation locally and asks for a sync, as `app.mutate.volume.add(args)`; each
	 * call resolves to false when the mutation was refused, and the user hears why.
	 */
	readonly mutate = callers((name, args) => this.#mutate(name, args));

	async #mutate(name: string, args: unknown): Promise<boolean> {
		const actor = await this.actor();
		if (!actor) return false;
		try {
			await outbox.mutate(this.db, actor, name, args, hallInstant(Date.now()));
			this.#engine?.queued();
			return true;
		} catch (e) {
			if (e instanceof LocalRejection) {
				this.notify('error', e.rejection.messageKey, e.rejection.params);
			} else if (e instanceof StorageFullError) {
				this.storageFull = true;
			} else {
				this.notify('error', 'error_generic', { detail: String(e) });
			}
			return false;
		}
	}

	/** The server's share of this device's key, when the session and the network are there. */
	async #fetchKey(): Promise<string | undefined> {
		const share = await fetchShare(this.#deviceId);
		if (share) {
			await holdShare(this.db, share);
			this.#share = share;
			this.keyHeld = true;
		}
		return share;
	}

	/** Until when a PIN set or renewed now opens the key offline: the centre's window. */
	async #pinWindowEnd(now: number): Promise<number> {
		const centreRow = this.user ? await this.db.centre.get(this.user.centreId) : undefined;
		const hours = (centreRow?.settings as { offlineUnlockHours?: number } | undefined)
			?.offlineUnlockHours;
		return now + (hours ?? 12) * 3600_000;
	}

	syncNow() {
		this.#engine?.request();
	}

	async signedIn(user: SessionUser, centre: CentreSummary) {
		// A device id belongs to one user on the server: another user here may need a fresh one.
		this.#deviceId = await meta.deviceFor(this.db, user.id, () => crypto.randomUUID());
		await meta.set(this.db, 'user', user);
		await meta.set(this.db, 'centre', centre);
		// A login against the server renews this user's offline-unlock window.
		const pins = await this.pins();
		const mine = pins[user.id];
		if (mine) await savePin(this.db, { ...mine, user, centre, verifiedAt: Date.now() });
		this.user = user;
		this.centre = centre;
		// The server's share again: the copy under the PIN opens for a new window.
		const share = await this.#fetchKey();
		const wrapped = (await wrappedShares(this.db))[user.id];
		if (share && wrapped) {
			const renewed = await renewShare(wrapped, share, await this.#pinWindowEnd(Date.now()));
			if (renewed) await saveWrappedShare(this.db, renewed);
			else await deleteWrappedShare(this.db, user.id);
		}
		// Signed out and in again without a reload: the engine stopped at sign-out starts again.
		if (this.#engine?.stopped) this.#engine.start();
		await this.#engine?.syncNow();
	}

	async signOut(wipe: boolean) {
		// Leaving a shared tablet also ends the server's share of its key (docs/security.md).
		await fetch('/api/auth/logout', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(wipe ? { deviceId: this.#deviceId } : {})
		}).catch(() => undefined);
		sealing.forgetKey(this.db);
		this.#share = undefined;
		this.keyHeld = false;
		// A sync under way must let go of the database before it is wiped.
		await this.#engine?.stop();
		if (wipe) {
			this.db.close();
			await this.db.delete();
		} else {
			await this.db.meta.delete('user');
		}
		this.user = undefined;
	}

	/**
	 * An admin wiped this device: everything local goes (rows, outbox, PINs), the session ends, and
	 * the login page says why. A full load, so nothing still holds the deleted database.
	 */
	async #wiped() {
		this.leaving = true;
		await this.signOut(true);
		location.assign('/login?reason=wiped');
	}

	/** PINs set on this device, by user id. */
	pins(): Promise<Record<string, StoredPin>> {
		return storedPins(this.db);
	}

	async setPin(pin: string) {
		if (!this.user || !this.centre) return;
		const centreRow = await this.db.centre.get(this.user.centreId);
		const hours = (centreRow?.settings as { offlineUnlockHours?: number } | undefined)
			?.offlineUnlockHours;
		// IndexedDB cannot clone a rune proxy: store plain copies of who and where.
		const user = $state.snapshot(this.user);
		const centre = $state.snapshot(this.centre);
		const now = Date.now();
		await savePin(this.db, await createPin(pin, user, centre, now, hours ?? 12));
		// Offline, this PIN opens the sealed personal data for the same window, and no longer.
		const share = this.#share ?? (await this.#fetchKey());
		if (share) {
			const end = now + (hours ?? 12) * 3600_000;
			await saveWrappedShare(this.db, await wrapShare(pin, share, user.id, end));
		}
		await clearWrongPins(this.db, user.id);
	}

	/** Opens the app for a user who set a PIN here, without the server. */
	async unlockOffline(
		userId: string,
		pin: string
	): Promise<UnlockResult | { ok: false; reason: 'wiped' }> {
		const stored = (await this.pins())[userId];
		if (!stored) return { ok: false, reason: 'wrong' };
		const now = Date.now();
		const result = await checkPin(stored, pin, now);
		if (!result.ok && result.reason === 'wrong') {
			if (await countWrongPin(this.db, userId)) return { ok: false, reason: 'wiped' };
			return result;
		}
		if (result.ok) {
			await clearWrongPins(this.db, userId);
			const wrapped = (await wrappedShares(this.db))[userId];
			const opened = wrapped && (await unwrapShare(wrapped, pin, now));
			if (opened && opened.ok) {
				await holdShare(this.db, opened.share);
				this.#share = opened.share;
				this.keyHeld = true;
			} else if (opened && opened.reason === 'expired') {
				// Past its window the copy is of no use to anyone: it goes.
				await deleteWrappedShare(this.db, userId);
			}
			this.#deviceId = await meta.deviceFor(this.db, stored.user.id, () => crypto.randomUUID());
			await meta.set(this.db, 'user', stored.user);
			await meta.set(this.db, 'centre', stored.centre);
			this.user = stored.user;
			this.centre = stored.centre;
		}
		return result;
	}

	notify(kind: Notice['kind'], key: MessageKey, params?: Notice['params'], detail?: MessageKey) {
		this.#notices.notify(kind, key, params, detail);
	}

	dismiss(id: number) {
		this.#notices.dismiss(id);
	}
}

/**
 * The app's state, for a page inside the frame: the frame draws a page only once the state has
 * loaded and read the device. The login page and the frame's own parts use `appSlot()` instead.
 */
export function appState(): AppState {
	const app = appSlot().current;
	if (!app) throw new Error('appState() before the state has loaded: use appSlot()');
	return app;
}
