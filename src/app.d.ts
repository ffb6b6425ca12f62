// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Locals {
			user: { id: string; centreId: string; role: string; name: string } | null;
		}
	}
}

export {};
