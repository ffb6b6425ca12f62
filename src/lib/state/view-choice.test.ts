import { describe, expect, it } from 'vitest';
import { keepChoice, recallChoice } from './view-choice';

function memory(initial: Record<string, string> = {}) {
	const data = new Map(Object.entries(initial));
	return {
		data,
		getItem: (k: string) => data.get(k) ?? null,
		setItem: (k: string, v: string) => void data.set(k, v)
	};
}

describe('view choice', () => {
	it('gives back what was kept, on the same day', () => {
		const store = memory();
		keepChoice(
			'volume',
			'2026-12-05',
			{ date: '2026-12-04', category: '社保', channel: 'window', windowId: 'w-1', hour: 10 },
			store
		);
		expect(recallChoice('volume', '2026-12-05', store)).toEqual({
			date: '2026-12-04',
			category: '社保',
			channel: 'window',
			windowId: 'w-1',
			hour: 10
		});
	});

	it('forgets the day the next morning but keeps the rest', () => {
		const store = memory();
		keepChoice('ledger', '2026-12-05', { date: '2026-12-12', department: 'd-1' }, store);
		expect(recallChoice('ledger', '2026-12-06', store)).toEqual({ department: 'd-1' });
	});

	it('drops each bad field alone and survives garbage', () => {
		const key = 'budayang.view.volume';
		const bad = memory({
			[key]: JSON.stringify({
				on: '2026-12-05',
				choice: { date: '2026-02-30', hour: 99, channel: 'fax', category: '社保', extra: 1 }
			})
		});
		expect(recallChoice('volume', '2026-12-05', bad)).toEqual({ category: '社保' });
		expect(recallChoice('volume', '2026-12-05', memory({ [key]: '{not json' }))).toEqual({});
		expect(recallChoice('volume', '2026-12-05', memory({ [key]: '[1,2]' }))).toEqual({});
		expect(recallChoice('volume', '2026-12-05', memory())).toEqual({});
		expect(recallChoice('volume', '2026-12-05', undefined)).toEqual({});
	});

	it('a refusing storage costs only the memory', () => {
		const refusing = {
			getItem: () => {
				throw new Error('denied');
			},
			setItem: () => {
				throw new Error('full');
			}
		};
		expect(() => keepChoice('ledger', '2026-12-05', { department: '' }, refusing)).not.toThrow();
		expect(() => recallChoice('ledger', '2026-12-05', refusing)).not.toThrow();
	});
});
