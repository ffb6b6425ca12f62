/**
 * The production server: adapter-node's own server, unchanged (PORT, HOST, SOCKET_PATH, ORIGIN,
 * the *_HEADER and timeout variables, socket activation, and the graceful shutdown on SIGTERM or
 * SIGINT that lets the app release its database), with one step in front of it.
 *
 * adapter-node answers the prerendered app shell, sw.js, the manifest, icons and bundles straight
 * from disk, so those answers never pass through hooks.server.ts and would leave without the
 * security headers. That step gives every answer the headers first; what the app renders then sets
 * its own, equal ones over them. A prerendered page carries its CSP only as a <meta> tag, where
 * browsers ignore frame-ancestors, so the page's own policy (script hashes and all) is sent as a
 * header with frame-ancestors added.
 *
 *   node server.js            # serves ./build, or $BUILD_DIR
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
	cspDirectives,
	securityHeaders,
	strictTransportSecurity
} from './src/lib/server/security-headers.js';

const root = dirname(fileURLToPath(import.meta.url));
const buildDir = resolve(root, process.env.BUILD_DIR ?? 'build');

// Keywords go in single quotes; schemes and hosts do not (as kit.csp writes them).
const keyword = /^(self|none|unsafe-[a-z-]+|strict-dynamic|report-sample|wasm-unsafe-eval)$/;

/** @param {Readonly<Record<string, string[]>>} directives */
const policyOf = (directives) =>
	Object.entries(directives)
		.map(([name, values]) =>
			[name, ...values.map((v) => (keyword.test(v) ? `'${v}'` : v))].join(' ')
		)
		.join('; ');

const frameAncestors = policyOf({ 'frame-ancestors': cspDirectives['frame-ancestors'] });
/** Files, API answers and redirects: the app's policy without the per-page script hashes. */
const basePolicy = policyOf(cspDirectives);

const metaPolicy = /<meta http-equiv="content-security-policy" content="([^"]*)"/i;

/** @param {string} s */
const unescapeAttribute = (s) =>
	s
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');

/** Pathname of each prerendered page → its CSP header, read once from the built files. */
async function prerenderedPolicies() {
	const dir = join(buildDir, 'prerendered');
	/** @type {Map<string, string>} */
	const policies = new Map();
	let files;
	try {
		files = await readdir(dir, { recursive: true });
	} catch {
		return policies; // a build with nothing prerendered
	}
	for (const file of files.filter((f) => f.endsWith('.html'))) {
		const html = await readFile(join(dir, file), 'utf8');
		const meta = metaPolicy.exec(html);
		// Without its meta tag the page's inline scripts have no hashes to allow them.
		if (!meta) throw new Error(`server.js: ${file} has no content-security-policy meta tag`);
		const path = `/${file
			.split(sep)
			.join('/')
			.replace(/\.html$/, '')}`;
		policies.set(
			path === '/index' ? '/' : path,
			`${unescapeAttribute(meta[1])}; ${frameAncestors}`
		);
	}
	return policies;
}

// Files a browser must revalidate on every visit, so a new version is seen at once.
const revalidate = new Set(['/sw.js', '/manifest.webmanifest']);

/** Whether the site is reached over https, as adapter-node decides it for the app. */
function httpsOrigin() {
	const origin = process.env.ORIGIN;
	if (origin) return new URL(origin).protocol === 'https:';
	return false;
}

const policies = await prerenderedPolicies();
const https = httpsOrigin();
const protocolHeader = process.env.PROTOCOL_HEADER?.toLowerCase();

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
function addHeaders(req, res) {
	let pathname = '/';
	try {
		pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
	} catch {
		// a malformed URL keeps the base policy
	}
	for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
	const page = policies.get(pathname);
	res.setHeader('Content-Security-Policy', page ?? basePolicy);
	if (page || revalidate.has(pathname)) res.setHeader('Cache-Control', 'no-cache');
	const forwarded = protocolHeader && req.headers[protocolHeader];
	if (https || forwarded === 'https') {
		res.setHeader('Strict-Transport-Security', strictTransportSecurity);
	}
}

// Importing adapter-node's entry starts it listening; the listener below is put ahead of its
// handler before the event loop delivers any request.
const { server } = await import(pathToFileURL(join(buildDir, 'index.js')).href);
server.server.prependListener('request', addHeaders);
