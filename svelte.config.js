import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { cspDirectives } from './src/lib/server/security-headers.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// BUILD_DIR and KIT_OUT let several builds of the tree coexist (parallel e2e runs, benches).
		adapter: adapter({ out: process.env.BUILD_DIR ?? 'build' }),
		outDir: process.env.KIT_OUT ?? '.svelte-kit',
		// The service worker answers every app route with the one prerendered shell ('/'), so asset
		// paths must be absolute: relative ones would resolve under /roster/… and miss.
		paths: { relative: false },
		serviceWorker: { register: false },
		csp: {
			mode: 'hash',
			// Kept with the other security headers; server.js sends them for the prerendered shell too.
			directives: /** @type {import('@sveltejs/kit').CspDirectives} */ (
				structuredClone(cspDirectives)
			)
		}
	}
};

export default config;
