/// <reference types="vite-plugin-pwa/client" />
// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
			/** Also in the log line of the error (hooks.server.ts, hooks.client.ts). */
			errorId?: string;
		}
		interface Locals {
			/** Given by the request log (the proxy's X-Request-Id when it sends one). */
			requestId: string;
			/** Set from the session cookie in hooks.server.ts; the centre always comes from here. */
			user: import('$lib/schemas').SessionUser | null;
			centre: { id: string; name: string; slug: string } | null;
			/** The database and poke hub, opened on first use. */
			app: () => Promise<import('$lib/server/db').App>;
		}
	}
}

export {};
