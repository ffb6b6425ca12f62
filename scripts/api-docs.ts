/**
 * Writes docs/api.md from the Zod schemas the server and the devices actually use: the endpoints'
 * requests and answers, every named mutation with its roles and arguments, and every entity with
 * its version. `npm run docs:api` rewrites the file; tests/unit/api-docs.test.ts fails when the
 * file no longer matches the schemas.
 *
 * Tables are drawn from z.toJSONSchema (the input side: what a client must send), flattened so that
 * a nested field reads as a path (`windows[].sessions[].start`).
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'prettier';
import { z } from 'zod';
import {
	auditPage,
	auditQuery,
	districtFigures,
	districtQuery,
	CLIENT_PROTOCOL_HEADER,
	CLIENT_SCHEMA_HEADER,
	clientTooOld,
	clientVersion,
	entities,
	erasureReport,
	errorBody,
	healthResponse,
	loginRequest,
	meResponse,
	PROTOCOL_VERSION,
	pullQuery,
	firstSyncQuery,
	firstSyncResponse,
	historyQuery,
	historyResponse,
	SCHEMA_VERSION,
	accountChange,
	accountList,
	newAccount,
	passwordReset,
	resetAnswer,
	pullResponse,
	pushRequest,
	pushResponse,
	type EntityName
} from '../src/lib/schemas';
import { mutators } from '../src/lib/model';

type Json = {
	type?: string | string[];
	const?: unknown;
	enum?: unknown[];
	anyOf?: Json[];
	oneOf?: Json[];
	allOf?: Json[];
	items?: Json;
	properties?: Record<string, Json>;
	required?: string[];
	additionalProperties?: Json | boolean;
	format?: string;
	pattern?: string;
	minLength?: number;
	maxLength?: number;
	minimum?: number;
	maximum?: number;
	exclusiveMinimum?: number;
	exclusiveMaximum?: number;
	minItems?: number;
	maxItems?: number;
	default?: unknown;
	description?: string;
};

/** Patterns of src/lib/schemas/common.ts, named as a reader knows them. */
const knownPatterns: Record<string, string> = {
	'^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$': 'date `YYYY-MM-DD`',
	'^([01]\\d|2[0-3]):[0-5]\\d$': 'time `HH:MM`',
	'^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$': 'phone number'
};

const code = (text: string) => `\`${text.replaceAll('|', '\\|')}\``;

function toJson(schema: z.ZodType): Json {
	return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
}

function isObject(s: Json): boolean {
	return !!s.properties;
}

/** A short type for a table cell: `string, 1–64 chars`, `"a" \| "b"`, `integer ≥ 1`. */
function typeOf(s: Json): string {
	if (s.const !== undefined) return code(JSON.stringify(s.const));
	if (s.enum) return s.enum.map((v) => code(JSON.stringify(v))).join(' or ');
	const union = s.anyOf ?? s.oneOf;
	if (union) return union.map(typeOf).join(' or ');
	if (s.allOf) return s.allOf.map(typeOf).join(' and ');
	const type = Array.isArray(s.type) ? s.type.join(' or ') : s.type;
	switch (type) {
		case 'string': {
			if (s.pattern && knownPatterns[s.pattern]) return knownPatterns[s.pattern];
			// A format says what zod's generated pattern for it would only spell out.
			if (s.format === 'date-time') return 'date-time (ISO 8601 with offset)';
			const parts = ['string'];
			if (s.format) parts.push(s.format);
			else if (s.pattern) parts.push(`matching ${code(s.pattern)}`);
			if (s.minLength !== undefined || s.maxLength !== undefined) {
				parts.push(`${s.minLength ?? 0}–${s.maxLength ?? '∞'} chars`);
			}
			return parts.join(', ');
		}
		case 'number':
		case 'integer': {
			const bounds = [
				s.minimum !== undefined && `≥ ${s.minimum}`,
				s.exclusiveMinimum !== undefined && `> ${s.exclusiveMinimum}`,
				s.maximum !== undefined && `≤ ${s.maximum}`,
				s.exclusiveMaximum !== undefined && `< ${s.exclusiveMaximum}`
			].filter(Boolean);
			return [type, ...bounds].join(' ');
		}
		case 'array': {
			const count =
				s.minItems !== undefined || s.maxItems !== undefined
					? ` (${s.minItems ?? 0}–${s.maxItems ?? '∞'})`
					: '';
			const item = s.items ?? {};
			return `array${count} of ${isObject(item) ? 'objects' : typeOf(item)}`;
		}
		case 'object': {
			if (s.properties) return 'object';
			if (s.additionalProperties && typeof s.additionalProperties === 'object') {
				return `map of string to ${typeOf(s.additionalProperties)}`;
			}
			return 'object';
		}
		case undefined:
			return 'any JSON';
		default:
			return type;
	}
}

