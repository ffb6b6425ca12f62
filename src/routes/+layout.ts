// The app renders in the browser so the service worker can open every page offline
// from the prerendered shell (docs/architecture.md, "Offline and the service worker").
export const ssr = false;
export const prerender = true;
export const trailingSlash = 'never';
