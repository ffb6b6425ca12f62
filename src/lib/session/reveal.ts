/** Asks the server for one masked field in full (POST /api/reveal; logged there). */
import { revealResponse, type MessageKey, type RevealRequest } from '$lib/schemas';
import { versionHeaders } from '$lib/sync/client';

export type RevealResult =
	| { ok: true; value: string }
	| { ok: false; reason: 'offline' | 'forbidden' | 'outdated' | 'failed' };

export async function revealField(request: RevealRequest): Promise<RevealResult> {
	let res: Response;
	try {
		res = await fetch('/api/reveal', {
			method: 'POST',
			credentials: 'same-origin',
			headers: { ...versionHeaders, 'content-type': 'application/json' },
			body: JSON.stringify(request)
		});
	} catch {
		return { ok: false, reason: 'offline' };
	}
	if (res.status === 403) return { ok: false, reason: 'forbidden' };
	if (res.status === 426) return { ok: false, reason: 'outdated' };
	const parsed = res.ok ? revealResponse.safeParse(await res.json()) : undefined;
	return parsed?.success ? { ok: true, value: parsed.data.value } : { ok: false, reason: 'failed' };
}

/** The message key that tells the user why nothing was revealed. */
export const revealFailure: Record<Exclude<RevealResult, { ok: true }>['reason'], MessageKey> = {
	offline: 'roles_reveal_offline',
	forbidden: 'roles_reveal_forbidden',
	outdated: 'sync_client_too_old',
	failed: 'roles_reveal_failed'
};
