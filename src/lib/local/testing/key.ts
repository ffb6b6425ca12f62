/** For tests that pull personal data into a device: a key like the one a login brings. */
import type { HallDatabase } from '../db';
import { holdKey, keyFromShare } from '../sealing';

export async function holdTestKey(db: HallDatabase): Promise<HallDatabase> {
	const share = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
	const { key, kid } = await keyFromShare(share);
	await holdKey(db, key, kid);
	return db;
}
