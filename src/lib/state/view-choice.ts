/**
 * What a screen was last showing on this device (the ledger's day and department, the volume
 * page's day, category, window and hour), kept in localStorage so a reload or a tablet woken from
 * sleep opens where the person left it. A stored value is read through Zod and every field that
 * does not pass falls back to the screen's own default; the address (?date=, ?department=) wins
 * over what was stored. A day is remembered for the day it was chosen on only: the next morning
 * the screen opens on that morning, not on yesterday's choice.
 */
import { z } from 'zod';
import { channel, id, isoDate } from '$lib/schemas';

const PREFIX = 'budayang.view.';

const shapes = {
	ledger: z.object({ date: isoDate, department: z.union([id, z.literal('')]) }),
	volume: z.object({
		date: isoDate,
		category: z.string().max(100),
		channel,
		windowId: z.union([id, z.literal('')]),
		hour: z.number().int().min(0).max(23)
	})
};
type Screen = keyof typeof shapes;
export type ViewChoice<S extends Screen> = Partial<z.infer<(typeof shapes)[S]>>;

/** The stored record: the choice, and the hall day it was made on. */
const stored = z.object({ on: isoDate, choice: z.record(z.string(), z.unknown()) });

type Store = Pick<Storage, 'getItem' | 'setItem'>;

function storage(): Store | undefined {
	try {
		return globalThis.localStorage;
	} catch {
		return undefined; // storage refused (private mode, policy): the screen keeps its defaults
	}
}

/**
 * The fields of `screen`'s stored choice that are still valid, for the hall day `today`; the
 * date only when it was chosen today. Anything unreadable gives `{}`.
 */
export function recallChoice<S extends Screen>(
	screen: S,
	today: string,
	store: Store | undefined = storage()
): ViewChoice<S> {
	let raw: unknown;
	try {
		raw = JSON.parse(store?.getItem(PREFIX + screen) ?? 'null');
	} catch {
		return {};
	}
	const record = stored.safeParse(raw);
	if (!record.success) return {};
	const shape = shapes[screen].shape as Record<string, z.ZodType>;
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(record.data.choice)) {
		if (!(key in shape) || (key === 'date' && record.data.on !== today)) continue;
		const field = shape[key].safeParse(value);
		if (field.success) out[key] = field.data;
	}
	return out as ViewChoice<S>;
}

/** Stores what `screen` shows now, made on the hall day `today`. */
export function keepChoice<S extends Screen>(
	screen: S,
	today: string,
	choice: ViewChoice<S>,
	store: Store | undefined = storage()
) {
	try {
		store?.setItem(PREFIX + screen, JSON.stringify({ on: today, choice }));
	} catch {
		// A full or refused storage only costs the memory, never the screen.
	}
}
