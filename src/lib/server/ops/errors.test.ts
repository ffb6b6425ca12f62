import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { createLogger } from './log';
import { describeError, handleServerError, preferredLocale } from './errors';

function capture(level: 'debug' | 'info' = 'info') {
	const lines: Record<string, unknown>[] = [];
	return { lines, logger: createLogger(level, (line) => lines.push(JSON.parse(line))) };
}

const event = (acceptLanguage?: string) =>
	({
		request: new Request('http://hall.test/roster?date=2026-06-06', {
			headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {}
		}),
		url: new URL('http://hall.test/roster?date=2026-06-06'),
		route: { id: '/roster' },
		locals: { requestId: 'req-12345678', user: { id: 'user-7' } }
	}) as unknown as RequestEvent;

describe('handleServerError', () => {
	it('logs a 5xx with an id and answers that id in Chinese by default', () => {
		const { lines, logger } = capture();
		const answer = handleServerError(logger, {
			error: new TypeError('cannot read x of undefined'),
			event: event(),
			status: 500
		});
		expect(answer.errorId).toMatch(/^[0-9a-f]{8}$/);
		expect(answer.message).toBe(`出错了，请稍后重试。如需帮助，请告知错误编号 ${answer.errorId}。`);
		expect(answer.message).not.toContain('undefined');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({
			level: 'error',
			event: 'error',
			errorId: answer.errorId,
			requestId: 'req-12345678',
			method: 'GET',
			route: '/roster',
			status: 500,
			userId: 'user-7',
			error: 'TypeError',
			message: 'cannot read x of undefined'
		});
	});

	it('answers in English when the browser prefers it', () => {
		const { logger } = capture();
		const answer = handleServerError(logger, {
			error: new Error('x'),
			event: event('en-GB,en;q=0.9,zh-CN;q=0.5'),
			status: 500
		});
		expect(answer.message).toBe(
			`Something went wrong. Please try again later. If you need help, quote error ${answer.errorId}.`
		);
	});

	it('keeps a 404 out of the error log and says the page does not exist', () => {
		const { lines, logger } = capture();
		const answer = handleServerError(logger, {
			error: new Error('Not found: /nowhere'),
			event: event(),
			status: 404
		});
		expect(lines).toEqual([]);
		expect(answer.message).toBe(`找不到这个页面（错误编号 ${answer.errorId}）。`);
	});
});

describe('preferredLocale', () => {
	it.each([
		[null, 'zh'],
		['', 'zh'],
		['en-US,en;q=0.9', 'en'],
		['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
		['fr-FR,en;q=0.5,zh;q=0.9', 'zh'],
		['de, en;q=0.1', 'en'],
		['en;q=0, zh-TW', 'zh'],
		['ja', 'zh']
	] as const)('%s → %s', (header, locale) => {
		expect(preferredLocale(header)).toBe(locale);
	});
});

describe('describeError', () => {
	it('keeps the code and message but not the driver detail', () => {
		const e = Object.assign(new Error('duplicate key value violates unique constraint'), {
			code: '23505',
			detail: 'Key (username)=(zhangwei) already exists.'
		});
		const described = describeError(e);
		expect(described).toMatchObject({ error: 'Error', code: '23505' });
		expect(JSON.stringify(described)).not.toContain('zhangwei');
	});
});
