/**
 * The 好差评 system's export, read cell by cell before anything is written: every bad cell is
 * named by its row and column (the header is row 1, columns A, B, C…), in the words of the hall's
 * other imports. Headers, ratings and channels are the file format, so they stay Chinese; the
 * English ones are accepted too. The export carries no evaluator, and none is read.
 */
import { evaluationNumber, type EvaluationChannel, type EvaluationRating } from '$lib/schemas';
import { fileDate } from './case-import';
import {
	col,
	normalise,
	readTable,
	type ImportOutcome,
	type RowReader,
	type Table
} from './organisation-import';

export const evaluationColumns = [
	col('number', '评价编号', ['评价单号', '编号', 'evaluation number', 'number'], true),
	col('ratedOn', '评价日期', ['评价时间', 'date', 'rated on'], true),
	col('rating', '评价等级', ['评价结果', '满意度', 'rating'], true),
	col('channel', '评价渠道', ['渠道', 'channel'], true),
	col('staff', '工作人员', ['被评价人', '经办人', 'staff'], true),
	col('window', '窗口', ['窗口号', 'window']),
	col('item', '事项名称', ['事项', '办理事项', 'service item', 'item'], true),
	col('comment', '评价内容', ['评价意见', '意见', 'comment'])
];
type EvaluationKey = (typeof evaluationColumns)[number]['key'];

/** The file's names for the five ratings, as the 好差评 scale words them. */
export const ratingLabels: Record<EvaluationRating, string> = {
	'very-satisfied': '非常满意',
	satisfied: '满意',
	basic: '基本满意',
	dissatisfied: '不满意',
	'very-dissatisfied': '非常不满意'
};

/** The file's names for the channels a rating arrives by. */
export const channelLabels: Record<EvaluationChannel, string> = {
	device: '窗口评价器',
	'qr-code': '二维码',
	sms: '短信',
	website: '网站',
	phone: '电话'
};

const byLabel = <K extends string>(labels: Record<K, string>, extra: Record<string, K>) =>
	new Map<string, K>([
		...(Object.entries(labels) as [K, string][]).map(([k, v]) => [v, k] as [string, K]),
		...(Object.keys(labels) as K[]).map((k) => [k, k] as [string, K]),
		...Object.entries(extra)
	]);

const ratingNames = byLabel(ratingLabels, {
	'very satisfied': 'very-satisfied',
	'basically satisfied': 'basic',
	'very dissatisfied': 'very-dissatisfied'
});
const channelNames = byLabel(channelLabels, {
	评价器: 'device',
	窗口: 'device',
	扫码: 'qr-code',
	'qr code': 'qr-code',
	门户网站: 'website',
	'12345': 'phone'
});

/** A rating as evaluation.import carries it. */
export interface EvaluationFileRow {
	line: number;
	number: string;
	ratedOn: string;
	rating: EvaluationRating;
	channel: EvaluationChannel;
	staffId: string;
	windowId?: string;
	serviceItemId: string;
	comment?: string;
}

export interface EvaluationImportContext {
	staff: { id: string; name: string }[];
	windows: { id: string; code: string }[];
	items: { id: string; name: string }[];
}

const find = <T extends { id: string }>(list: T[], name: (t: T) => string, text: string) =>
	list.find((t) => t.id === text || normalise(name(t)) === normalise(text));

/** Checks a whole export; the rows carry their spreadsheet row for the server's words. */
export function readEvaluations(
	table: Table,
	ctx: EvaluationImportContext
): ImportOutcome<EvaluationFileRow> {
	const firstRow = new Map<string, number>();
	return readTable<EvaluationKey, EvaluationFileRow>(table, evaluationColumns, (r) => {
		const number = r.text('number', 40);
		if (number && !evaluationNumber.safeParse(number).success) r.fail('number', 'required');
		const seen = firstRow.get(number);
		if (number && seen !== undefined) r.fail('number', 'duplicate-id', { first: seen });
		if (number) firstRow.set(number, r.row);
		const ratedOn = readDate(r);
		const ratingText = r.text('rating', 20);
		const rating = ratingNames.get(normalise(ratingText));
		if (ratingText && !rating) r.fail('rating', 'unknown-rating', { value: ratingText });
		const channelText = r.text('channel', 20);
		const channel = channelNames.get(normalise(channelText));
		if (channelText && !channel) r.fail('channel', 'unknown-channel', { value: channelText });
		const staffText = r.text('staff', 40);
		const staff = staffText ? find(ctx.staff, (s) => s.name, staffText) : undefined;
		if (staffText && !staff) r.fail('staff', 'unknown-staff', { value: staffText });
		const windowText = r.text('window', 12);
		const window = windowText ? find(ctx.windows, (w) => w.code, windowText) : undefined;
		if (windowText && !window) r.fail('window', 'unknown-window', { value: windowText });
		const itemText = r.text('item', 80);
		const item = itemText ? find(ctx.items, (i) => i.name, itemText) : undefined;
		if (itemText && !item) r.fail('item', 'unknown-item', { value: itemText });
		const comment = r.text('comment', 200);
		return {
			line: r.row,
			number,
			ratedOn: ratedOn ?? '',
			rating: rating ?? 'basic',
			channel: channel ?? 'device',
			staffId: staff?.id ?? '',
			...(window && { windowId: window.id }),
			serviceItemId: item?.id ?? '',
			...(comment && { comment })
		};
	});
}

function readDate(r: RowReader<EvaluationKey>): string | undefined {
	const text = r.text('ratedOn', 40);
	if (!text) return undefined;
	const date = fileDate(text);
	if (!date) r.fail('ratedOn', 'date', { value: text });
	return date;
}

/** The template: the header and one example row. */
export function evaluationTemplate(): Table {
	return [
		evaluationColumns.map((c) => c.header),
		['HCP2026030700001', '2026-03-07', '非常满意', '窗口评价器', '', 'A01', '不动产登记', '']
	];
}
