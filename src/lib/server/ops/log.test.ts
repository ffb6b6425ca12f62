import { describe, expect, it } from 'vitest';
import { createLogger } from './log';

const at = () => new Date('2026-06-06T01:02:03.004Z');

describe('createLogger', () => {
	it('writes one JSON object per line with level, time and event first', () => {
		const lines: string[] = [];
		const log = createLogger('info', (line) => lines.push(line), at);
		log.info('request', { status: 200, userId: 'u-1' });
		expect(lines).toEqual([
			'{"level":"info","time":"2026-06-06T01:02:03.004Z","event":"request","status":200,"userId":"u-1"}\n'
		]);
	});

	it('drops records below the level and writes nothing when silent', () => {
		const lines: string[] = [];
		const warn = createLogger('warn', (line) => lines.push(line), at);
		warn.debug('a');
		warn.info('b');
		warn.warn('c');
		warn.error('d');
		expect(lines.map((l) => JSON.parse(l).event)).toEqual(['c', 'd']);
		const silent = createLogger('silent', (line) => lines.push(line), at);
		silent.error('e');
		expect(lines).toHaveLength(2);
	});
});
