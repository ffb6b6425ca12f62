/**
 * The frame's hold on the app's state. The state's module brings the local database, the model
 * with its schemas and the sync engine: most of the app's script. The login page paints and
 * settles without it, and it loads when a page needs it (docs/architecture.md, "The first page").
 */
import { getContext, setContext } from 'svelte';
import type { MessageKey } from '$lib/schemas';
import type { AppState } from './app.svelte';
import { LOCAL_DATABASE } from '$lib/local/name';

export interface Notice {
	id: number;
	kind: 'info' | 'error';
	key: MessageKey;
	params?: Record<string, string | number>;
	/** A second, smaller line under the message. */
	detail?: MessageKey;
}

/** The messages the frame shows: here, so that one can be shown before the state has loaded. */
export class Notices {
	list = $state<Notice[]>([]);
	#id = 0;

	notify(kind: Notice['kind'], key: MessageKey, params?: Notice['params'], detail?: MessageKey) {
		const notice = { id: ++this.#id, kind, key, params, detail };
		this.list = [...this.list.slice(-3), notice];
		setTimeout(() => this.dismiss(notice.id), kind === 'error' ? 10_000 : 4_000);
	}

	dismiss(id: number) {
		this.list = this.list.filter((n) => n.id !== id);
	}
}

export class AppSlot {
	readonly notices = new Notices();
	/** The state, from the moment its module has loaded; `ready` says when it has read the device. */
	current = $state.raw<AppState | undefined>();
	#loading: Promise<AppState> | undefined;

	/**
	 * Loads the state and reads the device (who is signed in, its centre) once; every caller shares
	 * that. A module that cannot be fetched (offline before the app was cached) may be asked for
	 * again; once made, the state is never made twice (its sync engine, timers and listeners).
	 */
	load(): Promise<AppState> {
		this.#loading ??= import('./app.svelte')
			.catch((e: unknown) => {
				this.#loading = undefined;
				throw e;
			})
			.then(async ({ AppState }) => {
				const app = new AppState(undefined, this.notices);
				this.current = app;
				await app.init();
				return app;
			});
		return this.#loading;
	}
}

/**
 * Whether this browser holds the app's database, asked without opening it: a tablet that does not
 * has no one signed in and no PIN to offer. Where the browser cannot say, it may.
 */
export async function deviceUsed(): Promise<boolean> {
	if (!indexedDB.databases) return true;
	const found = await indexedDB.databases().catch(() => undefined);
	return found?.some((d) => d.name === LOCAL_DATABASE) ?? true;
}

const KEY = Symbol('app');

export const provideAppSlot = (slot: AppSlot) => setContext(KEY, slot);
export const appSlot = () => getContext<AppSlot>(KEY);
