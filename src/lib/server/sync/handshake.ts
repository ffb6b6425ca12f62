/**
 * The version handshake of every sync request (docs/sync-protocol.md, "Versions and handshake"):
 * a device says which protocol and which schema version it speaks, and one older than the
 * server's minimum is answered 426 before anything is read or written, so it stops and asks its
 * user to update instead of misreading the answers.
 */
import {
	CLIENT_PROTOCOL_HEADER,
	CLIENT_SCHEMA_HEADER,
	clientVersion,
	PROTOCOL_VERSION,
	SCHEMA_VERSION,
	type ClientTooOld,
	type ClientVersion
} from '$lib/schemas';
import { badRequest, HttpError } from '../http';

/**
 * Reads the headers, or the query of an EventSource (which cannot send headers), and refuses a
 * device below `minProtocol`. A device that announces nothing is one of the first release.
 */
export function checkClient(request: Request, url: URL, minProtocol: number): ClientVersion {
	const raw = (header: string, query: string) =>
		request.headers.get(header) ?? url.searchParams.get(query) ?? undefined;
	const parsed = clientVersion.safeParse({
		protocol: raw(CLIENT_PROTOCOL_HEADER, 'protocol'),
		schema: raw(CLIENT_SCHEMA_HEADER, 'schema')
	});
	if (!parsed.success) {
		throw badRequest(
			parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
		);
	}
	if (parsed.data.protocol < minProtocol) throw clientTooOld(parsed.data.protocol, minProtocol);
	return parsed.data;
}

function clientTooOld(protocol: number, minProtocol: number): HttpError {
	const body: ClientTooOld = {
		error: '此设备上的应用版本过旧，请更新后再同步；未同步的记录仍保存在本机',
		code: 'client_too_old',
		messageKey: 'sync_client_too_old',
		minProtocol,
		protocol,
		serverProtocol: PROTOCOL_VERSION,
		serverSchema: SCHEMA_VERSION
	};
	return new HttpError(426, body, { 'Cache-Control': 'no-store' });
}
