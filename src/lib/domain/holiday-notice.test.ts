import { describe, expect, it } from 'vitest';
import nationalCalendar from 'chinese-days/dist/chinese-days.json';
import { datesBetween } from './calendar';
import { readHolidayNotice } from './holiday-notice';

/** The notices as the government website shows them, title line and numbered items. */
const notice2026 = `国务院办公厅关于2026年部分节假日安排的通知
经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作。`;

const notice2025 = `国务院办公厅关于2025年部分节假日安排的通知
一、元旦：1月1日（周三）放假1天，不调休。
二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
三、清明节：4月4日（周五）至6日（周日）放假，共3天。
四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。`;

/** The shipped national calendar's days off and make-up days of a year, to check a reading against. */
function shipped(year: number) {
	const inYear = (days: Record<string, string>) =>
		Object.keys(days)
			.filter((d) => d.startsWith(`${year}-`))
			.sort();
	return { off: inYear(nationalCalendar.holidays), makeUp: inYear(nationalCalendar.workdays) };
}

function readDays(text: string, year: number) {
	const reading = readHolidayNotice(text, year);
	return {
		reading,
		off: reading.festivals.flatMap((f) => datesBetween(f.from, f.to)).sort(),
		makeUp: reading.festivals.flatMap((f) => f.makeUpDays).sort()
	};
}

describe('reading a pasted State Council notice', () => {
	it('reads the 2026 notice to exactly the days the shipped calendar holds', () => {
		const { reading, off, makeUp } = readDays(notice2026, 2026);
		expect(reading.year).toBe(2026);
		expect(reading.problems).toEqual([]);
		expect(reading.festivals.map((f) => f.name)).toEqual([
			'元旦',
			'春节',
			'清明节',
			'劳动节',
			'端午节',
			'中秋节',
			'国庆节'
		]);
		expect(reading.festivals[1]).toEqual({
			name: '春节',
			from: '2026-02-15',
			to: '2026-02-23',
			makeUpDays: ['2026-02-14', '2026-02-28']
		});
		expect({ off, makeUp }).toEqual(shipped(2026));
	});

	it('reads a single day off, a range across months and a festival pair (2025)', () => {
		const { reading, off, makeUp } = readDays(notice2025, 2025);
		expect(reading.problems).toEqual([]);
		expect(reading.festivals[0]).toEqual({
			name: '元旦',
			from: '2025-01-01',
			to: '2025-01-01',
			makeUpDays: []
		});
		expect(reading.festivals[4]).toMatchObject({ from: '2025-05-31', to: '2025-06-02' });
		expect(reading.festivals[5]?.name).toBe('国庆节、中秋节');
		expect({ off, makeUp }).toEqual(shipped(2025));
	});

	it('puts a December day of a 元旦 range in the year before', () => {
		const { reading } = readDays(
			'一、元旦：12月30日（周六）至1月1日（周一）放假调休，共3天。',
			2024
		);
		expect(reading.festivals).toEqual([
			{ name: '元旦', from: '2023-12-30', to: '2024-01-01', makeUpDays: [] }
		]);
		expect(reading.year).toBeUndefined();
	});

	it('keeps an explicit year and make-up days in the same sentence as the days off', () => {
		const text =
			'一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。\n二、春节：1月21日至27日放假调休，共7天，1月28日、29日上班。';
		const { reading } = readDays(text, 2023);
		expect(reading.festivals).toEqual([
			{ name: '元旦', from: '2022-12-31', to: '2023-01-02', makeUpDays: [] },
			{
				name: '春节',
				from: '2023-01-21',
				to: '2023-01-27',
				makeUpDays: ['2023-01-28', '2023-01-29']
			}
		]);
	});

	it('names the items it cannot read instead of guessing', () => {
		const text =
			'一、春节：另行通知。\n二、清明节：4月6日至4日放假。\n三、端午节：6月19日至21日放假，共3天。';
		const { reading } = readDays(text, 2026);
		expect(reading.problems).toEqual([
			{ kind: 'no-days-off', item: '春节' },
			{ kind: 'unreadable', item: '清明节' }
		]);
		expect(reading.festivals.map((f) => f.name)).toEqual(['端午节']);
	});

	it('reads nothing from text that is not a notice', () => {
		expect(readHolidayNotice('', 2027)).toEqual({ festivals: [], problems: [] });
		expect(readHolidayNotice('明天开会，请准时参加。', 2027).festivals).toEqual([]);
	});
});
