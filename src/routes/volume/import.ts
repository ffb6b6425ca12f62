/**
 * Import of historical volume from CSV or XLSX. Every row is checked with Zod before anything is
 * written; one bad row stops the whole file, and the error names the row (as numbered in the
 * spreadsheet, header = row 1) and the column. A good file becomes `volume.addBatch` deltas.
 */
import { z } from 'zod';
import { channels, counterNames, isoDate, type Channel, type CounterName } from '$lib/schemas';
import { toCsv } from '$lib/files';
import type { VolumeCell } from '$lib/model/mutators/volume';

export type Raw = string | number | Date | null | undefined;

/** Column keys and the headers accepted for them, Chinese first. */
export const columns = {
	date: ['日期', 'date'],
	hour: ['时段', 'hour'],
	category: ['类别', '业务类别', 'category'],
	channel: ['渠道', '服务方式', 'channel'],
	window: ['窗口', 'window'],
	accepted: ['受理', 'accepted'],
	completed: ['办结', 'completed'],
	consulted: ['咨询', 'consulted'],
	oneVisit: ['一次办成', 'onevisit', 'one visit'],
	refused: ['一次告知', 'refused'],
	reasons: ['告知原因', 'refusal reasons', 'reasons'],
	waiting: ['等候人数', 'waiting']
} as const;
export type ColumnKey = keyof typeof columns;
const required: ColumnKey[] = ['date', 'hour', 'category', 'channel', 'accepted'];

const channelNames: Record<string, Channel> = {
	现场办: 'window',
	网上办: 'online',
	掌上办: 'mobile',
	自助办: 'kiosk',
	window: 'window',
	online: 'online',
	mobile: 'mobile',
	kiosk: 'kiosk'
};

export type ImportErrorCode =
	| 'empty'
	| 'too_many'
	| 'missing_column'
	| 'date'
	| 'hour'
	| 'category'
	| 'channel'
	| 'window'
	| 'count'
	| 'one_visit'
	| 'reasons'
	| 'duplicate';

export interface ImportError {
	/** Row number as the spreadsheet shows it; 1 is the header. */
	row: number;
	/** The header of the column as written in the file. */
	column: string;
	code: ImportErrorCode;
	value: string;
}

export interface ImportRow {
	date: string;
	hour: number;
	category: string;
	channel: Channel;
	windowId?: string;
	counters: Record<CounterName, number>;
	refusalReasons: Record<string, number>;
	waiting?: number;
}

export interface ImportContext {
	categories: readonly string[];
	/** Window code (A03) → window id. */
	windows: Record<string, string>;
}

/** Largest file accepted: two years of hourly rows per window, with room to spare. */
export const MAX_ROWS = 200_000;

const text = (v: Raw) =>
	v instanceof Date
		? v.toISOString().slice(0, 10)
		: v === null || v === undefined
			? ''
			: String(v).trim();

/** Dates typed as 2026/3/7 or 2026-3-7, or read from Excel as dates, become 2026-03-07. */
function normaliseDate(v: Raw): string {
	if (v instanceof Date) {
		// Excel dates are read at midnight UTC of the calendar day written in the cell.
		return v.toISOString().slice(0, 10);
	}
	const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text(v));
	return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : text(v);
}

/** 9, "9", "09:00" and "9时" are all hour 9. */
function normaliseHour(v: Raw): unknown {
	const m = /^(\d{1,2})(?::00|时|点)?$/.exec(text(v));
	return m ? Number(m[1]) : text(v);
}

const count = z.preprocess(
	(v) => (text(v as Raw) === '' ? 0 : Number(text(v as Raw))),
	z.number({ message: 'count' }).int('count').min(0, 'count').max(100_000, 'count')
);

/** "材料不全:2;不符合条件:1" (also with ： ，；, or =). */
function parseReasons(v: Raw): Record<string, number> | undefined {
	const s = text(v);
	if (!s) return {};
	const out: Record<string, number> = {};
	for (const part of s.split(/[;；,，]/)) {
		if (!part.trim()) continue;
		const m = /^(.+?)\s*[:：=]\s*(\d+)$/.exec(part.trim());
		if (!m || m[1].length > 60) return undefined;
		out[m[1]] = (out[m[1]] ?? 0) + Number(m[2]);
	}
	return out;
}

function rowSchema(ctx: ImportContext) {
	return z.object({
		// One code for any date the calendar lacks, whichever of isoDate's checks refused it.
		date: z.preprocess(
			(v) => normaliseDate(v as Raw),
			z.string().refine((s) => isoDate.safeParse(s).success, 'date')
		),
		hour: z.preprocess(
			(v) => normaliseHour(v as Raw),
			z.number({ message: 'hour' }).int('hour').min(0, 'hour').max(23, 'hour')
		),
		category: z.preprocess(
			(v) => text(v as Raw),
			z.string().refine((c) => ctx.categories.includes(c), 'category')
		),
		channel: z.preprocess(
			(v) => channelNames[text(v as Raw).toLowerCase()] ?? text(v as Raw),
			z.enum(channels, { message: 'channel' })
		),
		window: z.preprocess(
			(v) => text(v as Raw),
			z.string().refine((w) => w === '' || w in ctx.windows, 'window')
		),
		accepted: count,
		completed: count,
		consulted: count,
		oneVisit: count,
		refused: count,
		reasons: z.preprocess(
			(v) => parseReasons(v as Raw),
			z.record(z.string(), z.number(), 'reasons')
		),
		waiting: z.preprocess(
			(v) => (text(v as Raw) === '' ? undefined : Number(text(v as Raw))),
			z.number({ message: 'count' }).int('count').min(0, 'count').max(10000, 'count').optional()
		)
	});
}

