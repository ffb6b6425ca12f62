import type { ClientInit, HandleClientError } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { installOffer } from '$lib/pwa/install-offer.svelte';
import { z } from 'zod';

// The CSP allows no eval (script-src 'self', svelte.config.js). Zod 4 probes `new Function` to
// compile faster object parsers; under this CSP the probe always fails and the browser logs it as
// a policy violation on every page. Parsing without the compiler is what happened anyway.
z.config({ jitless: true });

// Before the first render: the browser's install offer may arrive before any component mounts.
export const init: ClientInit = () => {
	installOffer.listen(window);
};

/**
 * A rarely used screen's code is cached the first time it is opened (vite.config.ts,
 * lazyScreens); opened offline before that, the router's import of it fails: Vite's loader
 * first, when the screen's stylesheet does not load, else the browser (Chromium and Firefox
 * word it as a failed dynamic import, Safari as a failed module script).
 */
function screenNotStored(error: unknown): boolean {
	return (
		!navigator.onLine &&
		error instanceof Error &&
		/unable to preload css|dynamically imported module|importing a module script/i.test(
			error.message
		)
	);
}

/**
 * An unexpected error in the browser (a load that throws, a bug): the console keeps the error
 * with an id and the error page shows that id, so a duty lead can quote it. The tablet may be
 * offline, so nothing is sent anywhere. A missing page (404) is not worth the console's time.
 */
export const handleError: HandleClientError = ({ error, status }) => {
	const errorId = Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) =>
		b.toString(16).padStart(2, '0')
	).join('');
	if (status >= 500) console.error(`[${errorId}]`, error);
	const message =
		status === 404
			? m.ops_error_not_found({ errorId })
			: screenNotStored(error)
				? m.ops_error_screen_offline({ errorId })
				: m.ops_error_client({ errorId });
	return { message, errorId };
};
