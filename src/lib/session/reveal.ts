/** Asks the server for one masked field in full (POST /api/reveal; logged there). */
import { revealResponse, type RevealRequest } from '$lib/schemas';

export type RevealResult =
	{ ok: true; value: string } | { ok: false; reason: 'offline' | 'forbidden' | 'failed' };

export async function revealField(request: RevealRequest): Promise<RevealResult> {
	let res: Response;
	try {
		res = await fetch('/api/reveal', {
			method: 'POST',
			credentials: 'same-origin',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(request)
		});
	} catch {
		return { ok: false, reason: 'offline' };
	}
	if (res.status === 403) return { ok: false, reason: 'forbidden' };
	const parsed = res.ok ? revealResponse.safeParse(await res.json()) : undefined;
	return parsed?.success ? { ok: true, value: parsed.data.value } : { ok: false, reason: 'failed' };
}

/** The message key that tells the user why nothing was revealed. */
export const revealFailure: Record<Exclude<RevealResult, { ok: true }>['reason'], string> = {
	offline: 'roles_reveal_offline',
	forbidden: 'roles_reveal_forbidden',
	failed: 'roles_reveal_failed'
};
