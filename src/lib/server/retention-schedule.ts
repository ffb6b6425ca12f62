/**
 * Runs the appointment erasure for every centre shortly after start and then every six hours, so
 * personal data never outlives a centre's retention period by more than a few hours.
 */
import type { Db } from './db/open';
import { centres } from './db/schema';
import { eraseExpiredAppointments } from './retention';

const EVERY_MS = 6 * 3600_000;
const FIRST_AFTER_MS = 60_000;

export async function eraseForAllCentres(db: Db, now: Date): Promise<number> {
	const rows = await db.orm.select({ id: centres.id }).from(centres);
	let erased = 0;
	for (const { id } of rows) {
		const report = await eraseExpiredAppointments(db, id, { now, userId: 'server:retention' });
		erased += report.erased;
	}
	return erased;
}

export function scheduleRetention(db: Db): () => void {
	const run = () =>
		eraseForAllCentres(db, new Date()).catch((e) => console.error('retention run failed', e));
	const first = setTimeout(run, FIRST_AFTER_MS);
	const every = setInterval(run, EVERY_MS);
	// Timers must not keep a stopping process alive.
	first.unref?.();
	every.unref?.();
	return () => {
		clearTimeout(first);
		clearInterval(every);
	};
}