interface Row {
	path: string;
	type: string;
	required: boolean;
	note: string;
}

/** One row per field, descending into objects and arrays of objects. */
function rows(s: Json, prefix = ''): Row[] {
	const out: Row[] = [];
	const required = new Set(s.required ?? []);
	for (const [name, field] of Object.entries(s.properties ?? {})) {
		const path = `${prefix}${name}`;
		const notes = [
			field.default !== undefined && `default ${code(JSON.stringify(field.default))}`,
			field.description
		].filter(Boolean);
		out.push({
			path,
			type: typeOf(field),
			required: required.has(name) && field.default === undefined,
			note: notes.join('; ')
		});
		if (isObject(field)) out.push(...rows(field, `${path}.`));
		else if (field.type === 'array' && field.items && isObject(field.items)) {
			out.push(...rows(field.items, `${path}[].`));
		}
	}
	return out;
}

function table(schema: z.ZodType): string {
	const json = toJson(schema);
	const variants = json.anyOf ?? json.oneOf;
	if (variants && variants.every(isObject)) {
		return variants.map((v, i) => `One of (${i + 1}):\n\n${fieldTable(v)}`).join('\n\n');
	}
	if (!isObject(json)) return `Type: ${typeOf(json)}.`;
	return fieldTable(json);
}

function fieldTable(json: Json): string {
	const body = rows(json).map(
		(r) => `| ${code(r.path)} | ${r.type} | ${r.required ? 'yes' : 'no'} | ${r.note} |`
	);
	return ['| field | type | required | note |', '| --- | --- | --- | --- |', ...body].join('\n');
}

interface Endpoint {
	method: 'GET' | 'POST' | 'PATCH';
	path: string;
	who: string;
	summary: string;
	query?: z.ZodType;
	body?: z.ZodType;
	answer?: z.ZodType;
	/** When the answer's shape is also that of a failure (health). */
	answerStatus?: string;
	answerText?: string;
	errors: string;
}

