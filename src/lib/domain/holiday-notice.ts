/**
 * Reading the State Council's yearly notice (国务院办公厅关于某年部分节假日安排的通知) as an admin
 * pastes it from the government website, so the dates need not be typed one by one (issue 16).
 *
 * The notice lists each festival as a numbered item: "二、春节：2月15日（农历腊月二十八、周日）至23日
 * （农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。" The reader keeps the
 * festival's name, the first date range of the sentence that says 放假, and every date of the
 * sentences that say 上班. What it cannot read it names, item by item, and the admin checks every
 * line in the form before saving; the mutation checks the dates again (calendar.ts).
 */
import { holidayFestival, type HolidayNotice } from '$lib/schemas';

type Festival = HolidayNotice['festivals'][number];

export type NoticeProblem =
	/** An item names no date range before 放假. */
	| { kind: 'no-days-off'; item: string }
	/** The dates read do not make a festival (the last day before the first, too many make-up days). */
	| { kind: 'unreadable'; item: string };

export interface NoticeReading {
	/** The year the title names (…关于2027年部分节假日安排的通知), when it names one. */
	year?: number;
	festivals: Festival[];
	problems: NoticeProblem[];
}

/** Numbered items: 一、 … 十二、, at the start of a line or after the end of a sentence. */
const ITEM = /(?:^|[\n。；;])\s*[一二三四五六七八九十]{1,3}[、.．]\s*/g;
const ASIDE = /[（(][^）)]*[）)]/g;
const DATE = /(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日/g;
const TITLE_YEAR = /(\d{4})\s*年\s*(?:元旦|部分)?节假日/;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The dates of one sentence in order. A date without a month takes the month before it ("15日至23日"),
 * and without a year takes the notice's year — except a December date that comes before a January
 * one in the same sentence, which is the year before (元旦 "12月31日至1月2日").
 */
function datesOf(sentence: string, year: number): string[] {
	const parts: { y?: number; m: number; d: number }[] = [];
	let month: number | undefined;
	for (const match of sentence.matchAll(DATE)) {
		const m = match[2] ? Number(match[2]) : month;
		if (m === undefined) continue;
		month = m;
		parts.push({ y: match[1] ? Number(match[1]) : undefined, m, d: Number(match[3]) });
	}
	return parts.map((p, i) => {
		const laterJanuary = p.m === 12 && parts.slice(i + 1).some((q) => q.m === 1 && !q.y);
		const y = p.y ?? (laterJanuary ? year - 1 : year);
		return `${y}-${pad(p.m)}-${pad(p.d)}`;
	});
}

/** Reads a pasted notice for `year` (the year the form is for, unless the title names another). */
export function readHolidayNotice(text: string, year: number): NoticeReading {
	const titled = TITLE_YEAR.exec(text);
	const noticeYear = titled ? Number(titled[1]) : year;
	const plain = text.replace(ASIDE, '').replace(/\r/g, '');
	const starts = [...plain.matchAll(ITEM)].map((m) => ({
		at: (m.index ?? 0) + m[0].length,
		from: m.index ?? 0
	}));
	const festivals: Festival[] = [];
	const problems: NoticeProblem[] = [];
	starts.forEach((start, i) => {
		const item = plain.slice(start.at, starts[i + 1]?.from ?? plain.length).trim();
		const colon = item.search(/[：:]/);
		if (colon <= 0) return;
		const name = item.slice(0, colon).trim().slice(0, 20);
		const sentences = item
			.slice(colon + 1)
			.split(/[。；;\n]/)
			.map((s) => s.trim())
			.filter(Boolean);
		const off = sentences.find((s) => s.includes('放假'));
		const offDates = off ? datesOf(off.slice(0, off.indexOf('放假')), noticeYear) : [];
		if (offDates.length === 0) {
			problems.push({ kind: 'no-days-off', item: name });
			return;
		}
		// A make-up clause may share the sentence of the days off ("…共7天，1月28日、29日上班").
		const makeUpDays = sentences
			.filter((s) => s.includes('上班'))
			.flatMap((s) => datesOf(s.slice(Math.max(0, s.indexOf('放假'))), noticeYear));
		const read = holidayFestival.safeParse({
			name,
			from: offDates[0],
			to: offDates[1] ?? offDates[0],
			makeUpDays
		});
		if (read.success) festivals.push(read.data);
		else problems.push({ kind: 'unreadable', item: name });
	});
	return { year: titled ? noticeYear : undefined, festivals, problems };
}
