/**
 * Writes src/lib/domain/national-calendar.ts from the national calendar that chinese-days ships:
 * every State Council notice since 2004, as runs of consecutive dates rather than one entry per
 * date. The app's first page carries this table (the calendar decides every board), and as runs
 * it is about half the compressed size. `npm run calendar:data` rewrites the file after the
 * package is updated; tests/unit/national-calendar.test.ts fails until it is.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';

export const nationalCalendarPath = resolve(
	import.meta.dirname,
	'../src/lib/domain/national-calendar.ts'
);

const require = createRequire(import.meta.url);

/** The package's tables: date → "English name,中文名,statutory days". */
export function packageCalendar(): {
	holidays: Record<string, string>;
	workdays: Record<string, string>;
} {
	const file = require.resolve('chinese-days/dist/chinese-days.json');
	const { holidays, workdays } = JSON.parse(readFileSync(file, 'utf8'));
	return { holidays, workdays };
}

const DAY_MS = 86_400_000;
const next = (date: string) =>
	new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** "start+days:festival,statutory" for each run of consecutive dates with the same entry. */
function runs(table: Record<string, string>, festivals: string[]): string {
	const out: { start: string; last: string; days: number; entry: string }[] = [];
	for (const date of Object.keys(table).sort()) {
		const entry = table[date];
		const run = out.at(-1);
		if (run && run.entry === entry && next(run.last) === date) {
			run.last = date;
			run.days++;
		} else out.push({ start: date, last: date, days: 1, entry });
	}
	return out
		.map(({ start, days, entry }) => {
			const cut = entry.lastIndexOf(',');
			return `${start}+${days}:${festivals.indexOf(entry.slice(0, cut))},${entry.slice(cut + 1)}`;
		})
		.join(' ');
}

export async function renderNationalCalendar(): Promise<string> {
	const { holidays, workdays } = packageCalendar();
	const names = [...Object.values(holidays), ...Object.values(workdays)];
	const festivals = [...new Set(names.map((e) => e.slice(0, e.lastIndexOf(','))))].sort();
	const { version } = require('chinese-days/package.json') as { version: string };
	const source = `/**
 * The national calendar, written by scripts/national-calendar.ts from chinese-days ${version}; do not
 * edit. Festivals are "English name,中文名"; a run is "first date+days:festival,statutory days".
 */
export const festivals: readonly string[] = ${JSON.stringify(festivals)};

/** Days off by the State Council notices, weekends inside a holiday included. */
export const holidayRuns = '${runs(holidays, festivals)}';

/** Weekend days the notices make working days (调休上班). */
export const makeUpRuns = '${runs(workdays, festivals)}';
`;
	const options = await resolveConfig(nationalCalendarPath);
	return format(source, { ...options, filepath: nationalCalendarPath });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	writeFileSync(nationalCalendarPath, await renderNationalCalendar());
	console.log(`wrote ${nationalCalendarPath}`);
}