const norm = (h: string) => h.trim().toLowerCase();

/** Finds each known column in the header row; unknown headers are ignored. */
function mapHeader(header: Raw[]): {
	index: Partial<Record<ColumnKey, number>>;
	missing: ColumnKey[];
} {
	const index: Partial<Record<ColumnKey, number>> = {};
	header.forEach((h, i) => {
		const name = norm(text(h));
		for (const [key, names] of Object.entries(columns) as [ColumnKey, readonly string[]][]) {
			if (index[key] === undefined && names.includes(name)) index[key] = i;
		}
	});
	return { index, missing: required.filter((k) => index[k] === undefined) };
}

export type ImportResult = { ok: true; rows: ImportRow[] } | { ok: false; errors: ImportError[] };

/** Checks a whole table (header first). Reports up to `limit` errors; any error imports nothing. */
export function validateTable(table: Raw[][], ctx: ImportContext, limit = 20): ImportResult {
	const [header = [], ...body] = table;
	const data = body.filter((r) => r.some((c) => text(c) !== ''));
	if (data.length === 0)
		return { ok: false, errors: [{ row: 1, column: '', code: 'empty', value: '' }] };
	if (data.length > MAX_ROWS) {
		return { ok: false, errors: [{ row: MAX_ROWS + 2, column: '', code: 'too_many', value: '' }] };
	}
	const { index, missing } = mapHeader(header);
	if (missing.length) {
		return {
			ok: false,
			errors: missing.map((k) => ({
				row: 1,
				column: columns[k][0],
				code: 'missing_column',
				value: ''
			}))
		};
	}
	const schema = rowSchema(ctx);
	const errors: ImportError[] = [];
	const rows: ImportRow[] = [];
	const seen = new Map<string, number>();
	const headerOf = (k: ColumnKey) => text(header[index[k]!]) || columns[k][0];
	body.forEach((raw, i) => {
		if (errors.length >= limit || !raw.some((c) => text(c) !== '')) return;
		const rowNo = i + 2;
		const record = Object.fromEntries(
			(Object.keys(columns) as ColumnKey[]).map((k) => [
				k,
				index[k] === undefined ? '' : raw[index[k]!]
			])
		);
		const parsed = schema.safeParse(record);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			const key = issue.path[0] as ColumnKey;
			const code = (issue.message in codes ? issue.message : 'count') as ImportErrorCode;
			errors.push({ row: rowNo, column: headerOf(key), code, value: text(record[key] as Raw) });
			return;
		}
		const r = parsed.data;
		if (r.oneVisit > r.completed) {
			errors.push({
				row: rowNo,
				column: headerOf('oneVisit'),
				code: 'one_visit',
				value: String(r.oneVisit)
			});
			return;
		}
		const reasonSum = Object.values(r.reasons).reduce((a, b) => a + b, 0);
		if (reasonSum > r.refused) {
			errors.push({
				row: rowNo,
				column: headerOf('reasons'),
				code: 'reasons',
				value: text(record.reasons as Raw)
			});
			return;
		}
		const windowId = r.window ? ctx.windows[r.window] : undefined;
		const key = [r.date, r.hour, r.category, r.channel, windowId ?? '-'].join('|');
		const first = seen.get(key);
		if (first !== undefined) {
			errors.push({
				row: rowNo,
				column: headerOf('date'),
				code: 'duplicate',
				value: String(first)
			});
			return;
		}
		seen.set(key, rowNo);
		const counters = Object.fromEntries(counterNames.map((n) => [n, r[n]])) as Record<
			CounterName,
			number
		>;
		rows.push({
			date: r.date,
			hour: r.hour,
			category: r.category,
			channel: r.channel,
			...(windowId ? { windowId } : {}),
			counters,
			refusalReasons: r.reasons,
			...(r.waiting !== undefined ? { waiting: r.waiting } : {})
		});
	});
	return errors.length ? { ok: false, errors } : { ok: true, rows };
}

const codes: Record<ImportErrorCode, true> = {
	empty: true,
	too_many: true,
	missing_column: true,
	date: true,
	hour: true,
	category: true,
	channel: true,
	window: true,
	count: true,
	one_visit: true,
	reasons: true,
	duplicate: true
};

/** Rows grouped by date and cut into batches the `volume.addBatch` mutation accepts. */
export function toBatches(rows: readonly ImportRow[], max: number) {
	const byDate = new Map<string, ImportRow[]>();
	for (const r of rows) byDate.set(r.date, [...(byDate.get(r.date) ?? []), r]);
	const batches: { date: string; cells: VolumeCell[] }[] = [];
	for (const [date, list] of [...byDate].sort(([a], [b]) => (a < b ? -1 : 1))) {
		for (let i = 0; i < list.length; i += max) {
			batches.push({
				date,
				cells: list.slice(i, i + max).map((r) => ({
					hour: r.hour,
					category: r.category,
					channel: r.channel,
					...(r.windowId ? { windowId: r.windowId } : {}),
					delta: r.counters,
					refusalReasons: r.refusalReasons,
					...(r.waiting !== undefined ? { waiting: r.waiting } : {})
				}))
			});
		}
	}
	return batches;
}

/** The template users fill in: the header and one example row. */
export function templateCsv(): string {
	const header = (Object.keys(columns) as ColumnKey[]).map((k) => columns[k][0]);
	const example = [
		'2026-03-07',
		'9',
		'不动产登记',
		'现场办',
		'B01',
		'12',
		'11',
		'5',
		'10',
		'1',
		'材料不全:1',
		'4'
	];
	return toCsv([header, example]);
}
