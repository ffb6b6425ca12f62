// The public service list is the one page rendered on the server for citizens: no login, no
// script, cacheable, and kept out of the service worker's fallback (docs/architecture.md, "Offline and the service worker").
export const ssr = true;
export const csr = false;
export const prerender = false;
