/**
 * Request guards of hooks.server.ts: the same-origin rule for state-changing requests (CSRF) and
 * the security headers every answer carries. The CSP itself comes from kit.csp in svelte.config.js;
 * the header list lives in security-headers.js, which server.js also applies to static files.
 */
import { securityHeaders, strictTransportSecurity } from './security-headers.js';

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A state-changing request must show it comes from our own pages: an Origin equal to ours, or,
 * from a browser that sends no Origin, Sec-Fetch-Site: same-origin. SameSite=Lax cookies alone
 * would still let a same-site page (another app on a sibling subdomain) post with the session.
 */
export function crossOrigin(request: Request, url: URL): boolean {
	if (!stateChanging.has(request.method)) return false;
	const origin = request.headers.get('origin');
	if (origin !== null) return origin !== url.origin;
	return request.headers.get('sec-fetch-site') !== 'same-origin';
}

/** Adds the security headers; API answers are personal and never cached. */
export function withSecurityHeaders(response: Response, url: URL): Response {
	let headers = response.headers;
	try {
		headers.set('X-Content-Type-Options', 'nosniff');
	} catch {
		// Headers of a fetched response are immutable; answer with a copy.
		response = new Response(response.body, response);
		headers = response.headers;
	}
	for (const [name, value] of Object.entries(securityHeaders)) headers.set(name, value);
	if (url.protocol === 'https:') {
		headers.set('Strict-Transport-Security', strictTransportSecurity);
	}
	if (url.pathname.startsWith('/api/') && !headers.has('Cache-Control')) {
		headers.set('Cache-Control', 'no-store');
	}
	return response;
}
