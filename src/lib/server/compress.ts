/**
 * JSON answers of the sync endpoints, compressed when the client accepts it: a first pull of a
 * centre is megabytes of repetitive JSON, which brotli or gzip bring to a tenth over a hall's
 * Wi-Fi. Done here rather than in server.js so that `node build`, `vite preview` and the tests that
 * call the endpoints all answer alike. Not for the event stream: a compressor would hold pokes back.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** Below this a compressed answer saves less than its headers and the CPU cost. */
const MIN_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

export type Encoding = 'br' | 'gzip';

/** What the client accepts, brotli first; `q=0` refuses an encoding. */
export function acceptedEncoding(header: string | null): Encoding | undefined {
	if (!header) return undefined;
	const accepted = new Set<string>();
	for (const part of header.split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		if (q && !(Number(q.slice(2)) > 0)) continue;
		accepted.add(name.trim());
	}
	if (accepted.has('br')) return 'br';
	if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
	return undefined;
}

async function encode(text: string, encoding: Encoding): Promise<Uint8Array<ArrayBuffer>> {
	const bytes = Buffer.from(text);
	// Quality 5 gets most of brotli's gain at a small part of the default's (11) CPU time.
	const out = await (encoding === 'br'
		? brotli(bytes, {
				params: {
					[constants.BROTLI_PARAM_QUALITY]: 5,
					[constants.BROTLI_PARAM_SIZE_HINT]: bytes.length
				}
			})
		: gzipped(bytes, { level: 6 }));
	return new Uint8Array(out.buffer as ArrayBuffer, out.byteOffset, out.byteLength);
}

/** `json()` of SvelteKit, compressed for a client that accepts it. */
export async function compressedJson(request: Request, value: unknown): Promise<Response> {
	const text = JSON.stringify(value);
	const headers = new Headers({ 'content-type': 'application/json', vary: 'accept-encoding' });
	const encoding =
		text.length >= MIN_BYTES ? acceptedEncoding(request.headers.get('accept-encoding')) : undefined;
	if (!encoding) return new Response(text, { headers });
	headers.set('content-encoding', encoding);
	return new Response(await encode(text, encoding), { headers });
}
