/**
 * The name of the app's IndexedDB database, in a module of its own: the first page asks whether
 * the browser holds it (state/slot.svelte.ts) without loading Dexie or the database's code.
 */
export const LOCAL_DATABASE = 'budayang';
