import type { ClientInit } from '@sveltejs/kit';
import { installOffer } from '$lib/pwa/install-offer.svelte';

// Before the first render: the browser's install offer may arrive before any component mounts.
export const init: ClientInit = () => {
	installOffer.listen(window);
};