const endpoints: Endpoint[] = [
	{
		method: 'POST',
		path: '/api/auth/login',
		who: 'anyone',
		summary:
			'Checks the user name and password and sets the session cookie (httpOnly, SameSite=Lax; Secure over https). Failures are limited per user name and per client address (LOGIN_MAX_FAILURES, LOGIN_MAX_FAILURES_PER_ADDRESS).',
		body: loginRequest,
		answer: meResponse,
		errors: '400 bad body · 401 wrong user name or password · 429 too many failures (Retry-After)'
	},
	{
		method: 'POST',
		path: '/api/auth/logout',
		who: 'anyone',
		summary: 'Revokes the session (if any) and deletes the cookie. Answers `{ "ok": true }`.',
		errors: '503 database unavailable'
	},
	{
		method: 'GET',
		path: '/api/auth/me',
		who: 'a logged-in user',
		summary: 'The user and centre of the session.',
		answer: meResponse,
		errors: '401 not logged in'
	},
	{
		method: 'POST',
		path: '/api/sync/push',
		who: 'a logged-in user; each mutation is checked against its roles (below)',
		summary:
			"Applies a device's pending mutations in order, each in its own transaction. A 200 does not mean all were applied: each result says how its mutation ended (docs/sync-protocol.md). With `since` (the device's cursor) the answer's `pull` is the page a pull from that cursor answers after the push, so a tap costs one request. JSON answers of 1 KB or more are compressed (brotli, else gzip) when the request's Accept-Encoding allows it, as are those of pull.",
		body: pushRequest,
		answer: pushResponse,
		errors:
			'400 bad body · 401 not logged in · 413 body over MAX_BODY_BYTES · 426 device too old · 503 database unavailable (retry with backoff)'
	},
	{
		method: 'GET',
		path: '/api/sync/pull',
		who: 'a logged-in user',
		summary:
			"The changes of the caller's centre after `cursor`, a page at a time, with the device's last applied mutation and its rejected results (only when `deviceId` is given; without it `lastMutationId` is 0 and `results` empty). A device at the centre's latest version is answered from the server's memory, unless `poked` is above what the server knows.",
		query: pullQuery,
		answer: pullResponse,
		errors:
			'400 bad query · 401 not logged in · 410 `device-wiped`: an admin wiped this device (also on push) · 426 device too old · 503 database unavailable'
	},
	{
		method: 'GET',
		path: '/api/sync/first',
		who: 'a logged-in user',
		summary:
			"A new device's priority set (docs/sync-protocol.md, \"First sync\"): every live row of the caller's centre up to its current version that has no date or is dated `from`…`to`, as a pull page whose cursor is that version (with `reset`), the day roll-ups of the volume rows of every other date, and how many rows the history still holds (`history.rows`, up to `history.upTo`). Filtered for the caller's role like a pull.",
		query: firstSyncQuery,
		answer: firstSyncResponse,
		errors:
			"400 bad query · 401 not logged in · 403 another user's device · 410 `device-wiped` · 426 device too old · 503 database unavailable"
	},
	{
		method: 'GET',
		path: '/api/sync/history',
		who: 'a logged-in user',
		summary:
			"A page of the history of a first sync: the live rows up to `upTo` outside the priority set (`from`…`to`), after version `after`, ending on a whole version. A `scope` other than the caller's answers `reset`: the device starts its first sync again.",
		query: historyQuery,
		answer: historyResponse,
		errors:
			'400 bad query · 401 not logged in · 410 `device-wiped` · 426 device too old · 503 database unavailable'
	},
	{
		method: 'GET',
		path: '/api/sync/events',
		who: 'a logged-in user',
		summary:
			'A Server-Sent Events stream (`text/event-stream`, unbuffered, never compressed). It sends `retry: 5000`, then `event: poke` with `data: {"version": N}` at once with the centre\'s current version and again after commits to the centre (at most one poke per centre each 500 ms, with the latest version), and a `: heartbeat` comment every 25 s. A poke carries no rows: a device behind it pulls.',
		answerText: 'an event stream',
		errors: '401 not logged in · 426 device too old · 503 database unavailable'
	},
	{
		method: 'GET',
		path: '/api/audit',
		who: 'admin, manager',
		summary: "The audit log of the caller's centre, newest first, a page at a time.",
		query: auditQuery,
		answer: auditPage,
		errors: '400 bad query · 401 · 403 · 503'
	},
	{
		method: 'GET',
		path: '/api/district',
		who: 'district',
		summary:
			"The month of every centre of the caller's district (centres.district; a centre with none is its own district), side by side: each centre's monthly-report line and supervision counts, and the findings across centres as date, department, check item and status only. Aggregates only: no applicant, staff member, subject or free text.",
		query: districtQuery,
		answer: districtFigures,
		errors: '400 bad month · 401 · 403 · 503'
	},
	{
		method: 'GET',
		path: '/api/admin/users',
		who: 'admin',
		summary:
			"The accounts of the admin's centre with role, department and state, each with the devices it synced from (last push or pull, and when an admin wiped it).",
		answer: accountList,
		errors: '401 · 403 · 503'
	},
	{
		method: 'POST',
		path: '/api/admin/users',
		who: 'admin',
		summary:
			'Creates an account of the admin\'s centre; answers 201 `{ "id" }`. A clerk needs a department of the centre. Audited as `user.create` with role and department only.',
		body: newAccount,
		errors:
			'400 bad body, `needs-department`, `unknown-department` · 401 · 403 · 409 `username-taken` · 503'
	},
	{
		method: 'PATCH',
		path: '/api/admin/users/[id]',
		who: 'admin',
		summary:
			'Changes role, department or state (`active`). A deactivation or a new role ends every session of the account. An admin cannot change their own role or deactivate themselves. Audited as `user.change`, `user.deactivate` or `user.reactivate`.',
		body: accountChange,
		errors:
			'400 bad body, `needs-department`, `unknown-department`, `own-account` · 401 · 403 · 404 · 503'
	},
	{
		method: 'POST',
		path: '/api/admin/users/[id]/password',
		who: 'admin',
		summary:
			'Sets the password given, or a temporary one answered once (`temporaryPassword`, never stored or audited), and ends every session of the account, event streams included. Audited as `user.reset-password`.',
		body: passwordReset,
		answer: resetAnswer,
		errors: '400 bad body · 401 · 403 · 404 · 503'
	},
	{
		method: 'POST',
		path: '/api/admin/users/[id]/devices/[deviceId]/wipe',
		who: 'admin',
		summary:
			"Marks a device of the account as wiped: its every later push and pull answers 410 `{ detail: 'device-wiped' }`, and the app deletes its local database and signs out, saying why on the login page. Audited as `device.wipe`.",
		errors: '401 · 403 · 404 · 503'
	},
	{
		method: 'POST',
		path: '/api/retention',
		who: 'admin, manager',
		summary:
			"Erases the personal data of the centre's appointments older than its retention period. Safe to repeat.",
		answer: erasureReport,
		errors: '401 · 403 · 503'
	},
	{
		method: 'GET',
		path: '/api/health',
		who: 'anyone (for proxies and monitors)',
		summary:
			'200 when the database is open, migrated and answers a query within 2 s; 503 (Retry-After: 5) with the reason otherwise.',
		answer: healthResponse,
		answerStatus: '200 or 503',
		errors: '503 database unavailable, still starting, or too slow'
	}
];

