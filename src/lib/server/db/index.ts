/**
 * The app's database, opened on the first request that needs it and never at import: the build
 * imports server modules to analyse them and must not open (or create) a database.
 */
import { join, resolve } from 'node:path';
import { config } from '../config';
import { PokeHub } from '../sync/events';
import { PullMemory } from '../sync/tip';
import { centreExists, hallToday, seedDemo } from '../seed';
import { openDatabase, type Db } from './open';
import { scheduleRetention } from '../retention-schedule';
import { PushLimiter } from '../rate-limit';

export interface App {
	db: Db;
	hub: PokeHub;
	/** This app server's memory of each centre's tip and of the pages being read (sync/tip.ts). */
	pulls: PullMemory;
	/** Per device and per user push limits of this app server (rate-limit.ts). */
	pushLimiter: PushLimiter;
	/** The lowest sync protocol served (SYNC_MIN_PROTOCOL; sync/handshake.ts). */
	minProtocol: number;
}

let opening: Promise<App> | undefined;

export function app(): Promise<App> {
	opening ??= start().catch((e) => {
		// A failed start (database down) is retried by the next request instead of sticking.
		opening = undefined;
		throw e;
	});
	return opening;
}

async function start(): Promise<App> {
	const c = config();
	const db = await openDatabase({
		url: c.databaseUrl,
		dataDir: c.databaseUrl ? undefined : join(resolve(c.dataDir), 'pglite'),
		migrationsFolder: resolve(c.migrationsDir),
		poolSize: c.poolSize
	});
	if (c.demo) {
		// Loaded only in demo mode: a real install never carries the generator's work at start.
		const { generateDemo, demoAccounts, demoBranches } = await import('$lib/demo');
		const today = hallToday();
		const demo = generateDemo({ seed: 2026, today });
		// The generator is deterministic, so the centre's id tells whether it was seeded before.
		await seedDemo(db, demo, demoAccounts);
		// The district's branch halls, for the district view: no accounts of their own.
		for (const { seed, ...branch } of demoBranches) {
			if (await centreExists(db, branch.id)) continue;
			await seedDemo(db, generateDemo({ seed, today, branch }), []);
		}
	}
	const stopRetention = scheduleRetention(db);
	// adapter-node emits this after SIGTERM once connections are closed: release the pool and the
	// LISTEN connection so the process can end instead of idling on open sockets.
	process.once('sveltekit:shutdown', () => {
		stopRetention();
		void db.close().catch(() => undefined);
	});
	return {
		db,
		hub: new PokeHub(db),
		pulls: new PullMemory(db),
		pushLimiter: new PushLimiter(c.pushLimits),
		minProtocol: c.minProtocol
	};
}
