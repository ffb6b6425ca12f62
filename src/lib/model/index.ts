/**
 * The shared model: named mutations and what they may see of the records. The browser's `local/`
 * and the server's `server/sync/` both run these; this floor imports only `schemas/` and `domain/`.
 */
export * from './records';
export * from './mutator';
export { callers, mutatorNamed, mutators, registry } from './registry';
