export { HallDatabase, entityTables } from './db';
export * as meta from './meta';
export * as repo from './repository';
export * as outbox from './outbox';
export * as rollup from './rollup';
export { applyPull } from './pull';
export { LocalRejection, type Actor } from './outbox';
export { StorageFullError, requestPersistence } from './storage';
export { liveQuery } from 'dexie';
