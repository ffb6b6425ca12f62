import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NavigationEvent } from '@sveltejs/kit';
import { handleError } from './hooks.client';

const event = {
	url: new URL('http://hall.test/roster'),
	route: { id: '/roster' }
} as never as NavigationEvent;

describe('handleError (browser)', () => {
	afterEach(() => vi.restoreAllMocks());

	it('keeps the error in the console under an id and shows that id to the user', () => {
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		const error = new TypeError('x is undefined');
		const answer = handleError({ error, event, status: 500, message: 'Internal Error' });
		expect(answer).toBeDefined();
		const { message, errorId } = answer as { message: string; errorId: string };
		expect(errorId).toMatch(/^[0-9a-f]{8}$/);
		expect(message).toBe(`页面出错了，请刷新后重试。如需帮助，请告知错误编号 ${errorId}。`);
		expect(logged).toHaveBeenCalledWith(`[${errorId}]`, error);
	});

	it('says a missing page does not exist, without a console error', () => {
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		const answer = handleError({
			error: new Error('Not found'),
			event,
			status: 404,
			message: 'Not Found'
		}) as { message: string; errorId: string };
		expect(answer.message).toBe(`找不到这个页面（错误编号 ${answer.errorId}）。`);
		expect(logged).not.toHaveBeenCalled();
	});
});
