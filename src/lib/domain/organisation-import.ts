/**
 * Staff and window lists as spreadsheets: the CSV format, the columns of the hall's import files,
 * and the check of every cell before anything is written. An import is all or nothing, so this
 * check collects every bad cell at once (一次告知) with its row and column as the spreadsheet
 * shows them: the header is row 1, columns are lettered A, B, C….
 *
 * The column headers and the window-kind labels are the file format, not screen text: a file
 * exported in English must still import, so they stay Chinese and the English keys are accepted.
 */
import { z } from 'zod';
import {
	maskedPhone,
	phone,
	serviceWindowFields,
	staffSchema,
	windowKinds,
	type WindowKind
} from '$lib/schemas';
import { MAX_IMPORT_ROWS, type StaffImportRow, type WindowImportRow } from './import-rows';

/** Rows of cells, as read from a CSV or an XLSX sheet; index 0 is spreadsheet row 1. */
export type Table = string[][];

/** Listing every bad cell of a broken 1000-row file helps nobody; the first ones do. */
const MAX_ERRORS = 30;

export const importProblems = [
	'empty-file',
	'too-many-rows',
	'unclosed-quote',
	'missing-header',
	'unknown-header',
	'duplicate-header',
	'required',
	'too-long',
	'phone',
	'boolean',
	'unknown-department',
	'unknown-kind',
	'category-required',
	'duplicate-id',
	'duplicate-code',
	'code-taken',
	'date',
	'days',
	'promise-over-law',
	'unknown-item',
	'unknown-outcome',
	'outcome-incomplete',
	'completed-before',
	'unknown-rating',
	'unknown-channel',
	'unknown-staff',
	'unknown-window'
] as const;
export type ImportProblem = (typeof importProblems)[number];

export interface ImportError {
	/** Spreadsheet row, 1-based: the header is row 1. */
	row: number;
	/** Column letter, A-based; empty when the problem is the whole file. */
	column: string;
	/** The column's header as the file names it, or as it should be named. */
	header: string;
	problem: ImportProblem;
	params?: Record<string, string | number>;
}

export type ImportOutcome<R> = { ok: true; rows: R[] } | { ok: false; errors: ImportError[] };

// ---------------------------------------------------------------------------------------------
// Columns

/** Spreadsheet column letter of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
	let n = index + 1;
	let out = '';
	while (n > 0) {
		const r = (n - 1) % 26;
		out = String.fromCharCode(65 + r) + out;
		n = Math.floor((n - 1) / 26);
	}
	return out;
}

export interface ColumnSpec<K extends string> {
	key: K;
	header: string;
	/** Other headers accepted for it (English exports, older files). */
	aliases: string[];
	required: boolean;
}

export const col = <K extends string>(
	key: K,
	header: string,
	aliases: string[],
	required = false
) => ({
	key,
	header,
	aliases,
	required
});

export const staffColumns = [
	col('id', '编号', ['id', 'ID']),
	col('name', '姓名', ['name'], true),
	col('department', '所属部门', ['department', '科室', '部门'], true),
	col('title', '职务', ['title']),
	col('phone', '手机号', ['phone', '电话', '联系电话'], true),
	col('onCall', '随时待命', ['on call', 'onCall']),
	col('realEstateReview', '不动产审核', ['real-estate review', 'realEstateReview']),
	col('active', '在岗', ['active'])
] satisfies ColumnSpec<string>[];

export const windowColumns = [
	col('id', '编号', ['id', 'ID']),
	col('code', '窗口号', ['code', 'window'], true),
	col('kind', '窗口类型', ['kind', '类型'], true),
	col('category', '业务类别', ['category', '类别']),
	col('department', '所属部门', ['department', '部门']),
	col('retired', '停用', ['retired'])
] satisfies ColumnSpec<string>[];

/** The file's names for the window kinds (综合受理窗口 …), by kind. */
export const windowKindLabels: Record<WindowKind, string> = {
	comprehensive: '综合受理窗口',
	'public-service': '公共服务窗口',
	consultation: '咨询台',
	fee: '收费窗口',
	certificate: '出证窗口'
};

export const normalise = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

type Located<K extends string> = Partial<Record<K, number>>;

