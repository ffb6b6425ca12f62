/**
 * The end-of-day sheet and the platform totals: people type totals, the sync sends deltas.
 * Each typed row is checked with Zod; only cells that changed become part of the batch, so a
 * sheet saved while another tablet was still counting adds exactly the difference it saw.
 */
import { z } from 'zod';
import { counterNames, type Channel, type CounterName, type VolumeCounters } from '$lib/schemas';

export interface SheetRow {
	hour: number;
	category: string;
	channel: Channel;
	windowId?: string;
	/** What the device holds now. */
	current: VolumeCounters;
	/** What the person typed, as text from the inputs. */
	entered: Record<CounterName, string>;
}

const total = z
	.string()
	.trim()
	.transform((s) => (s === '' ? 0 : Number(s)))
	.pipe(z.number().int('whole').min(0, 'whole').max(100_000, 'whole'));

export const sheetRowSchema = z
	.object(
		Object.fromEntries(counterNames.map((n) => [n, total])) as Record<CounterName, typeof total>
	)
	.refine((r) => r.oneVisit <= r.completed, { message: 'one_visit', path: ['oneVisit'] });

export interface SheetError {
	index: number;
	counter: CounterName;
	code: 'whole' | 'one_visit';
}

export function sheetDeltas(rows: readonly SheetRow[]) {
	const errors: SheetError[] = [];
	const cells: {
		hour: number;
		category: string;
		channel: Channel;
		windowId?: string;
		delta: Partial<Record<CounterName, number>>;
	}[] = [];
	rows.forEach((row, index) => {
		const parsed = sheetRowSchema.safeParse(row.entered);
		if (!parsed.success) {
			for (const issue of parsed.error.issues) {
				errors.push({
					index,
					counter: issue.path[0] as CounterName,
					code: issue.message === 'one_visit' ? 'one_visit' : 'whole'
				});
			}
			return;
		}
		const delta: Partial<Record<CounterName, number>> = {};
		for (const n of counterNames) {
			const d = parsed.data[n] - row.current[n];
			if (d !== 0) delta[n] = d;
		}
		if (Object.keys(delta).length) {
			cells.push({
				hour: row.hour,
				category: row.category,
				channel: row.channel,
				...(row.windowId ? { windowId: row.windowId } : {}),
				delta
			});
		}
	});
	return { errors, cells };
}
