/**
 * The server's environment, read and checked in one place when the server first needs it.
 * A bad value stops the start with the variable's name, rather than failing later in a request.
 */
import { z } from 'zod';
import { logLevels, type LogLevel } from './ops/log';
import type { PushLimits } from './rate-limit';

const flag = z
	.enum(['1', '0', 'true', 'false', ''])
	.optional()
	.transform((v) => v === '1' || v === 'true');

const positiveInt = (fallback: number, max: number) =>
	z.coerce
		.number({ message: 'must be a number' })
		.int('must be a whole number')
		.min(1, 'must be at least 1')
		.max(max, `must be at most ${max}`)
		.default(fallback);

const configSchema = z.object({
	PORT: z.coerce.number().int().min(1).max(65535, 'must be a port number').default(3000),
	HOST: z.string().min(1).default('0.0.0.0'),
	ORIGIN: z.url({ message: 'must be a URL such as https://hall.example.cn' }).optional(),
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// URL')
		.optional(),
	DATA_DIR: z.string().min(1).default('./data'),
	MIGRATIONS_DIR: z.string().min(1).default('./drizzle'),
	DEMO: flag,
	SESSION_HOURS: positiveInt(12, 24 * 30),
	/**
	 * Failed logins of one username from one address within LOGIN_WINDOW_MINUTES before 429; past
	 * it each failure doubles the wait (auth/login.ts). A username alone is never locked.
	 */
	LOGIN_MAX_FAILURES: positiveInt(5, 1000),
	/** Per address the limit is higher: a whole hall shares one address behind its router. */
	LOGIN_MAX_FAILURES_PER_ADDRESS: positiveInt(30, 10000),
	LOGIN_WINDOW_MINUTES: positiveInt(15, 24 * 60),
	/** Largest request body accepted by the JSON endpoints, in bytes. */
	MAX_BODY_BYTES: positiveInt(1024 * 1024, 64 * 1024 * 1024),
	DB_POOL_SIZE: positiveInt(10, 200),
	/** Lowest level written to stdout; `silent` keeps test runs quiet. */
	LOG_LEVEL: z
		.enum(logLevels, { message: `must be one of ${logLevels.join(', ')}` })
		.default('info'),
	/** Pushes per minute from one device, and the most it may send at once (docs/security.md). */
	SYNC_PUSHES_PER_MINUTE_PER_DEVICE: positiveInt(120, 1_000_000),
	SYNC_PUSH_BURST_PER_DEVICE: positiveInt(60, 1_000_000),
	/** Pushes per minute from one user over all their devices, and the burst. */
	SYNC_PUSHES_PER_MINUTE_PER_USER: positiveInt(600, 1_000_000),
	SYNC_PUSH_BURST_PER_USER: positiveInt(240, 1_000_000),
	/**
	 * The lowest sync protocol a device may speak; an older one is answered 426 and asked to
	 * update (docs/sync-protocol.md, "Versions and handshake").
	 */
	SYNC_MIN_PROTOCOL: positiveInt(1, 1000)
});

/** Every variable the server reads, for the documentation checks (.env.example, README). */
export const configVariables = Object.keys(configSchema.shape);

export interface Config {
	port: number;
	host: string;
	origin?: string;
	databaseUrl?: string;
	dataDir: string;
	migrationsDir: string;
	demo: boolean;
	sessionHours: number;
	login: { maxFailures: number; maxFailuresPerAddress: number; windowMinutes: number };
	maxBodyBytes: number;
	poolSize: number;
	logLevel: LogLevel;
	pushLimits: PushLimits;
	minProtocol: number;
}

/** Reads the configuration from an environment; throws `NAME: reason` for the first bad value. */
export function readConfig(env: Record<string, string | undefined>): Config {
	// An empty variable counts as unset, as shells and compose files often leave them so.
	const present = Object.fromEntries(
		Object.entries(env).filter(([key, value]) => key in configSchema.shape && value !== '')
	);
	const parsed = configSchema.safeParse(present);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new Error(`${issue.path.join('.')}: ${issue.message}`);
	}
	const c = parsed.data;
	return {
		port: c.PORT,
		host: c.HOST,
		origin: c.ORIGIN,
		databaseUrl: c.DATABASE_URL,
		dataDir: c.DATA_DIR,
		migrationsDir: c.MIGRATIONS_DIR,
		demo: c.DEMO,
		sessionHours: c.SESSION_HOURS,
		login: {
			maxFailures: c.LOGIN_MAX_FAILURES,
			maxFailuresPerAddress: c.LOGIN_MAX_FAILURES_PER_ADDRESS,
			windowMinutes: c.LOGIN_WINDOW_MINUTES
		},
		maxBodyBytes: c.MAX_BODY_BYTES,
		poolSize: c.DB_POOL_SIZE,
		logLevel: c.LOG_LEVEL,
		pushLimits: {
			device: {
				perMinute: c.SYNC_PUSHES_PER_MINUTE_PER_DEVICE,
				burst: c.SYNC_PUSH_BURST_PER_DEVICE
			},
			user: { perMinute: c.SYNC_PUSHES_PER_MINUTE_PER_USER, burst: c.SYNC_PUSH_BURST_PER_USER }
		},
		minProtocol: c.SYNC_MIN_PROTOCOL
	};
}

let cached: Config | undefined;

/** The process's configuration, read on first use (never at import, so the build can import this). */
export function config(): Config {
	cached ??= readConfig(process.env);
	return cached;
}