function locateColumns<K extends string>(
	header: string[],
	specs: ColumnSpec<K>[],
	errors: ImportError[]
): Located<K> {
	const found: Located<K> = {};
	header.forEach((raw, i) => {
		const name = normalise(raw);
		if (name === '') return;
		const spec = specs.find(
			(s) => normalise(s.header) === name || s.aliases.some((a) => normalise(a) === name)
		);
		const at = { row: 1, column: columnLetter(i), header: raw.trim() };
		if (!spec) errors.push({ ...at, problem: 'unknown-header' });
		else if (found[spec.key] !== undefined) errors.push({ ...at, problem: 'duplicate-header' });
		else found[spec.key] = i;
	});
	for (const spec of specs) {
		if (spec.required && found[spec.key] === undefined) {
			errors.push({ row: 1, column: '', header: spec.header, problem: 'missing-header' });
		}
	}
	return found;
}

const TRUE = new Set(['是', '√', '✓', 'y', 'yes', 'true', '1']);
const FALSE = new Set(['否', '×', 'n', 'no', 'false', '0']);

/** One data row, read cell by cell; each problem is recorded where it is. */
export class RowReader<K extends string> {
	constructor(
		private readonly cells: string[],
		readonly row: number,
		private readonly at: Located<K>,
		private readonly specs: ColumnSpec<K>[],
		private readonly errors: ImportError[]
	) {}

	fail(key: K, problem: ImportProblem, params?: ImportError['params']) {
		const i = this.at[key];
		const spec = this.specs.find((s) => s.key === key)!;
		this.errors.push({
			row: this.row,
			column: i === undefined ? '' : columnLetter(i),
			header: spec.header,
			problem,
			...(params && { params })
		});
	}

	text(key: K, max: number): string {
		const i = this.at[key];
		const value = i === undefined ? '' : (this.cells[i] ?? '').trim();
		const spec = this.specs.find((s) => s.key === key)!;
		if (spec.required && value === '') this.fail(key, 'required');
		else if (value.length > max) this.fail(key, 'too-long', { max });
		return value;
	}

	flag(key: K, fallback: boolean): boolean {
		const value = normalise(this.text(key, 10));
		if (value === '') return fallback;
		if (TRUE.has(value)) return true;
		if (FALSE.has(value)) return false;
		this.fail(key, 'boolean');
		return fallback;
	}
}

export interface ImportContext {
	departments: { id: string; name: string }[];
	/** New records get their id from here (the caller owns randomness). */
	newId: () => string;
}

function departmentOf(ctx: ImportContext, value: string): string | undefined {
	const v = normalise(value);
	return ctx.departments.find((d) => d.id === value || normalise(d.name) === v)?.id;
}

/** Data rows of a table with their spreadsheet row numbers; blank rows are skipped, not renumbered. */
function dataRows(table: Table): { cells: string[]; row: number }[] {
	return table
		.map((cells, i) => ({ cells, row: i + 1 }))
		.slice(1)
		.filter((r) => r.cells.some((c) => c.trim() !== ''));
}

/** Every data row read with `readRow`; all or nothing, with every bad cell (up to MAX_ERRORS). */
export function readTable<K extends string, R>(
	table: Table,
	specs: ColumnSpec<K>[],
	readRow: (r: RowReader<K>) => R
): ImportOutcome<R> {
	const errors: ImportError[] = [];
	const rows = dataRows(table);
	if (table.length === 0 || rows.length === 0) {
		return { ok: false, errors: [{ row: 1, column: '', header: '', problem: 'empty-file' }] };
	}
	if (rows.length > MAX_IMPORT_ROWS) {
		const problem: ImportError = { row: 1, column: '', header: '', problem: 'too-many-rows' };
		return { ok: false, errors: [{ ...problem, params: { max: MAX_IMPORT_ROWS } }] };
	}
	const at = locateColumns(table[0], specs, errors);
	if (errors.length > 0) return { ok: false, errors };
	const out: R[] = [];
	for (const { cells, row } of rows) {
		out.push(readRow(new RowReader(cells, row, at, specs, errors)));
		if (errors.length >= MAX_ERRORS) break;
	}
	return errors.length > 0
		? { ok: false, errors: errors.slice(0, MAX_ERRORS) }
		: { ok: true, rows: out };
}

// ---------------------------------------------------------------------------------------------
// Staff

type StaffKey = (typeof staffColumns)[number]['key'];

