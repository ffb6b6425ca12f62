/**
 * The vitest environment of the state classes' tests (vite.config.ts, project `state`). Node's
 * default environment compiles `.svelte.ts` for the server, where `$effect` never runs and
 * `createSubscriber` does nothing, so a `Live` query would never load. Declaring the client
 * environment makes Vite compile runes for the browser; the project adds the `browser` condition
 * so that `svelte` itself resolves to its client runtime. IndexedDB comes from fake-indexeddb.
 */
import type { Environment } from 'vitest/environments';

export default {
	name: 'svelte-client',
	viteEnvironment: 'client',
	setup() {
		return { teardown() {} };
	}
} satisfies Environment;
