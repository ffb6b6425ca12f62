/**
 * The message keys the app may name: those worded in both languages (messages/zh.json and
 * messages/en.json). A key in neither, or in one only, does not compile. The files are read as
 * types only, so no text reaches a bundle from here; it lives among the schemas so that every
 * layer may name a key, the domain and the server included, without importing Paraglide.
 */
// eslint-disable-next-line no-restricted-imports -- the message files live outside src/, read as types
import type en from '../../../messages/en.json';
// eslint-disable-next-line no-restricted-imports -- the same, for the default language
import type zh from '../../../messages/zh.json';

export type MessageKey = Exclude<keyof typeof zh & keyof typeof en, `$${string}`>;
