import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** SvelteKit's output folder; KIT_OUT moves it so parallel builds do not meet (svelte.config.js). */
const kitOut = process.env.KIT_OUT ?? '.svelte-kit';

/**
 * @vite-pwa/sveltekit looks for the generated service worker under `.svelte-kit/output` whatever
 * SvelteKit's outDir is, so with KIT_OUT set the worker stayed in the server folder and the build
 * shipped none. This moves it to the client folder before the adapter copies that folder.
 */
function serviceWorkerInKitOut(): Plugin {
	let ssr = false;
	return {
		name: 'budayang:service-worker-in-kit-out',
		apply: 'build',
		// After the PWA plugin (also 'pre', listed before this one), before SvelteKit's adapter.
		enforce: 'pre',
		configResolved(config) {
			ssr = !!config.build.ssr;
		},
		closeBundle: {
			sequential: true,
			async handler() {
				if (!ssr || kitOut === '.svelte-kit') return;
				const server = join(kitOut, 'output', 'server');
				const client = join(kitOut, 'output', 'client');
				const files = await readdir(server).catch(() => [] as string[]);
				await mkdir(client, { recursive: true });
				for (const file of files.filter((f) => f === 'sw.js' || /^workbox-.*\.js$/.test(f))) {
					await copyFile(join(server, file), join(client, file));
					await rm(join(server, file));
				}
			}
		}
	};
}

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['localStorage', 'baseLocale']
		}),
		sveltekit(),
		SvelteKitPWA({
			registerType: 'prompt',
			injectRegister: false,
			manifest: {
				name: '不打烊政务服务',
				short_name: '不打烊',
				description: '政务服务中心不打烊值班、预约与业务量看板',
				lang: 'zh-CN',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				orientation: 'any',
				background_color: '#f6f7f9',
				theme_color: '#b3261e',
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
					{
						src: '/icons/icon-maskable-512.png',
						sizes: '512x512',
						type: 'image/png',
						purpose: 'maskable'
					}
				]
			},
			workbox: {
				globPatterns: [
					'client/**/*.{js,css,ico,png,svg,webp,woff2,webmanifest}',
					'prerendered/**/*.html'
				],
				navigateFallback: '/',
				navigateFallbackDenylist: [/^\/api\//, /^\/public\//],
				cleanupOutdatedCaches: true,
				maximumFileSizeToCacheInBytes: 4 * 1024 * 1024
			},
			kit: { includeVersionFile: true, outDir: kitOut }
		}),
		serviceWorkerInKitOut()
	],
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node',
		// Tests that drive hooks.server.ts would print a request log line each (.env.example).
		env: { LOG_LEVEL: 'silent' },
		testTimeout: 30_000
	}
});
