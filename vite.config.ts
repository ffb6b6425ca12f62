import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA, type SvelteKitPWAOptions } from '@vite-pwa/sveltekit';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin, PluginOption } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';

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

/**
 * Code a tablet rarely needs goes into chunks with names the service worker can recognise: they
 * are left out of the precache and cached on first use instead (workbox.runtimeCaching below),
 * so they still work offline once they have been used.
 * - spreadsheet: the XLSX reader and writer (read-excel-file and write-excel-file with the zip
 *   code they share, about 36 KiB gzip) for imports and exports (src/lib/files/workbook.ts);
 * - charts: Chart.js (about 61 KiB gzip), drawn only by the review (分析) pages, which show the
 *   same figures as text and tables while it is missing (src/lib/charts/draw.ts).
 */
const lazyChunks = {
	spreadsheet:
		/[\\/]node_modules[\\/](read-excel-file|write-excel-file|fflate|saxen|unzipper-esm|worker-f)[\\/]/,
	charts:
		/[\\/]node_modules[\\/](chart\.js|@kurkle[\\/]color)[\\/]|[\\/]src[\\/]lib[\\/]charts[\\/]chart-js\.ts$/
} as const;
type LazyChunk = keyof typeof lazyChunks;
const lazyNames = Object.keys(lazyChunks) as LazyChunk[];
const lazyFile = (name: LazyChunk) => new RegExp(`/_app/immutable/chunks/${name}-[^/]+\\.js$`);

/**
 * Screens a tablet opens rarely, and never on a weekend duty: the set-up screens under 设置 (the
 * settings overview itself stays), the monthly report (once a month, to print), the district
 * office's view, and the citizens' public page (which the worker never serves offline: /public/
 * is kept out of the fallback). Their code is left out of the precache and cached the first time
 * the screen is opened (the runtime cache of immutable files below), so once used it opens
 * offline as before; opened offline before that, it says so (hooks.client.ts).
 */
const lazyScreens = /src\/routes\/(settings\/[^/]+|report|district|public)\//;

interface ManifestChunk {
	file: string;
	isEntry?: boolean;
	imports?: string[];
	dynamicImports?: string[];
	css?: string[];
}

/**
 * The files (scripts and styles) that only the lazy screens load, from the client build's Vite
 * manifest: every file a lazy screen's node reaches, minus every file the entry or any other
 * screen reaches. A chunk shared with a precached screen stays precached.
 */
function lazyScreenFiles(): Set<string> {
	const manifestPath = join(kitOut, 'output', 'client', '.vite', 'manifest.json');
	if (!existsSync(manifestPath)) return new Set();
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
	const nodes = Object.keys(manifest).filter((key) => /[\\/]nodes[\\/]\d+\.js$/.test(key));
	// A node module re-exports its route's files, which name the route (src/routes/…).
	const lazy = new Set(
		nodes.filter((key) => existsSync(key) && lazyScreens.test(readFileSync(key, 'utf8')))
	);
	const reach = (key: string, seen: Set<string>) => {
		if (seen.has(key)) return;
		seen.add(key);
		// The router imports every node on demand; those imports are the screens themselves.
		for (const next of [...(manifest[key].imports ?? []), ...(manifest[key].dynamicImports ?? [])])
			if (!nodes.includes(next)) reach(next, seen);
	};
	const kept = new Set<string>();
	for (const key of Object.keys(manifest))
		if ((manifest[key].isEntry && !nodes.includes(key)) || (nodes.includes(key) && !lazy.has(key)))
			reach(key, kept);
	const only = new Set<string>();
	for (const key of lazy) reach(key, only);
	const files = new Set<string>();
	for (const key of only)
		if (!kept.has(key))
			for (const file of [manifest[key].file, ...(manifest[key].css ?? [])]) files.add(file);
	return files;
}

type ManifestTransform = NonNullable<
	NonNullable<SvelteKitPWAOptions['workbox']>['manifestTransforms']
>[number];

/** Takes the lazy screens' own files out of the precache manifest (lazyScreens above). */
const dropLazyScreens: ManifestTransform = (entries) => {
	const lazy = lazyScreenFiles();
	return {
		manifest: entries.filter((entry) => !lazy.has(entry.url)),
		// Without the client build's manifest everything stays precached: still correct offline,
		// only larger, so the build says so and goes on.
		warnings: lazy.size ? [] : ['no lazy screen files found: every screen is precached']
	};
};

/**
 * @vite-pwa/sveltekit adds its own manifest transform (build paths to URLs: `client/_app/…` to
 * `_app/…`, `prerendered/pages/login.html` to `login`) only when the config has none, once Vite's
 * config is resolved. Setting ours in the config would silently drop that one, so ours is added
 * after it, through the same integration hook, and sees the final URLs.
 */
function pwaWithLazyScreens(options: SvelteKitPWAOptions): PluginOption[] {
	const plugins = SvelteKitPWA(options);
	const configure = options.integration?.configureOptions;
	options.integration = {
		...options.integration,
		async configureOptions(viteConfig, resolved) {
			await configure?.(viteConfig, resolved);
			const transforms = resolved.workbox?.manifestTransforms;
			if (!transforms) throw new Error('vite.config.ts: the PWA plugin set no manifest transform');
			// Called once for the client build and once for the server build.
			if (!transforms.includes(dropLazyScreens)) transforms.push(dropLazyScreens);
		}
	};
	return plugins;
}

