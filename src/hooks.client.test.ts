import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NavigationEvent } from '@sveltejs/kit';
import { handleError } from './hooks.client';

const event = {
	url: new URL('http://hall.test/roster'),
	route: { id: '/roster' }
} as never as NavigationEvent;

describe('handleError (browser)', () => {
	// Node 20 has no navigator; the browser always has one.
	let onLine = true;
	beforeEach(() => {
		onLine = true;
		vi.stubGlobal('navigator', {
			get onLine() {
				return onLine;
			}
		});
	});
	afterEach(() => {
		vi.restoreAllMocks();
		vi.unstubAllGlobals();
	});

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

	it('says a screen not yet stored needs the network once, when its code fails to load offline', () => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const error = new TypeError('Failed to fetch dynamically imported module: /_app/x.js');
		onLine = false;
		const offline = handleError({ error, event, status: 500, message: 'Internal Error' }) as {
			message: string;
			errorId: string;
		};
		expect(offline.message).toBe(
			`这个页面还没有保存到本设备（错误编号 ${offline.errorId}）。请联网后打开一次，之后离线也能使用。`
		);
		onLine = true;
		const online = handleError({ error, event, status: 500, message: 'Internal Error' }) as {
			message: string;
			errorId: string;
		};
		expect(online.message).toBe(
			`页面出错了，请刷新后重试。如需帮助，请告知错误编号 ${online.errorId}。`
		);
	});
});
