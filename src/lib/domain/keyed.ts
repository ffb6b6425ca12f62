/**
 * Objects used as maps keyed by names people type (categories, refusal reasons, ids). A plain `{}`
 * answers `map['constructor']` with Object itself and turns `map['__proto__'] = x` into a prototype
 * change, so a roll-up keyed by such a name would add into the wrong thing or drop the count.
 * New schemas refuse those names (keyName), but rows stored earlier or read back from IndexedDB
 * (which clones a prototype-less object into a plain one) still pass through here: every read
 * checks own properties and every write defines one.
 */

/** An empty map with no prototype. */
export const keyed = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

/** The value stored under `key`, never one inherited from Object.prototype. */
export function own<T>(map: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
	return map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
}

/** Stores `value` under `key` as an own property, even when the key is `__proto__`. */
export function put<T>(map: Record<string, T>, key: string, value: T): T {
	Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
	return value;
}

/** The value under `key`, created by `make` when there is none yet. */
export function slot<T>(map: Record<string, T>, key: string, make: () => T): T {
	return Object.hasOwn(map, key) ? map[key] : put(map, key, make());
}

/** Adds `n` to the count under `key`. */
export function addTo(map: Record<string, number>, key: string, n: number): void {
	put(map, key, (own(map, key) ?? 0) + n);
}
