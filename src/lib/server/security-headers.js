/**
 * The security headers of every answer, in plain JavaScript because two runtimes read them: the
 * SvelteKit hooks (guard.ts) for what the app renders, and server.js for what adapter-node serves
 * as files (the prerendered app shell, sw.js, the manifest, icons and bundles), which never pass
 * through the hooks. One list, so a file and a page cannot drift apart.
 */

/** @type {Readonly<Record<string, string>>} */
export const securityHeaders = Object.freeze({
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'same-origin',
	'X-Frame-Options': 'DENY',
	'Permissions-Policy':
		'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Resource-Policy': 'same-origin'
});

/** Only over https: a browser that saw it refuses plain http to this host for a year. */
export const strictTransportSecurity = 'max-age=31536000; includeSubDomains';

/**
 * The Content-Security-Policy (svelte.config.js hands it to kit.csp, which adds script hashes).
 * A prerendered page can carry it only as a <meta> tag, where browsers ignore frame-ancestors;
 * server.js sends it as a header for those pages.
 * @type {Readonly<Record<string, string[]>>}
 */
export const cspDirectives = Object.freeze({
	'default-src': ['self'],
	'script-src': ['self'],
	'style-src': ['self', 'unsafe-inline'],
	'img-src': ['self', 'data:', 'blob:'],
	'font-src': ['self'],
	'connect-src': ['self'],
	'worker-src': ['self'],
	'manifest-src': ['self'],
	'object-src': ['none'],
	'base-uri': ['self'],
	'form-action': ['self'],
	'frame-ancestors': ['none']
});
