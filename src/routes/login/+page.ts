// The one page a new tablet sees first is prerendered with its markup (the rest of the app
// renders in the browser, +layout.ts): the form paints from the HTML before any script has run,
// and the scripts then hydrate it (docs/bench, Lighthouse on /login).
export const ssr = true;
