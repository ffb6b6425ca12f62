/**
 * The approval system's export of 办件, read cell by cell before anything is written: every bad
 * cell is named by its row and column (the header is row 1, columns A, B, C…), in the same words
 * as the hall's other imports (organisation-import.ts). Headers and outcome names are the file
 * format, so they stay Chinese; the English ones are accepted too.
 */
import {
	caseNumber,
	caseReasons,
	isoDate,
	type CaseOutcome,
	type CaseReasonCode
} from '$lib/schemas';
import {
	col,
	normalise,
	readTable,
	type ImportOutcome,
	type RowReader,
	type Table
} from './organisation-import';

export const caseColumns = [
	col('number', '办件编号', ['办件号', '申报编号', 'case number', 'number'], true),
	col('item', '事项名称', ['事项', '办理事项', 'service item', 'item'], true),
	col('acceptedOn', '受理日期', ['受理时间', 'accepted', 'accepted on'], true),
	col('legalDays', '法定时限', ['法定办结时限', 'legal days']),
	col('promisedDays', '承诺时限', ['承诺办结时限', 'promised days']),
	col('completedOn', '办结日期', ['办结时间', 'completed', 'completed on']),
	col('outcome', '办理结果', ['结果', 'outcome']),
	col('reason', '原因', ['不予受理原因', '告知原因', 'reason']),
	col('materials', '补正材料', ['需补正材料', 'materials'])
];
type CaseKey = (typeof caseColumns)[number]['key'];

const outcomeNames: Record<string, CaseOutcome> = {
	准予: 'approved',
	准予许可: 'approved',
	办结: 'approved',
	通过: 'approved',
	approved: 'approved',
	一次性告知: 'told',
	一次告知: 'told',
	补正: 'told',
	told: 'told',
	不予受理: 'not-accepted',
	'not accepted': 'not-accepted',
	'not-accepted': 'not-accepted',
	不予许可: 'not-permitted',
	'not permitted': 'not-permitted',
	'not-permitted': 'not-permitted'
};

/** The file's names for the reasons on the short list; any other text is `other` with that text. */
export const reasonLabels: Record<CaseReasonCode, string> = {
	'materials-incomplete': '材料不齐全',
	'materials-invalid': '材料不符合法定形式',
	'out-of-scope': '不属于本部门职权范围',
	'conditions-unmet': '不符合法定条件',
	other: '其他'
};

/** A case as case.import carries it. */
export interface CaseFileRow {
	line: number;
	number: string;
	serviceItemId: string;
	acceptedOn: string;
	legalDays: number;
	promisedDays: number;
	completedOn?: string;
	outcome?: CaseOutcome;
	reason?: { code: CaseReasonCode; text: string };
	materials?: string[];
}

export interface CaseImportContext {
	items: { id: string; name: string; deadlineDays: number }[];
}

/** 2026/3/7, 2026-3-7, 2026年3月7日 and "2026-03-07 09:12" are all 2026-03-07. */
export function fileDate(text: string): string | undefined {
	const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[\sT].*)?$/.exec(text.trim());
	if (!m) return undefined;
	const date = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
	return isoDate.safeParse(date).success ? date : undefined;
}

function readDate(r: RowReader<CaseKey>, key: CaseKey): string | undefined {
	const text = r.text(key, 40);
	if (!text) return undefined;
	const date = fileDate(text);
	if (!date) r.fail(key, 'date', { value: text });
	return date;
}

/** "20", "20个工作日" and "20工作日" are 20 working days. */
function readDays(r: RowReader<CaseKey>, key: CaseKey): number | undefined {
	const text = r.text(key, 20);
	if (!text) return undefined;
	const m = /^(\d{1,3})\s*(?:个?工作日|天|日)?$/.exec(text);
	const days = m ? Number(m[1]) : NaN;
	if (!(days >= 0 && days <= 365)) {
		r.fail(key, 'days', { value: text });
		return undefined;
	}
	return days;
}

function readReason(text: string): CaseFileRow['reason'] {
	if (!text) return undefined;
	const code = caseReasons.find((c) => c !== 'other' && reasonLabels[c] === text);
	return code ? { code, text: '' } : { code: 'other', text: text.slice(0, 200) };
}

/** Checks a whole export; the rows carry their spreadsheet row for the server's words. */
export function readCases(table: Table, ctx: CaseImportContext): ImportOutcome<CaseFileRow> {
	const firstRow = new Map<string, number>();
	return readTable<CaseKey, CaseFileRow>(table, caseColumns, (r) => {
		const number = r.text('number', 40);
		if (number && !caseNumber.safeParse(number).success) r.fail('number', 'required');
		const seen = firstRow.get(number);
		if (number && seen !== undefined) r.fail('number', 'duplicate-id', { first: seen });
		if (number) firstRow.set(number, r.row);
		const itemName = r.text('item', 80);
		const item = ctx.items.find(
			(i) => i.id === itemName || normalise(i.name) === normalise(itemName)
		);
		if (itemName && !item) r.fail('item', 'unknown-item', { value: itemName });
		const acceptedOn = readDate(r, 'acceptedOn');
		const promised = readDays(r, 'promisedDays') ?? item?.deadlineDays ?? 0;
		const legal = readDays(r, 'legalDays') ?? promised;
		if (promised > legal) r.fail('promisedDays', 'promise-over-law');
		const completedOn = readDate(r, 'completedOn');
		if (completedOn && acceptedOn && completedOn < acceptedOn) {
			r.fail('completedOn', 'completed-before');
		}
		const outcomeText = r.text('outcome', 20);
		const outcome = outcomeText ? outcomeNames[normalise(outcomeText)] : undefined;
		if (outcomeText && !outcome) r.fail('outcome', 'unknown-outcome', { value: outcomeText });
		const reason = readReason(r.text('reason', 200));
		const materials = r
			.text('materials', 2000)
			.split(/[;；、\n]/)
			.map((s) => s.trim().slice(0, 120))
			.filter(Boolean);
		const ended = completedOn ? (outcome ?? 'approved') : undefined;
		if (outcome && !completedOn) r.fail('completedOn', 'required');
		if (ended && ended !== 'approved' && (!reason || (ended === 'told' && !materials.length))) {
			r.fail(reason ? 'materials' : 'reason', 'outcome-incomplete');
		}
		return {
			line: r.row,
			number,
			serviceItemId: item?.id ?? '',
			acceptedOn: acceptedOn ?? '',
			legalDays: legal,
			promisedDays: promised,
			...(completedOn && { completedOn, outcome: ended }),
			...(ended && ended !== 'approved' && reason && { reason }),
			...(ended === 'told' && { materials: materials.slice(0, 30) })
		};
	});
}

/** The template: the header and one example row. */
export function caseTemplate(): Table {
	return [
		caseColumns.map((c) => c.header),
		['BJ2026030700001', '不动产登记', '2026-03-07', '20', '5', '', '', '', '']
	];
}