export function readStaff(table: Table, ctx: ImportContext): ImportOutcome<StaffImportRow> {
	const seen = new Map<string, number>();
	return readTable<StaffKey, StaffImportRow>(table, staffColumns, (r) => {
		const id = r.text('id', 64) || ctx.newId();
		if (seen.has(id)) r.fail('id', 'duplicate-id', { first: seen.get(id)! });
		seen.set(id, r.row);
		const name = r.text('name', 40);
		const dept = r.text('department', 60);
		const departmentId = dept ? departmentOf(ctx, dept) : undefined;
		if (dept && !departmentId) r.fail('department', 'unknown-department', { value: dept });
		const title = r.text('title', 40);
		const tel = r.text('phone', 20).replace(/\s/g, '');
		// A file exported on a device that holds masks carries masks; the server keeps the stored
		// number behind each one (staff.import).
		const readable = phone.safeParse(tel).success || maskedPhone.safeParse(tel).success;
		if (tel && !readable) r.fail('phone', 'phone', { value: tel });
		return {
			id,
			v: 1 as const,
			line: r.row,
			name,
			departmentId: departmentId ?? '',
			title,
			phone: tel,
			onCall: r.flag('onCall', false),
			realEstateReview: r.flag('realEstateReview', false),
			active: r.flag('active', true)
		};
	});
}

export function staffTable(
	staff: z.infer<typeof staffSchema>[],
	departments: { id: string; name: string }[]
): Table {
	const name = (id: string) => departments.find((d) => d.id === id)?.name ?? id;
	const yes = (b: boolean) => (b ? '是' : '否');
	return [
		staffColumns.map((c) => c.header),
		...staff.map((s) => [
			s.id,
			s.name,
			name(s.departmentId),
			s.title,
			s.phone ?? '',
			yes(s.onCall),
			yes(s.realEstateReview),
			yes(s.active)
		])
	];
}

// ---------------------------------------------------------------------------------------------
// Windows

type WindowKey = (typeof windowColumns)[number]['key'];

export interface WindowImportContext extends ImportContext {
	/** The centre's windows: a row without an id updates the window with its code. */
	windows: { id: string; code: string }[];
}

function kindOf(value: string): WindowKind | undefined {
	const v = normalise(value);
	return windowKinds.find((k) => k === v || windowKindLabels[k] === value.trim());
}

export function readWindows(
	table: Table,
	ctx: WindowImportContext
): ImportOutcome<WindowImportRow> {
	const ids = new Map<string, number>();
	const codes = new Map<string, number>();
	return readTable<WindowKey, WindowImportRow>(table, windowColumns, (r) => {
		const code = r.text('code', 12);
		const given = r.text('id', 64);
		const existing = ctx.windows.find((w) => normalise(w.code) === normalise(code));
		const id = given || existing?.id || ctx.newId();
		if (ids.has(id)) r.fail('id', 'duplicate-id', { first: ids.get(id)! });
		ids.set(id, r.row);
		const codeKey = normalise(code);
		if (code && codes.has(codeKey))
			r.fail('code', 'duplicate-code', { first: codes.get(codeKey)! });
		else if (code && existing && existing.id !== id) r.fail('code', 'code-taken', { value: code });
		if (code) codes.set(codeKey, r.row);
		const kindText = r.text('kind', 20);
		const kind = kindText ? kindOf(kindText) : undefined;
		if (kindText && !kind) r.fail('kind', 'unknown-kind', { value: kindText });
		const category = r.text('category', 30);
		// R1 counts comprehensive windows per category, so the file must name it.
		if (kind === 'comprehensive' && !category) r.fail('category', 'category-required');
		const dept = r.text('department', 60);
		const departmentId = dept ? departmentOf(ctx, dept) : undefined;
		if (dept && !departmentId) r.fail('department', 'unknown-department', { value: dept });
		return {
			id,
			v: 1 as const,
			line: r.row,
			code,
			kind: kind ?? 'comprehensive',
			...(category && { category }),
			...(departmentId && { departmentId }),
			retired: r.flag('retired', false)
		};
	});
}

export function windowTable(
	windows: z.infer<typeof serviceWindowFields>[],
	departments: { id: string; name: string }[]
): Table {
	const name = (id?: string) => (id ? (departments.find((d) => d.id === id)?.name ?? id) : '');
	return [
		windowColumns.map((c) => c.header),
		...windows.map((w) => [
			w.id,
			w.code,
			windowKindLabels[w.kind],
			w.category ?? '',
			name(w.departmentId),
			w.retired ? '是' : '否'
		])
	];
}
