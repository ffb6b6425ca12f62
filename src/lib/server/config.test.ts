import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('config', () => {
	it('has defaults for everything', () => {
		expect(readConfig({})).toMatchObject({
			port: 3000,
			host: '0.0.0.0',
			databaseUrl: undefined,
			dataDir: './data',
			demo: false,
			sessionHours: 12,
			login: { maxFailures: 5, windowMinutes: 15 },
			maxBodyBytes: 1024 * 1024
		});
	});

	it('reads the environment', () => {
		const c = readConfig({
			PORT: '4173',
			ORIGIN: 'http://localhost:4173',
			DATABASE_URL: 'postgresql://u@db:5432/hall',
			DEMO: '1',
			SESSION_HOURS: '8',
			UNRELATED: 'x'
		});
		expect(c).toMatchObject({
			port: 4173,
			databaseUrl: 'postgresql://u@db:5432/hall',
			demo: true,
			sessionHours: 8
		});
		expect(readConfig({ DEMO: '', DATABASE_URL: '' })).toMatchObject({
			demo: false,
			databaseUrl: undefined
		});
	});

	it.each([
		[{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL: must be a postgres:// URL'],
		[{ SESSION_HOURS: 'twelve' }, 'SESSION_HOURS: must be a number'],
		[{ SESSION_HOURS: '0' }, 'SESSION_HOURS: must be at least 1'],
		[{ PORT: '70000' }, 'PORT: must be a port number'],
		[{ DEMO: 'yes' }, 'DEMO:'],
		[{ ORIGIN: 'localhost' }, 'ORIGIN: must be a URL']
	])('names the variable of a bad value: %o', (env, message) => {
		expect(() => readConfig(env)).toThrow(message);
	});
});