function endpointSection(e: Endpoint): string {
	const parts = [`### ${e.method} ${e.path}`, '', `Who: ${e.who}.`, '', e.summary];
	if (e.query) parts.push('', 'Query:', '', table(e.query));
	if (e.body) parts.push('', 'Body (JSON):', '', table(e.body));
	if (e.answer) parts.push('', `Answer (${e.answerStatus ?? '200'}, JSON):`, '', table(e.answer));
	if (e.answerText) parts.push('', `Answer (200): ${e.answerText}.`);
	parts.push('', `Errors: ${e.errors}.`);
	return parts.join('\n');
}

function mutationSection(): string {
	const names = Object.keys(mutators).sort();
	const index = [
		'| mutation | roles |',
		'| --- | --- |',
		...names.map(
			(n) =>
				`| [${code(n)}](#${n.replaceAll('.', '').toLowerCase()}) | ${mutators[n].roles.join(', ')} |`
		)
	].join('\n');
	const sections = names.map(
		(n) => `### ${n}\n\nRoles: ${mutators[n].roles.join(', ')}.\n\n${table(mutators[n].args)}`
	);
	return [index, ...sections].join('\n\n');
}

function entitySection(): string {
	return (Object.keys(entities) as EntityName[])
		.map((name) => {
			const e = entities[name];
			return `### ${name} (version ${e.version})\n\n${table(e.schema)}`;
		})
		.join('\n\n');
}

export async function renderApiDocs(): Promise<string> {
	const markdown = [
		'# API reference',
		'',
		'<!-- Generated by `npm run docs:api` from src/lib/schemas and src/lib/model; do not edit. -->',
		'',
		`Every endpoint answers JSON. Errors answer ${code('{ "error": string, "detail"?: any }')}: \`error\` is a sentence for the user (Chinese), \`detail\` is for developers. State-changing requests must come from the app's own origin (an \`Origin\` header equal to the server's, or \`Sec-Fetch-Site: same-origin\`), else 403. Every answer carries \`X-Request-Id\`, the id of its line in the request log. The centre and the user always come from the session cookie, never from the request. The sync protocol version is ${PROTOCOL_VERSION}; docs/sync-protocol.md explains how the pieces fit together.`,
		'',
		'Error body:',
		'',
		table(errorBody),
		'',
		'## Versions',
		'',
		`Push, pull, the event stream and reveal take the device's versions, in the headers ${code(CLIENT_PROTOCOL_HEADER)} and ${code(CLIENT_SCHEMA_HEADER)} or, for the event stream (an EventSource cannot send headers), in the query as \`protocol\` and \`schema\`. This server speaks protocol ${PROTOCOL_VERSION} and schema ${SCHEMA_VERSION}; nothing announced counts as protocol 1. A protocol below SYNC_MIN_PROTOCOL is answered 426 before anything is read or written (docs/sync-protocol.md, "Versions and handshake").`,
		'',
		'Versions:',
		'',
		table(clientVersion),
		'',
		'Answer (426, JSON):',
		'',
		table(clientTooOld),
		'',
		'## Endpoints',
		'',
		endpoints.map(endpointSection).join('\n\n'),
		'',
		'## Mutations',
		'',
		"What a push carries in `mutations[].name` and `mutations[].args`. The server checks the arguments against these schemas and the caller's role against the list; a mismatch is a rejection (`INVALID`, `FORBIDDEN`), not an error of the request.",
		'',
		mutationSection(),
		'',
		'## Entities',
		'',
		"What a pull carries in `changes[].data` (op `put`), keyed by `changes[].entity`, and what devices keep in IndexedDB. `v` is the version of the record's schema; an older record is upgraded on read.",
		'',
		entitySection(),
		''
	].join('\n');
	return format(markdown, { parser: 'markdown', ...(await prettierOptions()) });
}

async function prettierOptions() {
	const { resolveConfig } = await import('prettier');
	return (await resolveConfig(resolve('docs/api.md'))) ?? {};
}

export const apiDocsPath = resolve(import.meta.dirname, '../docs/api.md');

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	await writeFile(apiDocsPath, await renderApiDocs());
	console.log(`wrote ${apiDocsPath}`);
}