/**
 * SvelteKit names every client chunk by its hash alone and does not let the config change that,
 * so this wraps its pattern at output time: a lazy chunk becomes <name>-<hash>.js.
 */
function namedLazyChunks(): Plugin {
	return {
		name: 'budayang:named-lazy-chunks',
		apply: 'build',
		outputOptions(options) {
			const pattern = options.chunkFileNames;
			if (typeof pattern !== 'string' || !pattern.endsWith('/chunks/[hash].js')) return null;
			return {
				...options,
				chunkFileNames: (chunk) =>
					(lazyNames as string[]).includes(chunk.name)
						? pattern.replace('[hash]', `${chunk.name}-[hash]`)
						: pattern
			};
		}
	};
}

export default defineConfig({
	build: {
		rolldownOptions: {
			output: {
				codeSplitting: {
					groups: lazyNames.map((name) => ({ name, test: lazyChunks[name] }))
				}
			}
		}
	},
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['localStorage', 'baseLocale']
		}),
		sveltekit(),
		pwaWithLazyScreens({
			registerType: 'prompt',
			injectRegister: false,
			manifest: {
				// A stable identity, so a later change of start_url does not make a second install.
				id: '/',
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
				],
				// A long press on the home-screen icon opens the three jobs a tablet is mostly used for.
				shortcuts: [
					{
						name: '今日值班',
						short_name: '今日',
						url: '/',
						icons: [{ src: '/icons/shortcut-today.png', sizes: '96x96', type: 'image/png' }]
					},
					{
						name: '预约台账',
						short_name: '预约',
						url: '/appointments',
						icons: [{ src: '/icons/shortcut-appointments.png', sizes: '96x96', type: 'image/png' }]
					},
					{
						name: '业务量登记',
						short_name: '业务量',
						url: '/volume',
						icons: [{ src: '/icons/shortcut-volume.png', sizes: '96x96', type: 'image/png' }]
					}
				],
				// Shown only in the install dialog, so they stay out of the precache (globIgnores).
				screenshots: [
					{
						src: '/screenshots/today-wide.webp',
						sizes: '1280x800',
						type: 'image/webp',
						form_factor: 'wide',
						label: '今日值班：窗口开放、签到与业务量'
					},
					{
						src: '/screenshots/today-narrow.webp',
						sizes: '800x1280',
						type: 'image/webp',
						form_factor: 'narrow',
						label: '竖屏平板上的今日值班'
					}
				]
			},
			workbox: {
				// Two prerendered pages: the shell '/' (navigateFallback answers every app route with
				// it) and /login with its markup. The other routes' shells differ from '/' only in what
				// they preload, which the worker serves from the precache anyway, so each would be a
				// second copy of the same page (about 1 KiB gzip each, 17 of them).
				globPatterns: [
					'client/**/*.{js,css,ico,png,svg,webp,woff2,webmanifest}',
					'prerendered/pages/index.html',
					'prerendered/pages/login.html'
				],
				// Install screenshots are for the browser's install dialog only, and so are the large
				// icons and the shortcut icons: the browser fetches them when it installs the app,
				// online, and no page shows them (the pages show icon-192, which stays).
				globIgnores: [
					'client/screenshots/**',
					'client/icons/icon-512.png',
					'client/icons/icon-maskable-512.png',
					'client/icons/shortcut-*.png',
					...lazyNames.map((name) => `client/_app/immutable/chunks/${name}-*.js`)
				],
				// Fetched the first time someone imports or exports a spreadsheet or opens the review's
				// charts, then kept for offline use. The names carry a content hash, so a cached copy
				// is never stale.
				runtimeCaching: [
					...lazyNames.map((name) => ({
						urlPattern: lazyFile(name),
						handler: 'CacheFirst' as const,
						options: { cacheName: `budayang-${name}`, expiration: { maxEntries: 4 } }
					})),
					// The lazy screens' files (lazyScreens), and any other immutable file the precache
					// lacks. The precache answers first; the names carry a content hash, so a kept copy
					// is never stale, and old versions' files age out by count.
					{
						urlPattern: /\/_app\/immutable\/(nodes|chunks|assets)\/[^/]+\.(js|css)$/,
						handler: 'CacheFirst' as const,
						options: { cacheName: 'budayang-screens', expiration: { maxEntries: 120 } }
					}
				],
				navigateFallback: '/',
				navigateFallbackDenylist: [/^\/api\//, /^\/public\//],
				cleanupOutdatedCaches: true,
				maximumFileSizeToCacheInBytes: 4 * 1024 * 1024
			},
			kit: { includeVersionFile: true, outDir: kitOut }
		}),
		serviceWorkerInKitOut(),
		namedLazyChunks()
	],
	test: {
		environment: 'node',
		// Tests that drive hooks.server.ts would print a request log line each (.env.example).
		env: { LOG_LEVEL: 'silent' },
		testTimeout: 30_000,
		// The state classes are rune classes: their tests run with Svelte's client runtime
		// (src/lib/state/testing/environment.ts), everything else in plain Node.
		projects: [
			{
				extends: true,
				test: {
					name: 'node',
					include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
					exclude: [...configDefaults.exclude, 'src/lib/state/**']
				}
			},
			{
				extends: true,
				resolve: { conditions: ['browser'] },
				test: {
					name: 'state',
					include: ['src/lib/state/**/*.test.ts'],
					environment: './src/lib/state/testing/environment.ts'
				}
			}
		]
	}
});
