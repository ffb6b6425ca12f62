import { describe, expect, it } from 'vitest';
import { sheetDeltas, type SheetRow } from './sheet';

const zero = { accepted: 0, completed: 0, consulted: 0, oneVisit: 0, refused: 0 };
const row = (entered: Partial<SheetRow['entered']>, current = zero): SheetRow => ({
	hour: 9,
	category: '税务',
	channel: 'window',
	current,
	entered: { accepted: '', completed: '', consulted: '', oneVisit: '', refused: '', ...entered }
});

describe('end-of-day sheet', () => {
	it('sends only the difference to what the device holds', () => {
		const { errors, cells } = sheetDeltas([
			row(
				{ accepted: '12', completed: '10', oneVisit: '9' },
				{ ...zero, accepted: 5, completed: 10 }
			),
			row({})
		]);
		expect(errors).toEqual([]);
		expect(cells).toEqual([
			{ hour: 9, category: '税务', channel: 'window', delta: { accepted: 7, oneVisit: 9 } }
		]);
	});

	it('names the cell of every mistake', () => {
		const { errors, cells } = sheetDeltas([
			row({ accepted: '-2' }),
			row({ completed: '3', oneVisit: '4' }),
			row({ consulted: '1.5' })
		]);
		expect(cells).toEqual([]);
		expect(errors).toEqual([
			{ index: 0, counter: 'accepted', code: 'whole' },
			{ index: 1, counter: 'oneVisit', code: 'one_visit' },
			{ index: 2, counter: 'consulted', code: 'whole' }
		]);
	});
});
