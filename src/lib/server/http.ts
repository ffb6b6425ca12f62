/**
 * Request bodies and error answers of the JSON endpoints: a size limit checked on the declared
 * length and on the bytes actually read, JSON parsing, and a Zod check, each failing with a clear
 * answer (Chinese first) before anything is changed.
 */
import type { z } from 'zod';
import { plainIssue } from '$lib/schemas';

export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: { error: string; detail?: unknown },
		readonly headers: Record<string, string> = {}
	) {
		super(body.error);
	}

	toResponse(): Response {
		return Response.json(this.body, { status: this.status, headers: this.headers });
	}
}

export const badRequest = (detail: unknown) =>
	new HttpError(400, { error: '请求格式不正确', detail });

export const unauthorized = () =>
	new HttpError(401, { error: '请先登录', detail: 'not logged in' });

export const forbidden = (detail = 'not permitted') =>
	new HttpError(403, { error: '没有权限', detail });

/** A clerk account with no department (docs/roles.md); `detail` is what the client checks. */
export const noDepartment = () =>
	new HttpError(403, {
		error: '该账号未指定所属部门，暂不能使用，请联系管理员',
		detail: 'no-department'
	});

const tooLarge = (limit: number) =>
	new HttpError(413, { error: '请求内容过大', detail: `body is larger than ${limit} bytes` });

async function readText(request: Request, limit: number): Promise<string> {
	const declared = request.headers.get('content-length');
	if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
	if (!request.body) return '';
	// The declared length can lie or be missing (chunked): count what actually arrives.
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel();
			throw tooLarge(limit);
		}
		chunks.push(value);
	}
	return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}

/** Reads a JSON body of at most `limit` bytes and checks it against `schema`. */
export async function readJson<S extends z.ZodType>(
	request: Request,
	schema: S,
	limit: number
): Promise<z.infer<S>> {
	const text = await readText(request, limit);
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw badRequest('body is not valid JSON');
	}
	return parse(schema, value);
}

/**
 * Checks a parsed body or query: the plain-JSON guard first (text PostgreSQL refuses, hostile
 * nesting, numbers that overflowed to Infinity), then the schema. Refused here, such a value
 * cannot fail a statement halfway through a push and answer 500.
 */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
	const plain = plainIssue(value);
	if (plain) throw badRequest({ problem: plain.problem, path: plain.path });
	const parsed = schema.safeParse(value);
	if (!parsed.success) {
		throw badRequest(
			parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
		);
	}
	return parsed.data;
}

/** Runs an endpoint body, turning an HttpError into its answer. */
export async function answer(run: () => Promise<Response>): Promise<Response> {
	try {
		return await run();
	} catch (e) {
		if (e instanceof HttpError) return e.toResponse();
		throw e;
	}
}
