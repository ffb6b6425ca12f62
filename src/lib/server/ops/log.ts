/**
 * Structured logs: one JSON object per line on stdout, which any log shipper (journald, Docker,
 * Loki, Filebeat) can collect without parsing free text. Nothing personal is written: users appear
 * by id, paths by route id, and query strings never (a cursor is harmless, a search term is not).
 */

export const logLevels = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

export type LogRecord = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
	debug(event: string, fields?: LogRecord): void;
	info(event: string, fields?: LogRecord): void;
	warn(event: string, fields?: LogRecord): void;
	error(event: string, fields?: LogRecord): void;
}

type Write = (line: string) => void;

/** A logger that keeps records at or above `level` and hands each to `write` as one line. */
export function createLogger(
	level: LogLevel,
	write: Write = (line) => process.stdout.write(line),
	now: () => Date = () => new Date()
): Logger {
	const threshold = logLevels.indexOf(level);
	const emit =
		(at: Exclude<LogLevel, 'silent'>) =>
		(event: string, fields: LogRecord = {}) => {
			if (logLevels.indexOf(at) < threshold) return;
			// Level, time and event first so a person reading `tail -f` sees them at the start.
			write(`${JSON.stringify({ level: at, time: now().toISOString(), event, ...fields })}\n`);
		};
	return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
