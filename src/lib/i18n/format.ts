/**
 * Dates, times and numbers as the hall reads them: zh-CN (or English) conventions, always in the
 * hall's time zone, whatever zone the tablet is set to.
 */
import { HALL_TIME_ZONE, hallInstant } from '$lib/domain/hall-clock';

export type Lang = 'zh' | 'en';
const intlLocale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en-GB');

/**
 * Each formatter is made once per kind, language and options, and kept: making one costs far more
 * than using it, and a board draws hundreds of numbers (the first sync's progress redraws its own
 * figures at every page).
 */
const made = new Map<string, unknown>();
function kept<O, F>(Make: new (locale: string, options: O) => F, lang: Lang, options: O): F {
	const key = `${Make.name} ${lang} ${JSON.stringify(options)}`;
	let found = made.get(key) as F | undefined;
	if (!found) made.set(key, (found = new Make(intlLocale(lang), options)));
	return found;
}

/** A calendar date string shown in the user's language, e.g. 11月28日 星期六. */
export function formatDate(date: string, lang: Lang, style: 'long' | 'short' = 'long'): string {
	const at = new Date(hallInstant(date, '12:00'));
	return kept(Intl.DateTimeFormat, lang, {
		timeZone: HALL_TIME_ZONE,
		month: style === 'long' ? 'long' : 'numeric',
		day: 'numeric',
		weekday: style === 'long' ? 'long' : 'short',
		year: style === 'long' ? 'numeric' : undefined
	}).format(at);
}

/** A month `YYYY-MM` in the user's language: 2026年5月, May 2026. */
export function formatMonth(month: string, lang: Lang): string {
	const at = new Date(hallInstant(`${month}-15`, '12:00'));
	return kept(Intl.DateTimeFormat, lang, {
		timeZone: HALL_TIME_ZONE,
		year: 'numeric',
		month: 'long'
	}).format(at);
}

export function formatTime(at: Date | string, lang: Lang): string {
	return kept(Intl.DateTimeFormat, lang, {
		timeZone: HALL_TIME_ZONE,
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).format(typeof at === 'string' ? new Date(at) : at);
}

export function formatNumber(n: number, lang: Lang, digits = 0): string {
	return kept(Intl.NumberFormat, lang, { maximumFractionDigits: digits }).format(n);
}

export function formatBytes(n: number, lang: Lang): string {
	const units = ['B', 'KB', 'MB', 'GB'];
	let i = 0;
	while (n >= 1024 && i < units.length - 1) {
		n /= 1024;
		i += 1;
	}
	return `${formatNumber(n, lang, 1)} ${units[i]}`;
}

/** Masks a phone number for the screen: 139****1234. */
export function maskPhone(phone: string): string {
	return phone.length >= 11
		? `${phone.slice(0, 3)}****${phone.slice(-4)}`
		: phone.replace(/\d(?=\d{4})/g, '*');
}
