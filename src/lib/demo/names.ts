/**
 * Invented people and companies for the demo. Names are built from a surname and one or two
 * given-name characters. The given-name characters leave out every character of the given names
 * in the district plan, so a demo person can never carry the name of a real person named there.
 */
import type { Random } from './random';

const surnames = [
	'王',
	'张',
	'刘',
	'陈',
	'杨',
	'赵',
	'周',
	'吴',
	'徐',
	'孙',
	'胡',
	'朱',
	'高',
	'林',
	'何',
	'郭',
	'罗',
	'郑',
	'谢',
	'宋',
	'唐',
	'许',
	'韩',
	'冯',
	'邓',
	'曹',
	'彭',
	'曾',
	'肖',
	'田',
	'董',
	'袁',
	'潘',
	'蒋',
	'蔡',
	'余',
	'杜',
	'叶',
	'程',
	'苏',
	'魏',
	'吕',
	'丁',
	'沈',
	'姚'
] as const;

const givenChars = [
	'晓',
	'思',
	'雨',
	'子',
	'涵',
	'浩',
	'然',
	'宇',
	'轩',
	'欣',
	'怡',
	'梓',
	'博',
	'文',
	'嘉',
	'俊',
	'明',
	'静',
	'婷',
	'雪',
	'磊',
	'鹏',
	'飞',
	'凯',
	'琳',
	'颖',
	'晨',
	'阳',
	'海',
	'涛',
	'平',
	'建',
	'国',
	'军',
	'强',
	'秀',
	'英',
	'慧',
	'敏',
	'燕',
	'红',
	'霞',
	'桂',
	'立',
	'新',
	'德',
	'春',
	'晖',
	'远',
	'航',
	'悦',
	'安',
	'瑶',
	'璐',
	'昊',
	'哲',
	'帆',
	'晴',
	'朗',
	'清'
] as const;

/**
 * Characters of the given names in the plan; none of them may appear in `givenChars`
 * (names.test.ts keeps that true when someone adds a character).
 */
export const avoidedGivenChars = '玉成世前志超杨宁华艳丽彩莲阅宬锐锋兰芳敬洪斌伟野莉杰巍晶';

/** A person's name: surname plus one given character (a third of the time) or two. */
export function personName(random: Random): string {
	const surname = random.pick(surnames);
	const first = random.pick(givenChars);
	if (random.chance(1 / 3)) return surname + first;
	let second = random.pick(givenChars);
	while (second === first && random.chance(0.8)) second = random.pick(givenChars);
	return surname + first + second;
}

/** `count` different names, in the order drawn. */
export function uniqueNames(random: Random, count: number): string[] {
	const seen = new Set<string>();
	while (seen.size < count) seen.add(personName(random));
	return [...seen];
}

const companyWords = [
	'禾丰',
	'青岚',
	'润泽',
	'云帆',
	'北辰',
	'嘉禾',
	'启明',
	'长青',
	'恒信',
	'星河',
	'瑞祥',
	'晨光',
	'远航',
	'山岚',
	'合众',
	'丰源',
	'清和',
	'锦程',
	'春晖',
	'新禾'
] as const;
const trades = ['商贸', '建材', '科技', '物流', '餐饮管理', '农业发展', '建筑工程', '房地产开发'];
const forms = ['有限公司', '有限责任公司'] as const;

/** An invented company, prefixed with the invented district so it reads as a demo. */
export function companyName(random: Random, district: string): string {
	return `${district}${random.pick(companyWords)}${random.pick(trades)}${random.pick(forms)}`;
}
