/**
 * Searches every column of every table of a database for strings, as text: the proof that an
 * erased value is gone from the server, wherever a future table or column might have copied it.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/open';

export interface SearchReport {
	tables: number;
	columns: number;
	/** Rows read, summed over tables. */
	rows: number;
	/** For each value, where it was found: `schema.table.column` → number of rows. */
	matches: Record<string, Record<string, number>>;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function searchEverywhere(db: Db, values: readonly string[]): Promise<SearchReport> {
	const columns = (await db.orm.execute(
		sql`select table_schema, table_name, column_name from information_schema.columns
			where table_schema not in ('pg_catalog', 'information_schema')
				and table_schema not like 'pg_toast%'
				and (table_schema, table_name) in (
					select table_schema, table_name from information_schema.tables
					where table_type = 'BASE TABLE')
			order by table_schema, table_name, ordinal_position`
	)) as unknown as { table_schema: string; table_name: string; column_name: string }[];
	const rowsOf = (r: unknown) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows);
	const list = rowsOf(columns) as {
		table_schema: string;
		table_name: string;
		column_name: string;
	}[];

	// Keyed by the plain `schema.table` the report names; the SQL uses the quoted form.
	const tables = new Map<string, string[]>();
	for (const c of list) {
		const table = `${c.table_schema}.${c.table_name}`;
		tables.set(table, [...(tables.get(table) ?? []), c.column_name]);
	}
	const report: SearchReport = { tables: tables.size, columns: list.length, rows: 0, matches: {} };
	for (const value of values) report.matches[value] = {};
	for (const [plain, names] of tables) {
		const [schema, name] = plain.split('.');
		const table = `${quote(schema)}.${quote(name)}`;
		const [counted] = rowsOf(
			await db.orm.execute(sql`select count(*)::int as n from ${sql.raw(table)}`)
		) as { n: number }[];
		report.rows += Number(counted.n);
		for (const column of names) {
			for (const value of values) {
				// Identifiers come from the catalogue and are quoted; the value is a parameter.
				const [found] = rowsOf(
					await db.orm.execute(
						sql`select count(*)::int as n from ${sql.raw(table)}
							where strpos(${sql.raw(quote(column))}::text, ${value}) > 0`
					)
				) as { n: number }[];
				if (Number(found.n) > 0) report.matches[value][`${plain}.${column}`] = Number(found.n);
			}
		}
	}
	return report;
}

/** Matches of all values together. */
export const totalMatches = (report: SearchReport) =>
	Object.values(report.matches).reduce(
		(sum, where) => sum + Object.values(where).reduce((a, b) => a + b, 0),
		0
	);
